import "server-only";
import { addLinesToCart, type AddLineOutcome } from "@/lib/cart/add-lines";
import type { CartOwner } from "@/lib/cart/cart-service";
import type { SuccessorOffer } from "@/lib/catalog/product-relations";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { parseQuickOrderText } from "./parse-lines";

/** One row of the quick-order report: every non-blank input line gets exactly one. */
export interface QuickOrderReportLine {
  lineNumber: number;
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

/** Pasted text or an uploaded CSV → cart lines, with a report line for every input line. */
export async function quickOrderFromText(owner: CartOwner, text: string, locale: Locale): Promise<QuickOrderReport> {
  const parsed = parseQuickOrderText(text);
  if (!parsed.ok) {
    if (parsed.error === "empty") throw new AppError("invalid_input", "quick_order_empty");
    throw new AppError("invalid_input", "too_many_lines", { count: parsed.count, max: 1000 });
  }
  const items = parsed.lines.flatMap((line) => (line.kind === "item" ? [line] : []));
  const result = await addLinesToCart(
    owner,
    items.map((line) => ({ code: line.code, quantity: line.quantity, ref: line.lineNumber })),
    locale,
  );
  const byRef = new Map(result.lines.map((line) => [line.ref, line]));
  const lines = parsed.lines.map((line): QuickOrderReportLine => {
    if (line.kind === "header") {
      return { lineNumber: line.lineNumber, code: line.raw.trim(), requested: null, quantityAssumed: false, sku: null, name: null, unit: null, outcome: { status: "header" } };
    }
    if (line.kind === "invalid") {
      return {
        lineNumber: line.lineNumber,
        code: line.code,
        requested: null,
        quantityAssumed: false,
        sku: null,
        name: null,
        unit: null,
        outcome: line.problem === "missing_sku" ? { status: "missing_sku" } : { status: "invalid_quantity" },
      };
    }
    const report = byRef.get(line.lineNumber)!;
    return {
      lineNumber: line.lineNumber,
      code: line.code,
      requested: line.quantity,
      quantityAssumed: line.quantityAssumed,
      sku: report.sku,
      name: report.name,
      unit: report.unit,
      outcome: report.outcome,
      successor: report.successor ?? null,
    };
  });
  return summarize(lines);
}

/** Rows of the quick-order form (SKU + quantity fields) → the same report. */
export async function quickOrderFromRows(owner: CartOwner, rows: { code: string; quantity: number }[], locale: Locale): Promise<QuickOrderReport> {
  const filled = rows.map((row, index) => ({ ...row, ref: index + 1 })).filter((row) => row.code.trim() !== "");
  if (filled.length === 0) throw new AppError("invalid_input", "quick_order_empty");
  const result = await addLinesToCart(owner, filled, locale);
  return summarize(
    result.lines.map((line) => ({
      lineNumber: line.ref,
      code: line.code,
      requested: line.requested,
      quantityAssumed: false,
      sku: line.sku,
      name: line.name,
      unit: line.unit,
      outcome: line.outcome,
      successor: line.successor ?? null,
    })),
  );
}

function summarize(lines: QuickOrderReportLine[]): QuickOrderReport {
  const added = lines.filter((l) => l.outcome.status === "added").length;
  const warnings = lines.filter((l) => l.outcome.status === "added" && l.outcome.stockWarning !== null).length;
  const problems = lines.filter((l) => l.outcome.status !== "added" && l.outcome.status !== "header").length;
  return { lines, added, problems, warnings };
}
