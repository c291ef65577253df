/**
 * Parses pasted or uploaded quick-order text: one line per product, `sku;quantity` – the
 * separator may also be a comma or a tab (Excel copies tab-separated). Pure: no I/O.
 *
 * - a first line that looks like a header (`sku;quantity`, `artikelnummer;aantal`…) is skipped and reported;
 * - blank lines carry nothing and are ignored; every other line comes back, valid or not;
 * - a missing quantity means 1 (reported as assumed), anything but a whole number is invalid;
 * - quotes around fields ("ABC-1";"5") and a UTF-8 byte-order mark are removed;
 * - columns after the second (descriptions, prices from an export) are ignored.
 */

import { delimitedFields, delimitedRows } from "@/lib/delimited-lines";

export const MAX_QUICK_ORDER_LINES = 1000;

export type ParsedLine =
  | { lineNumber: number; raw: string; kind: "item"; code: string; quantity: number; quantityAssumed: boolean }
  | { lineNumber: number; raw: string; kind: "invalid"; code: string; problem: "missing_sku" | "invalid_quantity"; quantityText: string }
  | { lineNumber: number; raw: string; kind: "header" };

export type ParseResult = { ok: true; lines: ParsedLine[] } | { ok: false; error: "too_many_lines"; count: number } | { ok: false; error: "empty" };

const HEADER_WORDS = /^(sku|artikel(nummer|nr\.?)?|art\.?\s?nr\.?|article( number)?|item( number)?|product( ?code)?|code|productnummer|bestelnummer)$/i;

/** "12", "12.0", "12,00", "1 000" → integer; anything else (incl. the ambiguous "1.000") → null. */
export function parseQuantity(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, "");
  const match = /^(\d{1,7})(?:[.,]0{1,2})?$/.exec(compact);
  return match ? Number(match[1]) : null;
}

export function parseQuickOrderText(input: string): ParseResult {
  const rows = delimitedRows(input);
  if (rows.length === 0) return { ok: false, error: "empty" };

  const lines: ParsedLine[] = [];
  for (const [index, { raw, lineNumber }] of rows.entries()) {
    const [code = "", quantityText = ""] = delimitedFields(raw);
    if (index === 0 && HEADER_WORDS.test(code) && parseQuantity(quantityText) === null) {
      lines.push({ lineNumber, raw, kind: "header" });
      continue;
    }
    if (!code) {
      lines.push({ lineNumber, raw, kind: "invalid", code, problem: "missing_sku", quantityText });
      continue;
    }
    if (quantityText === "") {
      lines.push({ lineNumber, raw, kind: "item", code, quantity: 1, quantityAssumed: true });
      continue;
    }
    const quantity = parseQuantity(quantityText);
    if (quantity === null || quantity < 1) {
      lines.push({ lineNumber, raw, kind: "invalid", code, problem: "invalid_quantity", quantityText });
      continue;
    }
    lines.push({ lineNumber, raw, kind: "item", code, quantity, quantityAssumed: false });
  }
  const count = lines.filter((l) => l.kind !== "header").length;
  if (count > MAX_QUICK_ORDER_LINES) return { ok: false, error: "too_many_lines", count };
  return { ok: true, lines };
}
