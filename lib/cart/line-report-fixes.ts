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

/**
 * A quantity-rule line after "Add N instead": N added to what the cart held – `inCart`, what it holds
 * of the product now (cartQuantityOf); the line's own `inCart` knew only the lines above it.
 */
export function addedAfterSuggestion(outcome: QuantityRuleOutcome, inCart: number = outcome.inCart): AddedOutcome {
  const lineQuantity = inCart + outcome.suggested;
  return {
    status: "added",
    quantity: outcome.suggested,
    lineQuantity,
    stockWarning: stockWarningOf(outcome.stock, lineQuantity),
    stock: outcome.stock,
    leadTimeDays: outcome.leadTimeDays,
  };
}

type ReportLine = { ref: number; sku: string | null; outcome: { status: string; lineQuantity?: number; inCart?: number } };

/**
 * What the cart holds of `sku` once the report was made and the fixes taken so far were added: the
 * report's lines count the cart as they went (an added line's lineQuantity, a refused line's inCart),
 * so the largest of them is what the report left; a fix after it adds its quantity. So a fixed line
 * says "(now 60 in your cart)" like any other line when a later line or fix of the report added the
 * same product, rather than the 30 its own line knew of.
 */
export function cartQuantityOf(sku: string, lines: readonly ReportLine[], fixed: ReadonlyMap<number, FixedOutcome>): number {
  let left = 0;
  for (const line of lines) {
    if (line.sku !== sku) continue;
    if (line.outcome.status === "added") left = Math.max(left, line.outcome.lineQuantity ?? 0);
    else if (line.outcome.status === "quantity_rule") left = Math.max(left, line.outcome.inCart ?? 0);
  }
  const skuOf = new Map(lines.map((line) => [line.ref, line.sku]));
  let since = 0;
  for (const [ref, outcome] of fixed) {
    if (outcome.status === "successor_added" ? outcome.sku === sku : skuOf.get(ref) === sku) since += outcome.quantity;
  }
  return left + since;
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
