/**
 * Parses pasted or uploaded lines of the customer's own article numbers: `sku;own number` per line,
 * the separator may also be a tab (Excel) or a comma. Pure: no I/O.
 *
 * - a first line that looks like a header (`sku;eigen artikelnummer`, `sku;own number`…) is skipped;
 * - an empty own number (`ABC-1;`) removes that SKU's number;
 * - quotes around fields and a UTF-8 byte-order mark are removed; columns after the second are ignored;
 * - every other line comes back, valid or not, so the report can name each one.
 */

import { delimitedFields, delimitedRows } from "@/lib/delimited-lines";

export const MAX_ARTICLE_NUMBER_LENGTH = 40;
export const MAX_ARTICLE_NUMBER_LINES = 5000;

export type ArticleNumberLine =
  | { lineNumber: number; kind: "set"; sku: string; articleNumber: string }
  | { lineNumber: number; kind: "remove"; sku: string }
  | { lineNumber: number; kind: "invalid"; sku: string; problem: "missing_sku" | "too_long" | "invalid_characters" };

export type ArticleNumberParse =
  | { ok: true; lines: ArticleNumberLine[]; headerSkipped: boolean }
  | { ok: false; error: "empty" }
  | { ok: false; error: "too_many_lines"; count: number };

const HEADER = /^(sku|artikel(nummer|nr\.?)?|art\.?\s?nr\.?|article( number)?|item( number)?|product( ?code)?|code)$/i;

/**
 * Checks one own number as typed: trimmed, 1–40 characters (OCI MATNR's length), no control
 * characters and no `;` (the list's own separator, so that an export always reads back).
 */
export function checkArticleNumber(value: string): { ok: true; value: string } | { ok: false; problem: "too_long" | "invalid_characters" } {
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f;]/.test(trimmed)) return { ok: false, problem: "invalid_characters" };
  if ([...trimmed].length > MAX_ARTICLE_NUMBER_LENGTH) return { ok: false, problem: "too_long" };
  return { ok: true, value: trimmed };
}

export function parseArticleNumberLines(input: string): ArticleNumberParse {
  const rows = delimitedRows(input);
  if (rows.length === 0) return { ok: false, error: "empty" };
  let headerSkipped = false;
  const lines: ArticleNumberLine[] = [];
  for (const [index, { raw, lineNumber }] of rows.entries()) {
    const [sku = "", number = ""] = delimitedFields(raw);
    if (index === 0 && HEADER.test(sku)) {
      headerSkipped = true;
      continue;
    }
    if (!sku) {
      lines.push({ lineNumber, kind: "invalid", sku, problem: "missing_sku" });
      continue;
    }
    if (number === "") {
      lines.push({ lineNumber, kind: "remove", sku });
      continue;
    }
    const checked = checkArticleNumber(number);
    lines.push(checked.ok ? { lineNumber, kind: "set", sku, articleNumber: checked.value } : { lineNumber, kind: "invalid", sku, problem: checked.problem });
  }
  if (lines.length > MAX_ARTICLE_NUMBER_LINES) return { ok: false, error: "too_many_lines", count: lines.length };
  return { ok: true, lines, headerSkipped };
}
