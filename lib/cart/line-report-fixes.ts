import type { AddLineOutcome } from "./add-lines";

/**
 * What a line of a per-line report (components/account/line-report.tsx: quick order, favorites,
 * reorder) shows once the buyer took its one-click fix – "Add 4 instead" for a quantity rule, or the
 * discontinued product's successor – so the report no longer contradicts the cart. Pure.
 */

type QuantityRuleOutcome = Extract<AddLineOutcome, { status: "quantity_rule" }>;
type AddedOutcome = Extract<AddLineOutcome, { status: "added" }>;

/** A fixed line: added after all, or replaced by its successor. */
export type FixedOutcome = AddedOutcome | { status: "successor_added"; sku: string; quantity: number };

/** The stock warning of a cart line of `lineQuantity` (as lib/cart/add-lines.ts reports added lines). */
export function stockWarningOf(stock: number, lineQuantity: number): "out_of_stock" | "partly_in_stock" | null {
  return stock <= 0 ? "out_of_stock" : lineQuantity > stock ? "partly_in_stock" : null;
}

/** A quantity-rule line after "Add N instead": N added to what the cart held. */
export function addedAfterSuggestion(outcome: QuantityRuleOutcome): AddedOutcome {
  const lineQuantity = outcome.inCart + outcome.suggested;
  return {
    status: "added",
    quantity: outcome.suggested,
    lineQuantity,
    stockWarning: stockWarningOf(outcome.stock, lineQuantity),
    stock: outcome.stock,
    leadTimeDays: outcome.leadTimeDays,
  };
}

export type ReportSummary = {
  added: number;
  problems: number;
  warnings: number;
};

/** The report's counts with the fixed lines (all of them problems before) counted as added. */
export function summaryAfterFixes(summary: ReportSummary, fixed: readonly FixedOutcome[]): ReportSummary {
  return {
    added: summary.added + fixed.length,
    problems: Math.max(summary.problems - fixed.length, 0),
    warnings: summary.warnings + fixed.filter((outcome) => outcome.status === "added" && outcome.stockWarning !== null).length,
  };
}
