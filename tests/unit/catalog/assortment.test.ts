import { describe, expect, it } from "vitest";
import type { Category } from "@/db/schema";
import { contractAssortmentFilter, effectiveAssortment, inAssortment, isAssortment } from "@/lib/catalog/assortment";
import { cxmlConnectionSettingsSchema } from "@/lib/punchout/cxml/connection-settings";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import { categoriesWithProducts } from "@/lib/catalog/category-tree";
import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";
import { contractCandidate } from "../../support/contract-candidate";

// 11:00 in Amsterdam on Monday 30 November 2026.
const NOW = new Date("2026-11-30T10:00:00Z");

const candidate = contractCandidate;

describe("inAssortment", () => {
  it.each<[string, Parameters<typeof inAssortment>[0], ContractPriceCandidate[], Date, boolean]>([
    ["the whole catalogue: everything, priced or not", "all", [], NOW, true],
    ["unknown (a user put together elsewhere): the whole catalogue", undefined, [], NOW, true],
    ["contract, no price list prices it", "contract", [], NOW, false],
    ["contract, a price list prices it", "contract", [candidate()], NOW, true],
    ["a discount entry counts like a fixed price", "contract", [candidate({ kind: "discount", priceMinor: null, discountBasisPoints: 1000 })], NOW, true],
    ["the entry's last day is today (inclusive)", "contract", [candidate({ validTo: "2026-11-30" })], NOW, true],
    ["the entry ended yesterday", "contract", [candidate({ validTo: "2026-11-29" })], NOW, false],
    ["the entry starts tomorrow", "contract", [candidate({ validFrom: "2026-12-01" })], NOW, false],
    ["the entry starts today", "contract", [candidate({ validFrom: "2026-11-30" })], NOW, true],
    ["the price list ended yesterday", "contract", [candidate({ listValidTo: "2026-11-29" })], NOW, false],
    ["the price list starts tomorrow", "contract", [candidate({ listValidFrom: "2026-12-01" })], NOW, false],
    ["a price list in another currency", "contract", [candidate({ currency: "USD" })], NOW, false],
    ["one of several candidates suffices", "contract", [candidate({ validTo: "2026-11-29" }), candidate({ priceListId: 2, priority: 90 })], NOW, true],
    // 23:30 UTC on the 30th is already 1 December in Amsterdam: the business day decides, not UTC.
    ["Amsterdam's calendar day, not UTC's", "contract", [candidate({ validFrom: "2026-12-01" })], new Date("2026-11-30T23:30:00Z"), true],
  ])("%s", (_label, assortment, candidates, now, expected) => {
    expect(inAssortment(assortment, candidates, now, "EUR")).toBe(expected);
  });
});

describe("contractAssortmentFilter", () => {
  it("filters only a contract customer's listings, on Amsterdam's day", () => {
    expect(contractAssortmentFilter("all", 7, NOW)).toBeUndefined();
    expect(contractAssortmentFilter(undefined, 7, NOW)).toBeUndefined();
    expect(contractAssortmentFilter("contract", 7, NOW)).toEqual({ companyId: 7, day: "2026-11-30" });
    expect(contractAssortmentFilter("contract", 7, new Date("2026-11-30T23:30:00Z"))).toEqual({ companyId: 7, day: "2026-12-01" });
  });

  it.each([
    ["all", true],
    ["contract", true],
    ["everything", false],
    ["", false],
    [null, false],
  ])("isAssortment(%j) is %s", (value, expected) => {
    expect(isAssortment(value)).toBe(expected);
  });
});

describe("categoriesWithProducts", () => {
  const category = (id: number, parentId: number | null): Category =>
    ({ id, parentId, code: `C${id}`, slug: `c${id}`, nameNl: `C${id}`, nameEn: `C${id}`, position: id, unspsc: null }) as unknown as Category;
  // 1 Office > 2 Paper, 3 Pens; 4 Cleaning > 5 Soap; 6 Coffee.
  const all = [category(1, null), category(2, 1), category(3, 1), category(4, null), category(5, 4), category(6, null)];

  it.each<[string, number[] | null, number[]]>([
    ["no limit: every category", null, [1, 2, 3, 4, 5, 6]],
    ["a child keeps its parent, not its siblings", [2], [1, 2]],
    ["products in a parent itself", [4], [4]],
    ["several, order kept", [6, 5, 2], [1, 2, 4, 5, 6]],
    ["none: an empty navigation", [], []],
    ["an id that is no category (deleted meanwhile) is ignored", [99, 3], [1, 3]],
  ])("%s", (_label, withProducts, expected) => {
    expect(categoriesWithProducts(all, withProducts === null ? null : new Set(withProducts)).map((c) => c.id)).toEqual(expected);
  });
});

describe("a punchout connection's assortment", () => {
  it.each<[Parameters<typeof effectiveAssortment>[0], unknown, ReturnType<typeof effectiveAssortment>]>([
    ["all", undefined, "all"],
    ["all", "customer", "all"],
    ["all", "contract", "contract"],
    ["contract", "customer", "contract"],
    ["contract", undefined, "contract"],
    // Narrows, never widens; a stored value the schema never allowed changes nothing.
    ["contract", "all", "contract"],
    [undefined, "contract", "contract"],
    [undefined, 42, undefined],
  ])("customer %s, connection %j: %s", (customer, connection, expected) => {
    expect(effectiveAssortment(customer, connection)).toBe(expected);
  });

  it.each([
    ["OCI", ociConnectionSettingsSchema],
    ["cXML", cxmlConnectionSettingsSchema],
  ] as const)("%s settings default to the customer's assortment, take the contract, refuse anything else", (_protocol, schema) => {
    expect(schema.parse({}).assortment).toBe("customer");
    expect(schema.parse({ assortment: "contract" }).assortment).toBe("contract");
    expect(schema.safeParse({ assortment: "all" }).success).toBe(false);
  });
});
