/**
 * Parses pasted or uploaded quick-order text: one line per product, `sku;quantity` – the
 * separator may also be a comma or a tab (Excel copies tab-separated). Pure: no I/O.
 *
 * - a first line that looks like a header (`sku;quantity`, `artikelnummer;aantal`…) is skipped and reported;
 * - blank lines carry nothing and are ignored; every other line comes back, valid or not;
 * - a missing quantity means 1 (reported as assumed), anything but a whole number is invalid, with why;
 * - quotes around fields ("ABC-1";"5") and a UTF-8 byte-order mark are removed;
 * - columns after the second (descriptions, prices from an export) are ignored – except that with a
 *   comma as the separator, a quantity followed by a field of digits ("KP-1,2,5") may be a decimal
 *   quantity cut in two: such a line is refused as ambiguous (`comma_separator`), never added as 2.
 */

import { delimitedLine, delimitedRows } from "@/lib/delimited-lines";
import type { Locale } from "@/lib/i18n/locales";

export const MAX_QUICK_ORDER_LINES = 1000;

/**
 * Why a quantity cannot be ordered; `too_large` comes from lib/cart/add-lines.ts (its maximum per line),
 * `comma_separator` from a comma-separated line whose quantity may go on in the next field.
 */
export type QuantityProblem = "not_a_number" | "not_whole" | "ambiguous" | "not_positive" | "too_large" | "comma_separator";

export type ParsedLine =
  | { lineNumber: number; raw: string; kind: "item"; code: string; quantity: number; quantityAssumed: boolean }
  | { lineNumber: number; raw: string; kind: "invalid"; code: string; problem: "missing_sku"; quantityText: string }
  | { lineNumber: number; raw: string; kind: "invalid"; code: string; problem: "invalid_quantity"; quantityText: string; quantityProblem: QuantityProblem }
  | { lineNumber: number; raw: string; kind: "header" };

export type ParseResult = { ok: true; lines: ParsedLine[] } | { ok: false; error: "too_many_lines"; count: number } | { ok: false; error: "empty" };

export type QuantityReading = { ok: true; quantity: number } | { ok: false; problem: QuantityProblem };

const HEADER_WORDS = /^(sku|artikel(nummer|nr\.?)?|art\.?\s?nr\.?|article( number)?|item( number)?|product( ?code)?|code|productnummer|bestelnummer)$/i;

/** How each language writes numbers: Dutch 1.000,5 – English 1,000.5. */
const NOTATION: Record<Locale, { group: string; decimal: string }> = {
  nl: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

/** The number the text is in one notation (grouped: it used the thousands separator), or null when it is not one. */
function readIn(text: string, { group, decimal }: { group: string; decimal: string }): { value: number; grouped: boolean } | null {
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  const match = new RegExp(`^(\\d+|\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`).exec(text);
  if (!match) return null;
  const whole = match[1]!;
  const grouped = whole.includes(group);
  return { value: Number(`${whole.split(group).join("")}.${match[2] ?? "0"}`), grouped };
}

/**
 * A typed quantity as a number of pieces, read as the UI language writes numbers (Dutch "1.000" is
 * a thousand, English "1,000" too); spaces between groups of three digits ("1 000") are fine in both.
 * When the other language would read the same text as another number – a decimal part of three digits
 * after at most three digits ("1,000" in Dutch, "1.000" in English) – it is `ambiguous`: the buyer
 * should say which. Text only the other language reads ("12.0", "2.5" in Dutch) is read that way.
 * Without a locale (staff texts) both notations count, and any disagreement is `ambiguous`.
 */
export function readQuantity(text: string, locale?: Locale): QuantityReading {
  let compact = text.trim().replace(/[\u00a0\u202f]/g, " ");
  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(compact)) compact = compact.replace(/ /g, "");
  const negative = /^[-\u2212]/.test(compact);
  if (negative) compact = compact.slice(1);
  const order: Locale[] = locale ? [locale, locale === "nl" ? "en" : "nl"] : ["nl", "en"];
  const [first, second] = order.map((l) => readIn(compact, NOTATION[l]));
  let value: number;
  if (locale) {
    if (first) {
      // Ambiguous only where the UI's reading is a decimal fraction that the other notation reads as thousands.
      if (!first.grouped && second && second.value !== first.value) return { ok: false, problem: "ambiguous" };
      value = first.value;
    } else if (second) {
      value = second.value;
    } else {
      return { ok: false, problem: "not_a_number" };
    }
  } else {
    if (first && second && first.value !== second.value) return { ok: false, problem: "ambiguous" };
    const only = first ?? second;
    if (!only) return { ok: false, problem: "not_a_number" };
    value = only.value;
  }
  if (!Number.isInteger(value)) return { ok: false, problem: "not_whole" };
  if (negative || value < 1) return { ok: false, problem: "not_positive" };
  return { ok: true, quantity: value };
}

/** readQuantity's quantity, or null when it cannot be ordered (without a locale "1.000" is ambiguous: null). */
export function parseQuantity(text: string, locale?: Locale): number | null {
  const reading = readQuantity(text, locale);
  return reading.ok ? reading.quantity : null;
}

/**
 * One line's SKU and quantity as typed (a pasted line's first two fields, or a form row's two fields):
 * an empty quantity means 1, assumed.
 */
export function parseQuickOrderLine(lineNumber: number, raw: string, code: string, quantityText: string, locale?: Locale): ParsedLine {
  if (!code) return { lineNumber, raw, kind: "invalid", code, problem: "missing_sku", quantityText };
  if (quantityText === "") return { lineNumber, raw, kind: "item", code, quantity: 1, quantityAssumed: true };
  const reading = readQuantity(quantityText, locale);
  if (!reading.ok) return { lineNumber, raw, kind: "invalid", code, problem: "invalid_quantity", quantityText, quantityProblem: reading.problem };
  return { lineNumber, raw, kind: "item", code, quantity: reading.quantity, quantityAssumed: false };
}

/** A form row as the report's input column shows it: the two fields as typed ("kp000279 · 2,5"), not as a pasted line. */
export function rowInput(code: string, quantityText: string): string {
  return quantityText === "" ? code : `${code} · ${quantityText}`;
}

/** A whole number, possibly grouped with points or spaces ("2", "1.000"): the part of a quantity before a decimal comma. */
const WHOLE_PART = /^(\d+|\d{1,3}([. ]\d{3})+)$/;

/**
 * "KP-1,2,5": with commas between the fields, is the quantity 2 (and 5 an extra column) or 2,5 – or
 * "1,000" a thousand? The help text allows the comma as separator and extra columns are ignored, so
 * the line would be added as 2 with nothing said. A quantity followed by a field of digits only is
 * therefore not read; quoted fields ("KP-1","2","5") say where each ends and are read as usual.
 */
function quantityCutByComma(separator: string, fields: readonly { text: string; quoted: boolean }[]): boolean {
  const [, quantity, next] = fields;
  return separator === "," && !!quantity && !!next && !quantity.quoted && !next.quoted && WHOLE_PART.test(quantity.text) && /^\d+$/.test(next.text);
}

/** `locale`: the language the quantities are read in (readQuantity); without it, only what both read alike. */
export function parseQuickOrderText(input: string, locale?: Locale): ParseResult {
  const rows = delimitedRows(input);
  if (rows.length === 0) return { ok: false, error: "empty" };

  const lines: ParsedLine[] = [];
  for (const [index, { raw, lineNumber }] of rows.entries()) {
    const { separator, fields } = delimitedLine(raw);
    const code = fields[0]?.text ?? "";
    const quantityText = fields[1]?.text ?? "";
    if (index === 0 && HEADER_WORDS.test(code) && parseQuantity(quantityText, locale) === null) {
      lines.push({ lineNumber, raw, kind: "header" });
      continue;
    }
    if (code && quantityCutByComma(separator, fields)) {
      const text = `${quantityText},${fields[2]!.text}`;
      lines.push({ lineNumber, raw, kind: "invalid", code, problem: "invalid_quantity", quantityText: text, quantityProblem: "comma_separator" });
      continue;
    }
    lines.push(parseQuickOrderLine(lineNumber, raw, code, quantityText, locale));
  }
  const count = lines.filter((l) => l.kind !== "header").length;
  if (count > MAX_QUICK_ORDER_LINES) return { ok: false, error: "too_many_lines", count };
  return { ok: true, lines };
}
