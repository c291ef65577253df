import { OCI_ITEM_FIELDS, type OciField, type OciItemFieldName } from "./fields";

/**
 * Reads the fields of an OCI cart transfer back into lines, the way the procurement system does
 * (`NEW_ITEM-<FIELD>[n]`, the long text as `NEW_ITEM-LONGTEXT_<n>:132[]`; OCI 4.0/5.0 §3.2). Koppel
 * only sends these; it reads them back to show an account manager, field by field, what a
 * connection's buyer would receive (/admin/connections/[id]/test), with SAP's length of each field.
 */

export interface OciReceivedValue {
  field: string;
  value: string;
  /** SAP's maximum length of the field, null for the long text or a field OCI does not define. */
  maxLength: number | null;
  /** A field OCI 4.0/5.0 does not define (SAP ignores it). */
  unknown: boolean;
}

export interface OciReceivedItem {
  /** The line's index as sent (1-based). */
  index: number;
  values: OciReceivedValue[];
}

export interface OciReceivedCart {
  items: OciReceivedItem[];
  /** Everything that is not an item field: HOOK_URL parameters echoed back (~OkCode, ~caller…), legacy fields. */
  otherFields: OciField[];
}

const ITEM_FIELD = /^NEW_ITEM-([A-Z0-9_]+)\[(\d{1,4})\]$/i;
const LONG_TEXT = /^NEW_ITEM-LONGTEXT_(\d{1,4}):132\[\]$/i;
const FIELD_ORDER = Object.keys(OCI_ITEM_FIELDS);

function fieldRank(field: string): number {
  const rank = FIELD_ORDER.indexOf(field);
  return rank === -1 ? FIELD_ORDER.length : rank;
}

export function readOciTransferFields(fields: readonly OciField[]): OciReceivedCart {
  const items = new Map<number, OciReceivedValue[]>();
  const otherFields: OciField[] = [];
  for (const [name, value] of fields) {
    const longText = LONG_TEXT.exec(name);
    const item = longText ? null : ITEM_FIELD.exec(name);
    const index = Number(longText?.[1] ?? item?.[2] ?? Number.NaN);
    if (!Number.isInteger(index) || index < 1) {
      otherFields.push([name, value]);
      continue;
    }
    const field = longText ? "LONGTEXT" : item![1]!.toUpperCase();
    const known = Object.hasOwn(OCI_ITEM_FIELDS, field);
    const values = items.get(index) ?? [];
    values.push({ field, value, maxLength: known ? OCI_ITEM_FIELDS[field as OciItemFieldName].maxLength : null, unknown: !known });
    items.set(index, values);
  }
  return {
    items: [...items.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, values]) => ({ index, values: values.sort((a, b) => fieldRank(a.field) - fieldRank(b.field)) })),
    otherFields,
  };
}

/** Whether a value is longer than SAP's field (characters: "the field type is always CHAR"). */
export function exceedsOciLength(value: OciReceivedValue): boolean {
  return value.maxLength !== null && [...value.value].length > value.maxLength;
}
