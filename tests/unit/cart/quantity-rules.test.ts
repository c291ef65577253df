import { describe, expect, it } from "vitest";
import { checkQuantity, quantityRuleShape } from "@/lib/cart/quantity-rules";

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
