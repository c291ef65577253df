import { describe, expect, it } from "vitest";
import { spelledAsStored } from "@/lib/admin/product-relations";

describe("relation SKUs typed in another case", () => {
  it.each<[string, string[], string[], string[]]>([
    ["an exact SKU stays", ["KP-1"], ["KP-1"], ["KP-1"]],
    ["lower case becomes the product's spelling", ["kp-000237"], ["KP-000237"], ["KP-000237"]],
    ["mixed case too", ["Kp-000237"], ["KP-000237"], ["KP-000237"]],
    ["an exact match wins over one apart from case", ["kp-1"], ["KP-1", "kp-1"], ["kp-1"]],
    ["two products apart from case: stays as typed (then unknown)", ["Kp-1"], ["KP-1", "kp-1"], ["Kp-1"]],
    ["no product: stays as typed", ["kp-nope"], ["KP-1"], ["kp-nope"]],
  ])("%s", (_name, typed, known, expected) => {
    expect(spelledAsStored({ accessories: typed, alternatives: typed, successor: typed[0]! }, known)).toEqual({ accessories: expected, alternatives: expected, successor: expected[0] });
  });

  it("no successor stays none", () => {
    expect(spelledAsStored({ accessories: [], alternatives: [], successor: null }, ["KP-1"])).toEqual({ accessories: [], alternatives: [], successor: null });
  });
});
