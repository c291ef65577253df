import { describe, expect, it } from "vitest";
import { checkQuantity, nearestValidQuantities, orderableTiers, quantityRuleHint, quantityRuleShape, smallestValidQuantity, validQuantitiesAround } from "@/lib/cart/quantity-rules";

describe("checkQuantity", () => {
  it.each([
    { label: "plain 1", qty: 1, min: 1, mult: 1, ok: true },
    { label: "zero", qty: 0, min: 1, mult: 1, reason: "not_positive", suggested: 1 },
    { label: "fraction", qty: 1.5, min: 1, mult: 1, reason: "not_positive", suggested: 1 },
    { label: "below minimum 5", qty: 3, min: 5, mult: 1, reason: "below_minimum", suggested: 5 },
    { label: "minimum 5 with multiple 4 → 8", qty: 3, min: 5, mult: 4, reason: "below_minimum", suggested: 8 },
    { label: "multiple of 6: 7 → 6", qty: 7, min: 1, mult: 6, reason: "not_multiple", suggested: 6 },
    { label: "multiple of 6: 10 → 12", qty: 10, min: 1, mult: 6, reason: "not_multiple", suggested: 12 },
    { label: "multiple of 6, tie 9 → 12 (round up)", qty: 9, min: 1, mult: 6, reason: "not_multiple", suggested: 12 },
    { label: "multiple of 10 with min 20: 21 → 20", qty: 21, min: 20, mult: 10, reason: "not_multiple", suggested: 20 },
    { label: "exact multiple", qty: 24, min: 12, mult: 12, ok: true },
    { label: "minimum 12 per 6: 6 → 12", qty: 6, min: 12, mult: 6, reason: "below_minimum", suggested: 12 },
    { label: "minimum 10 per 6: 10 is no multiple → 12", qty: 10, min: 10, mult: 6, reason: "not_multiple", suggested: 12 },
    { label: "minimum 10 per 6: 11 → 12, never 6 (below the minimum)", qty: 11, min: 10, mult: 6, reason: "not_multiple", suggested: 12 },
    { label: "per 2: 3 → 4 (tie up)", qty: 3, min: 1, mult: 2, reason: "not_multiple", suggested: 4 },
    { label: "minimum 12 per 6: 18", qty: 18, min: 12, mult: 6, ok: true },
  ])("$label", ({ qty, min, mult, ok, reason, suggested }) => {
    const result = checkQuantity(qty, { minOrderQuantity: min, orderMultiple: mult });
    if (ok) expect(result).toEqual({ ok: true });
    else expect(result).toEqual({ ok: false, reason, suggestedQuantity: suggested });
  });
});

describe("quantityRuleShape", () => {
  it.each([
    { minOrderQuantity: 1, orderMultiple: 1, shape: "min" },
    { minOrderQuantity: 2, orderMultiple: 1, shape: "min" },
    { minOrderQuantity: 2, orderMultiple: 2, shape: "multiple" },
    { minOrderQuantity: 1, orderMultiple: 25, shape: "multiple" },
    { minOrderQuantity: 10, orderMultiple: 5, shape: "both" },
  ] as const)("minimum $minOrderQuantity, multiple $orderMultiple: $shape", ({ shape, ...rules }) => {
    expect(quantityRuleShape(rules)).toBe(shape);
  });
});

describe("smallestValidQuantity", () => {
  it.each([
    { min: 1, mult: 1, smallest: 1 },
    { min: 5, mult: 1, smallest: 5 },
    { min: 1, mult: 6, smallest: 6 },
    { min: 6, mult: 6, smallest: 6 },
    { min: 12, mult: 6, smallest: 12 },
    { min: 10, mult: 6, smallest: 12 },
    { min: 50, mult: 25, smallest: 50 },
  ])("minimum $min, multiple $mult: $smallest", ({ min, mult, smallest }) => {
    expect(smallestValidQuantity({ minOrderQuantity: min, orderMultiple: mult })).toBe(smallest);
  });
});

describe("nearestValidQuantities", () => {
  it.each([
    { label: "valid itself", qty: 4, min: 1, mult: 2, below: 4, above: 4 },
    { label: "per 2: 3 lies between 2 and 4", qty: 3, min: 1, mult: 2, below: 2, above: 4 },
    { label: "per 2: 1 lies below the smallest", qty: 1, min: 1, mult: 2, below: null, above: 2 },
    { label: "minimum 12 per 6: 6 is a multiple but below the minimum", qty: 6, min: 12, mult: 6, below: null, above: 12 },
    { label: "minimum 12 per 6: the smallest itself", qty: 12, min: 12, mult: 6, below: 12, above: 12 },
    { label: "minimum 10 per 6: 10", qty: 10, min: 10, mult: 6, below: null, above: 12 },
    { label: "minimum 10 per 6: 13", qty: 13, min: 10, mult: 6, below: 12, above: 18 },
    { label: "minimum 5, per piece: 3", qty: 3, min: 5, mult: 1, below: null, above: 5 },
    { label: "zero", qty: 0, min: 1, mult: 1, below: null, above: 1 },
  ])("$label", ({ qty, min, mult, below, above }) => {
    expect(nearestValidQuantities(qty, { minOrderQuantity: min, orderMultiple: mult })).toEqual({ below, above });
  });
});

describe("validQuantitiesAround: the cart line's offers for a refused quantity", () => {
  it.each([
    { label: "per 10: 35 → 30 and 40", qty: 35, min: 1, mult: 10, offers: [30, 40] },
    { label: "per 10: 55 → 50 and 60", qty: 55, min: 10, mult: 10, offers: [50, 60] },
    { label: "per 10: 5 → only 10 (none below)", qty: 5, min: 1, mult: 10, offers: [10] },
    { label: "minimum 12 per 6: 7 → only 12 (6 is below the minimum)", qty: 7, min: 12, mult: 6, offers: [12] },
    { label: "minimum 10 per 6: 11 → only 12", qty: 11, min: 10, mult: 6, offers: [12] },
    { label: "minimum 10 per 6: 13 → 12 and 18", qty: 13, min: 10, mult: 6, offers: [12, 18] },
    { label: "minimum 5 per piece: 3 → only 5", qty: 3, min: 5, mult: 1, offers: [5] },
    { label: "per 1,000: 1,500 → 1,000 and 2,000", qty: 1500, min: 1, mult: 1000, offers: [1000, 2000] },
    { label: "a valid quantity: itself once", qty: 40, min: 1, mult: 10, offers: [40] },
  ])("$label", ({ qty, min, mult, offers }) => {
    expect(validQuantitiesAround(qty, { minOrderQuantity: min, orderMultiple: mult })).toEqual(offers);
  });
});

describe("quantityRuleHint", () => {
  it.each([
    { label: "no rules", min: 1, mult: 1, hint: null },
    { label: "minimum only", min: 12, mult: 1, hint: { shape: "min", min: 12, multiple: 1 } },
    { label: "per 2", min: 1, mult: 2, hint: { shape: "multiple", min: 2, multiple: 2 } },
    { label: "minimum of one multiple", min: 6, mult: 6, hint: { shape: "multiple", min: 6, multiple: 6 } },
    { label: "minimum 12 per 6", min: 12, mult: 6, hint: { shape: "both", min: 12, multiple: 6 } },
    { label: "minimum 10 per 6 names 12, the smallest it accepts", min: 10, mult: 6, hint: { shape: "both", min: 12, multiple: 6 } },
  ])("$label", ({ min, mult, hint }) => {
    expect(quantityRuleHint({ minOrderQuantity: min, orderMultiple: mult })).toEqual(hint);
  });
});

describe("orderableTiers", () => {
  const ladder = (...steps: [number, number][]) => steps.map(([minQuantity, unitPriceMinor]) => ({ minQuantity, unitPriceMinor }));
  it.each([
    { label: "no rules: as it is", min: 1, mult: 1, tiers: ladder([1, 500], [10, 450]), shown: ladder([1, 500], [10, 450]) },
    { label: "minimum 12 per 6 (KP-001238): from 12, then 30", min: 12, mult: 6, tiers: ladder([1, 2700], [30, 2490]), shown: ladder([12, 2700], [30, 2490]) },
    { label: "a tier below the minimum takes over the first row", min: 12, mult: 6, tiers: ladder([1, 500], [6, 480], [30, 450]), shown: ladder([12, 480], [30, 450]) },
    { label: "a tier at the minimum replaces the base", min: 12, mult: 1, tiers: ladder([1, 500], [12, 480], [50, 450]), shown: ladder([12, 480], [50, 450]) },
    { label: "a tier between multiples starts at the next multiple", min: 1, mult: 6, tiers: ladder([1, 500], [25, 450]), shown: ladder([6, 500], [30, 450]) },
    { label: "two tiers on the same multiple: the later one applies there", min: 1, mult: 6, tiers: ladder([1, 500], [25, 450], [28, 440]), shown: ladder([6, 500], [30, 440]) },
    { label: "all below the minimum: one row", min: 50, mult: 25, tiers: ladder([1, 500], [10, 450]), shown: ladder([50, 450]) },
  ])("$label", ({ min, mult, tiers, shown }) => {
    expect(orderableTiers(tiers, { minOrderQuantity: min, orderMultiple: mult })).toEqual(shown);
  });
});
