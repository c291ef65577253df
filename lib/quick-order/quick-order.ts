import "server-only";
import { addLinesToCart, type AddLineOutcome } from "@/lib/cart/add-lines";
import type { CartOwner } from "@/lib/cart/cart-service";
import type { SuccessorOffer } from "@/lib/catalog/product-relations";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { parseQuickOrderLine, parseQuickOrderText, rowInput, type ParsedLine } from "./parse-lines";

/** One row of the quick-order report: every non-blank input line gets exactly one. */
export interface QuickOrderReportLine {
  lineNumber: number;
  /**
   * The line as the buyer typed it ("KP-000137;2,5"; a form row's two fields as "KP-000137 · 2,5"),
   * so a quantity that could not be read shows.
   */
  input: string;
  /** A pasted line exactly as typed, untrimmed: what goes back into the paste box when it was not added. */
  raw: string;
  code: string;
  requested: number | null;
  quantityAssumed: boolean;
  sku: string | null;
  name: string | null;
  unit: string | null;
  outcome: AddLineOutcome | { status: "header" } | { status: "missing_sku" };
  /** A discontinued product's successor, offered instead (lib/cart/add-lines.ts). */
  successor?: SuccessorOffer | null;
}

export interface QuickOrderReport {
  lines: QuickOrderReportLine[];
  added: number;
  problems: number;
  warnings: number;
}

/** Pasted text or an uploaded CSV → cart lines, with a report line for every input line; quantities read as `locale` writes numbers. */
export async function quickOrderFromText(owner: CartOwner, text: string, locale: Locale): Promise<QuickOrderReport> {
  const parsed = parseQuickOrderText(text, locale);
  if (!parsed.ok) {
    if (parsed.error === "empty") throw new AppError("invalid_input", "quick_order_empty");
    throw new AppError("invalid_input", "too_many_lines", { count: parsed.count, max: 1000 });
  }
  return reportLines(owner, parsed.lines, locale);
}

/**
 * Rows of the quick-order form (SKU and quantity fields, the quantity as typed) → the same report;
 * empty rows are left out, a row without a quantity orders 1 (reported as assumed).
 */
export async function quickOrderFromRows(owner: CartOwner, rows: { code: string; quantity: string }[], locale: Locale): Promise<QuickOrderReport> {
  const lines = rows.flatMap((row, index) => {
    const code = row.code.trim();
    const quantity = row.quantity.trim();
    return code === "" ? [] : [parseQuickOrderLine(index + 1, rowInput(code, quantity), code, quantity, locale)];
  });
  if (lines.length === 0) throw new AppError("invalid_input", "quick_order_empty");
  return reportLines(owner, lines, locale);
}

async function reportLines(owner: CartOwner, parsed: ParsedLine[], locale: Locale): Promise<QuickOrderReport> {
  // A line whose quantity could not be read is looked up too (never added), so its report names the product.
  const result = await addLinesToCart(
    owner,
    parsed.flatMap((line) =>
      line.kind === "item"
        ? [{ code: line.code, quantity: line.quantity, ref: line.lineNumber }]
        : line.kind === "invalid" && line.problem === "invalid_quantity"
          ? [{ code: line.code, quantity: 1, ref: line.lineNumber, quantityProblem: line.quantityProblem }]
          : [],
    ),
    locale,
  );
  const byRef = new Map(result.lines.map((line) => [line.ref, line]));
  const lines = parsed.map((line): QuickOrderReportLine => {
    const input = line.raw.trim();
    const raw = line.raw;
    if (line.kind === "header") {
      return { lineNumber: line.lineNumber, input, raw, code: input, requested: null, quantityAssumed: false, sku: null, name: null, unit: null, outcome: { status: "header" } };
    }
    if (line.kind === "invalid" && line.problem === "missing_sku") {
      return { lineNumber: line.lineNumber, input, raw, code: line.code, requested: null, quantityAssumed: false, sku: null, name: null, unit: null, outcome: { status: "missing_sku" } };
    }
    const report = byRef.get(line.lineNumber)!;
    return {
      lineNumber: line.lineNumber,
      input,
      raw,
      code: line.code,
      requested: line.kind === "item" ? line.quantity : null,
      quantityAssumed: line.kind === "item" && line.quantityAssumed,
      sku: report.sku,
      name: report.name,
      unit: report.unit,
      outcome: report.outcome,
      successor: report.successor ?? null,
    };
  });
  return summarize(lines);
}

function summarize(lines: QuickOrderReportLine[]): QuickOrderReport {
  const added = lines.filter((l) => l.outcome.status === "added").length;
  const warnings = lines.filter((l) => l.outcome.status === "added" && l.outcome.stockWarning !== null).length;
  const problems = lines.filter((l) => l.outcome.status !== "added" && l.outcome.status !== "header").length;
  return { lines, added, problems, warnings };
}
