import { describe, expect, it } from "vitest";
import { pickBySkuKey, skuKeyOf } from "@/lib/catalog/sku-key";

describe("SKUs as typed", () => {
  it.each([
    ["kp001150", "KP001150"],
    ["KP 001150", "KP001150"],
    ["kp-001150", "KP001150"],
    [" Kp.00/1150 ", "KP001150"],
    ["café-1", "CAF1"],
    ["---", ""],
  ])("%j reads as %j (skuKey's reading of a SKU)", (text, key) => {
    expect(skuKeyOf(text)).toBe(key);
  });

  const product = (sku: string, active = true) => ({ sku, active });
  it.each([
    ["none", [], null],
    ["one", [product("KP-1")], { product: product("KP-1") }],
    ["one discontinued", [product("KP-1", false)], { product: product("KP-1", false) }],
    ["an active one next to a discontinued one", [product("KP1", false), product("KP-1")], { product: product("KP-1") }],
    ["two active ones", [product("KP-1"), product("KP1")], { ambiguous: ["KP-1", "KP1"] }],
    ["two discontinued ones", [product("KP-1", false), product("KP1", false)], { ambiguous: ["KP-1", "KP1"] }],
  ])("of %s: the product meant, or the candidates", (_label, candidates, expected) => {
    expect(pickBySkuKey(candidates)).toEqual(expected);
  });
});
