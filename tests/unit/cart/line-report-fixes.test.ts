import { describe, expect, it } from "vitest";
import { addedAfterSuggestion, stockWarningOf, summaryAfterFixes } from "@/lib/cart/line-report-fixes";

const rule = { status: "quantity_rule", reason: "below_minimum", minimum: 5, multiple: 1, suggested: 4, inCart: 1, stock: 100, leadTimeDays: 3 } as const;

describe("a report line after its one-click fix", () => {
  it.each<[string, { inCart: number; suggested: number; stock?: number }, object]>([
    ["nothing in the cart yet", { inCart: 0, suggested: 5 }, { quantity: 5, lineQuantity: 5, stockWarning: null }],
    ["4 added to the 1 in the cart: the line holds 5", { inCart: 1, suggested: 4 }, { quantity: 4, lineQuantity: 5, stockWarning: null }],
    ["more than in stock", { inCart: 8, suggested: 4, stock: 10 }, { quantity: 4, lineQuantity: 12, stockWarning: "partly_in_stock" }],
    ["out of stock", { inCart: 0, suggested: 5, stock: 0 }, { quantity: 5, lineQuantity: 5, stockWarning: "out_of_stock" }],
  ])("Add N instead: %s", (_label, change, expected) => {
    expect(addedAfterSuggestion({ ...rule, ...change })).toEqual({ status: "added", stock: change.stock ?? 100, leadTimeDays: 3, ...expected });
  });

  it.each([
    [0, 1, "out_of_stock"],
    [3, 3, null],
    [3, 4, "partly_in_stock"],
  ] as const)("stock %i for a line of %i → %j", (stock, lineQuantity, expected) => {
    expect(stockWarningOf(stock, lineQuantity)).toBe(expected);
  });

  it.each([
    ["no fix taken", [], { added: 0, problems: 2, warnings: 0 }],
    ["a quantity fixed", [addedAfterSuggestion(rule)], { added: 1, problems: 1, warnings: 0 }],
    [
      "a quantity fixed beyond stock and a successor added",
      [addedAfterSuggestion({ ...rule, stock: 2 }), { status: "successor_added" as const, sku: "KP-2", quantity: 3 }],
      { added: 2, problems: 0, warnings: 1 },
    ],
  ])("the counts: %s", (_label, fixed, expected) => {
    expect(summaryAfterFixes({ added: 0, problems: 2, warnings: 0 }, fixed)).toEqual(expected);
  });
});
