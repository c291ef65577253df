import { z } from "zod";
import type { AttributeMeaning } from "./attributes";

/**
 * The rules of an attribute definition (what a key of products.attributes means: its names, its
 * place, whether the shop filters on it, English labels for its Dutch values), shared by the back
 * office's form and PUT /admin/api/attributes. Pure.
 */

/** As the product import takes an attribute key (lib/catalog/product-import.ts), so every stored key can be defined. */
export const attributeKeySchema = z.string().trim().min(1).max(40);

export const MAX_VALUE_LABELS = 500;
export const MAX_VALUE_LABEL_LENGTH = 200;
/** The longest value-label text the form takes: 500 lines of two full sides and a separator. */
export const MAX_VALUE_LABEL_TEXT = MAX_VALUE_LABELS * (2 * MAX_VALUE_LABEL_LENGTH + 5);
export const MAX_DEFINITIONS_PER_PUT = 1000;

export type ValueLabelProblem = "missing_separator" | "value_empty" | "label_empty" | "value_too_long" | "label_too_long" | "line_break" | "value_has_equals" | "duplicate_value" | "too_many_labels";

/**
 * Checks Dutch value → English label pairs (trimmed): both sides 1–200 characters on one line, each
 * Dutch value once, at most 500. The Dutch value holds no "=": the form's text splits a line at its
 * first "=", so a value with one could not be written back as it was read. The first problem wins,
 * with the index of its pair.
 */
export function checkValueLabels(pairs: readonly (readonly [string, string])[]): { labels: Record<string, string> } | { index: number; problem: ValueLabelProblem } {
  // A Map, then fromEntries: a Dutch value "__proto__" or "constructor" is a value like any other.
  const labels = new Map<string, string>();
  for (const [index, [rawValue, rawLabel]] of pairs.entries()) {
    if (index >= MAX_VALUE_LABELS) return { index, problem: "too_many_labels" };
    const value = rawValue.trim();
    const label = rawLabel.trim();
    if (value.includes("=")) return { index, problem: "value_has_equals" };
    if (/[\r\n]/.test(value) || /[\r\n]/.test(label)) return { index, problem: "line_break" };
    if (!value) return { index, problem: "value_empty" };
    if (!label) return { index, problem: "label_empty" };
    if (value.length > MAX_VALUE_LABEL_LENGTH) return { index, problem: "value_too_long" };
    if (label.length > MAX_VALUE_LABEL_LENGTH) return { index, problem: "label_too_long" };
    if (labels.has(value)) return { index, problem: "duplicate_value" };
    labels.set(value, label);
  }
  return { labels: Object.fromEntries(labels) };
}

/**
 * The form's text, one `blauw = blue` a line (split at the first "="), blank lines ignored. A
 * malformed line refuses the whole text, naming its line number (1-based, blank lines counted, as
 * the admin sees them in the textarea).
 */
export function parseValueLabels(text: string): { labels: Record<string, string> } | { line: number; problem: ValueLabelProblem } {
  const lines = text.split(/\r\n|\r|\n/);
  const pairs: [string, string][] = [];
  const lineOf: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at < 0) return { line: i + 1, problem: "missing_separator" };
    pairs.push([line.slice(0, at), line.slice(at + 1)]);
    lineOf.push(i + 1);
  }
  const checked = checkValueLabels(pairs);
  return "labels" in checked ? checked : { line: lineOf[checked.index]!, problem: checked.problem };
}

/** The form's text of stored labels, by Dutch value (jsonb keeps no order of its own); parses back to the same. */
export function formatValueLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b, "nl"))
    .map(([value, label]) => `${value} = ${label}`)
    .join("\n");
}

/** English labels as the API takes them: an object of Dutch value → English label, by checkValueLabels' rules. */
export const valueLabelsSchema = z.record(z.string(), z.string()).transform((record, ctx) => {
  const pairs = Object.entries(record);
  const checked = checkValueLabels(pairs);
  if ("labels" in checked) return checked.labels;
  ctx.addIssue({ code: "custom", message: checked.problem, path: [pairs[checked.index]![0]] });
  return z.NEVER;
});

/**
 * One definition in PUT /admin/api/attributes, upserted by key. On an update, what is left out is
 * kept; on a create, nameEn is the Dutch name, filterable false, no labels, and the position after
 * the last definition.
 */
export const attributeDefinitionSchema = z.object({
  key: attributeKeySchema,
  nameNl: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  filterable: z.boolean().optional(),
  valueLabelsEn: valueLabelsSchema.optional(),
});
export type AttributeDefinitionInput = z.infer<typeof attributeDefinitionSchema>;

/** A definition as stored (lib/catalog/attributes.ts AttributeMeaning). */
export type StoredAttributeDefinition = AttributeMeaning;

export interface AttributeDefinitionPlan {
  key: string;
  outcome: "created" | "updated" | "unchanged";
  values: StoredAttributeDefinition;
}

/** The first key that occurs twice in a batch (its index), or null. */
export function duplicateKeyIndex(rows: readonly { key: string }[]): number | null {
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    if (seen.has(row.key)) return index;
    seen.add(row.key);
  }
  return null;
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
};

export function sameDefinition(a: StoredAttributeDefinition, b: StoredAttributeDefinition): boolean {
  return a.nameNl === b.nameNl && a.nameEn === b.nameEn && a.position === b.position && a.filterable === b.filterable && sameLabels(a.valueLabelsEn, b.valueLabelsEn);
}

/** The position after every stored one (0 for the first definition). */
export function nextPosition(stored: readonly { position: number }[]): number {
  return stored.length ? Math.max(...stored.map((definition) => definition.position)) + 1 : 0;
}

/**
 * What upserting `rows` (keys unique, see duplicateKeyIndex) over `stored` does per key. New keys
 * without a position go after the last definition, in the batch's order.
 */
export function planAttributeUpsert(rows: readonly AttributeDefinitionInput[], stored: readonly StoredAttributeDefinition[]): AttributeDefinitionPlan[] {
  const byKey = new Map(stored.map((definition) => [definition.key, definition]));
  let next = nextPosition(stored);
  return rows.map((row) => {
    const current = byKey.get(row.key);
    if (!current) {
      const position = row.position ?? next;
      next = Math.max(next, position + 1);
      return {
        key: row.key,
        outcome: "created",
        values: { key: row.key, nameNl: row.nameNl, nameEn: row.nameEn ?? row.nameNl, position, filterable: row.filterable ?? false, valueLabelsEn: row.valueLabelsEn ?? {} },
      };
    }
    const values: StoredAttributeDefinition = {
      key: current.key,
      nameNl: row.nameNl,
      nameEn: row.nameEn ?? current.nameEn,
      position: row.position ?? current.position,
      filterable: row.filterable ?? current.filterable,
      valueLabelsEn: row.valueLabelsEn ?? current.valueLabelsEn,
    };
    return { key: row.key, outcome: sameDefinition(values, current) ? "unchanged" : "updated", values };
  });
}

/**
 * Moves a definition one place up or down in `ordered` (the shop's order: position, then key, as
 * the database sorted them). Distinct positions swap, leaving every other number alone; equal ones
 * (definitions made without a position) cannot say which comes first, so then all are numbered
 * 0, 1, 2… in the new order. Only changed positions are returned; null when it cannot move that way.
 */
export function moveDefinition(ordered: readonly { key: string; position: number }[], key: string, direction: "up" | "down"): { key: string; position: number }[] | null {
  const from = ordered.findIndex((definition) => definition.key === key);
  if (from < 0) return null;
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= ordered.length) return null;
  const self = ordered[from]!;
  const other = ordered[to]!;
  if (self.position !== other.position) {
    return [
      { key: self.key, position: other.position },
      { key: other.key, position: self.position },
    ];
  }
  const wanted = [...ordered];
  [wanted[from], wanted[to]] = [other, self];
  return wanted.flatMap((definition, position) => (definition.position === position ? [] : [{ key: definition.key, position }]));
}

export interface AttributeUsage {
  key: string;
  activeProducts: number;
  inactiveProducts: number;
  /** How many different values the products hold for the key. */
  distinctValues: number;
  /** The most common values, most products first. */
  examples: { value: string; products: number }[];
}

/**
 * The back office's list: every definition in the shop's order, then the keys products use that
 * nobody defined yet (most used first), each with its usage (none for a key no product holds).
 */
export function attributeAdminRows<D extends { key: string }>(
  definitions: readonly D[],
  usage: readonly AttributeUsage[],
): { key: string; definition: D | null; usage: AttributeUsage; first: boolean; last: boolean }[] {
  const usageOf = new Map(usage.map((entry) => [entry.key, entry]));
  const none = (key: string): AttributeUsage => ({ key, activeProducts: 0, inactiveProducts: 0, distinctValues: 0, examples: [] });
  const defined = new Set(definitions.map((definition) => definition.key));
  const undefinedKeys = usage
    .filter((entry) => !defined.has(entry.key))
    .sort((a, b) => b.activeProducts + b.inactiveProducts - (a.activeProducts + a.inactiveProducts) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [
    ...definitions.map((definition, i) => ({ key: definition.key, definition, usage: usageOf.get(definition.key) ?? none(definition.key), first: i === 0, last: i === definitions.length - 1 })),
    ...undefinedKeys.map((entry) => ({ key: entry.key, definition: null, usage: entry, first: true, last: true })),
  ];
}
