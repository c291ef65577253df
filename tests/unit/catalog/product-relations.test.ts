import { describe, expect, it } from "vitest";
import {
  checkRelationShape,
  checkRelationTargets,
  MAX_ACCESSORIES,
  parseSkuList,
  relationSkusFromText,
  relationsPutSchema,
  splitRelations,
  successorCycle,
  successorQuantity,
  toSuccessorOffer,
  type RelationSkus,
} from "@/lib/catalog/product-relations";

const none = (): RelationSkus => ({ accessories: [], alternatives: [], successor: null });
const skus = (count: number) => Array.from({ length: count }, (_, i) => `KP-${String(i + 1).padStart(6, "0")}`);

describe("parseSkuList", () => {
  it.each([
    { label: "empty", text: "", expected: [] },
    { label: "blank lines only", text: "\n  \n\t", expected: [] },
    { label: "one per line", text: "KP-1\nKP-2\r\nKP-3", expected: ["KP-1", "KP-2", "KP-3"] },
    { label: "comma-separated with spaces", text: "KP-1, KP-2 ,KP-3", expected: ["KP-1", "KP-2", "KP-3"] },
    { label: "mixed, trailing comma, Excel tabs", text: "KP-1,\nKP-2\tKP-3,,", expected: ["KP-1", "KP-2", "KP-3"] },
    { label: "order kept, case kept", text: "b-2\nA-1", expected: ["b-2", "A-1"] },
  ])("$label", ({ text, expected }) => {
    expect(parseSkuList(text)).toEqual(expected);
  });
});

describe("relationSkusFromText", () => {
  it.each([
    { label: "empty successor is none", input: { accessories: "KP-1", alternatives: "", successor: "  " }, expected: { accessories: ["KP-1"], alternatives: [], successor: null } },
    { label: "successor trimmed", input: { accessories: "", alternatives: "KP-2,KP-3", successor: " KP-9\n" }, expected: { accessories: [], alternatives: ["KP-2", "KP-3"], successor: "KP-9" } },
  ])("$label", ({ input, expected }) => {
    expect(relationSkusFromText(input)).toEqual(expected);
  });
});

describe("checkRelationShape", () => {
  it.each([
    { label: "nothing is fine", input: none(), expected: [] },
    { label: "20 accessories is the limit", input: { ...none(), accessories: skus(MAX_ACCESSORIES) }, expected: [] },
    { label: "21 accessories is too many", input: { ...none(), accessories: skus(21) }, expected: [{ field: "accessories", problem: "too_many", max: 20 }] },
    { label: "21 alternatives is too many", input: { ...none(), alternatives: skus(21) }, expected: [{ field: "alternatives", problem: "too_many", max: 20 }] },
    {
      label: "a SKU twice in one list is named once",
      input: { ...none(), accessories: ["KP-2", "KP-3", "KP-2", "KP-2"] },
      expected: [{ field: "accessories", problem: "duplicate_sku", skus: ["KP-2"] }],
    },
    { label: "the same SKU in both lists is allowed", input: { ...none(), accessories: ["KP-2"], alternatives: ["KP-2"] }, expected: [] },
    { label: "itself as accessory", input: { ...none(), accessories: ["KP-2", "KP-1"] }, expected: [{ field: "accessories", problem: "itself", skus: ["KP-1"] }] },
    { label: "itself as alternative", input: { ...none(), alternatives: ["KP-1"] }, expected: [{ field: "alternatives", problem: "itself", skus: ["KP-1"] }] },
    { label: "itself as successor", input: { ...none(), successor: "KP-1" }, expected: [{ field: "successor", problem: "itself", skus: ["KP-1"] }] },
    { label: "SKUs are compared exactly", input: { ...none(), successor: "kp-1" }, expected: [] },
  ])("$label", ({ input, expected }) => {
    expect(checkRelationShape("KP-1", input as RelationSkus)).toEqual(expected);
  });
});

describe("checkRelationTargets", () => {
  const found = new Map([
    ["KP-2", { active: true }],
    ["KP-3", { active: false }],
    ["KP-9", { active: true }],
  ]);
  const nothingStored = { accessories: new Set<string>(), alternatives: new Set<string>(), successor: new Set<string>() };
  it.each([
    { label: "known and active", input: { accessories: ["KP-2"], alternatives: ["KP-9"], successor: "KP-9" }, stored: nothingStored, expected: [] },
    {
      label: "every unknown SKU is named, per field",
      input: { accessories: ["KP-2", "X-1", "X-2"], alternatives: ["X-1"], successor: "X-3" },
      stored: nothingStored,
      expected: [
        { field: "accessories", problem: "unknown_sku", skus: ["X-1", "X-2"] },
        { field: "alternatives", problem: "unknown_sku", skus: ["X-1"] },
        { field: "successor", problem: "unknown_sku", skus: ["X-3"] },
      ],
    },
    { label: "an inactive product named anew is refused", input: { ...none(), accessories: ["KP-3"] }, stored: nothingStored, expected: [{ field: "accessories", problem: "inactive_sku", skus: ["KP-3"] }] },
    { label: "an inactive successor is refused", input: { ...none(), successor: "KP-3" }, stored: nothingStored, expected: [{ field: "successor", problem: "inactive_sku", skus: ["KP-3"] }] },
    {
      label: "an inactive product the field holds already stays",
      input: { ...none(), accessories: ["KP-3", "KP-2"] },
      stored: { ...nothingStored, accessories: new Set(["KP-3"]) },
      expected: [],
    },
    {
      label: "held in another field does not count",
      input: { ...none(), alternatives: ["KP-3"] },
      stored: { ...nothingStored, accessories: new Set(["KP-3"]) },
      expected: [{ field: "alternatives", problem: "inactive_sku", skus: ["KP-3"] }],
    },
  ])("$label", ({ input, stored, expected }) => {
    expect(checkRelationTargets(input as RelationSkus, found, stored)).toEqual(expected);
  });
});

describe("successorCycle", () => {
  it.each([
    { label: "a successor without successors", chain: ["KP-9"], expected: null },
    { label: "a chain that ends elsewhere", chain: ["KP-9", "KP-8", "KP-7"], expected: null },
    { label: "the successor's successor is the product", chain: ["KP-9", "KP-1"], expected: ["KP-1", "KP-9", "KP-1"] },
    { label: "a longer loop", chain: ["KP-9", "KP-8", "KP-1", "KP-5"], expected: ["KP-1", "KP-9", "KP-8", "KP-1"] },
    { label: "the successor is the product itself", chain: ["KP-1"], expected: ["KP-1", "KP-1"] },
  ])("$label", ({ chain, expected }) => {
    expect(successorCycle("KP-1", chain)).toEqual(expected);
  });
});

describe("successorQuantity", () => {
  it.each([
    { label: "the quantity asked for when it fits", requested: 12, rules: { minOrderQuantity: 1, orderMultiple: 6 }, expected: 12 },
    { label: "below the minimum: the smallest", requested: 2, rules: { minOrderQuantity: 10, orderMultiple: 5 }, expected: 10 },
    { label: "not a multiple: the nearest multiple", requested: 7, rules: { minOrderQuantity: 1, orderMultiple: 5 }, expected: 5 },
    { label: "nothing sensible asked: the smallest", requested: 0, rules: { minOrderQuantity: 3, orderMultiple: 1 }, expected: 3 },
  ])("$label", ({ requested, rules, expected }) => {
    expect(successorQuantity(requested, rules)).toBe(expected);
  });

  it("offers the successor by name in the buyer's language", () => {
    const successor = { sku: "KP-9", nameNl: "Boor", nameEn: "Drill", minOrderQuantity: 1, orderMultiple: 2 };
    expect(toSuccessorOffer(successor, 3, "en")).toEqual({ sku: "KP-9", name: "Drill", quantity: 4 });
    expect(toSuccessorOffer(successor, 4, "nl")).toEqual({ sku: "KP-9", name: "Boor", quantity: 4 });
  });
});

describe("splitRelations", () => {
  const p = (id: number) => ({ id });
  it.each([
    { label: "nothing", relations: [], expected: { accessories: [], alternatives: [], successor: null } },
    {
      label: "each kind in order",
      relations: [
        { kind: "accessory" as const, product: p(3) },
        { kind: "accessory" as const, product: p(2) },
        { kind: "alternative" as const, product: p(5) },
        { kind: "successor" as const, product: p(9) },
      ],
      expected: { accessories: [p(3), p(2)], alternatives: [p(5)], successor: p(9) },
    },
    {
      label: "a successor that is also an alternative is shown once",
      relations: [
        { kind: "alternative" as const, product: p(9) },
        { kind: "alternative" as const, product: p(5) },
        { kind: "successor" as const, product: p(9) },
      ],
      expected: { accessories: [], alternatives: [p(5)], successor: p(9) },
    },
  ])("$label", ({ relations, expected }) => {
    expect(splitRelations(relations)).toEqual(expected);
  });
});

describe("relationsPutSchema", () => {
  it.each([
    { label: "all three", body: { accessories: ["KP-1"], alternatives: [], successor: "KP-9" }, ok: true },
    { label: "missing lists are empty, a missing successor none", body: {}, ok: true },
    { label: "successor null", body: { successor: null }, ok: true },
    { label: "a misspelt key is refused", body: { accesories: ["KP-1"] }, ok: false },
    { label: "a SKU longer than any SKU", body: { accessories: ["K".repeat(41)] }, ok: false },
    { label: "an empty SKU", body: { alternatives: [" "] }, ok: false },
    { label: "not a list", body: { accessories: "KP-1" }, ok: false },
  ])("$label", ({ body, ok }) => {
    expect(relationsPutSchema.safeParse(body).success).toBe(ok);
  });

  it("fills in what is missing", () => {
    expect(relationsPutSchema.parse({ accessories: [" KP-1 "] })).toEqual({ accessories: ["KP-1"], alternatives: [], successor: null });
  });
});
