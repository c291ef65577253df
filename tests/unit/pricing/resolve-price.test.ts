import { describe, expect, it } from "vitest";
import { resolvePrice, type ContractPriceCandidate, type PricingProduct } from "@/lib/pricing/resolve-price";

const product: PricingProduct = {
  listPriceMinor: 1000,
  listPriceTiers: [
    { minQuantity: 50, priceMinor: 900 },
    { minQuantity: 10, priceMinor: 950 },
  ],
};

function contract(overrides: Partial<ContractPriceCandidate> = {}): ContractPriceCandidate {
  return {
    priceListId: 1,
    priceListCode: "PL-A",
    priceListName: "Contract A",
    priority: 10,
    listValidFrom: null,
    listValidTo: null,
    entryId: 11,
    kind: "fixed",
    priceMinor: 800,
    discountBasisPoints: null,
    tiers: [],
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}

// 12:00 UTC = 13:00 in Amsterdam (winter time).
const NOON = new Date("2026-11-28T12:00:00Z");

describe("resolvePrice", () => {
  it.each([
    { label: "no contract, qty 1: list price", candidates: [], quantity: 1, price: 1000, kind: "list" },
    { label: "no contract, qty 9: just below list tier", candidates: [], quantity: 9, price: 1000, kind: "list" },
    { label: "no contract, qty 10: first list tier", candidates: [], quantity: 10, price: 950, kind: "list_tier" },
    { label: "no contract, qty 500: highest list tier (unsorted input)", candidates: [], quantity: 500, price: 900, kind: "list_tier" },
    { label: "fixed contract beats list tiers", candidates: [contract()], quantity: 50, price: 800, kind: "contract" },
    {
      label: "fixed contract tier from its minimum",
      candidates: [contract({ tiers: [{ minQuantity: 24, priceMinor: 700 }] })],
      quantity: 24,
      price: 700,
      kind: "contract_tier",
    },
    {
      label: "fixed contract tier not yet at 23",
      candidates: [contract({ tiers: [{ minQuantity: 24, priceMinor: 700 }] })],
      quantity: 23,
      price: 800,
      kind: "contract",
    },
    {
      label: "discount 12.5 % off list",
      candidates: [contract({ kind: "discount", priceMinor: null, discountBasisPoints: 1250 })],
      quantity: 1,
      price: 875,
      kind: "contract",
    },
    {
      label: "discount rounds half away from zero (33.33 % of 1000 = 333.3 → 333)",
      candidates: [contract({ kind: "discount", priceMinor: null, discountBasisPoints: 3333 })],
      quantity: 1,
      price: 667,
      kind: "contract",
    },
    {
      label: "discount tier",
      candidates: [contract({ kind: "discount", priceMinor: null, discountBasisPoints: 1000, tiers: [{ minQuantity: 100, discountBasisPoints: 2000 }] })],
      quantity: 100,
      price: 800,
      kind: "contract_tier",
    },
    {
      label: "lower priority number wins",
      candidates: [contract({ priority: 20, priceMinor: 600, priceListId: 2 }), contract({ priority: 10, priceMinor: 800 })],
      quantity: 1,
      price: 800,
      kind: "contract",
    },
    {
      label: "equal priority: lowest price list id wins",
      candidates: [contract({ priceListId: 7, priceMinor: 600 }), contract({ priceListId: 3, priceMinor: 700 })],
      quantity: 1,
      price: 700,
      kind: "contract",
    },
    {
      label: "entry expired yesterday: next list applies",
      candidates: [contract({ validTo: "2026-11-27" }), contract({ priceListId: 2, priority: 20, priceMinor: 850 })],
      quantity: 1,
      price: 850,
      kind: "contract",
    },
    { label: "entry valid through today (inclusive end)", candidates: [contract({ validTo: "2026-11-28" })], quantity: 1, price: 800, kind: "contract" },
    { label: "entry starts today (inclusive start)", candidates: [contract({ validFrom: "2026-11-28" })], quantity: 1, price: 800, kind: "contract" },
    { label: "entry starts tomorrow: list price", candidates: [contract({ validFrom: "2026-11-29" })], quantity: 1, price: 1000, kind: "list" },
    { label: "price list window closed: list price", candidates: [contract({ listValidTo: "2026-01-01" })], quantity: 1, price: 1000, kind: "list" },
  ])("$label", ({ candidates, quantity, price, kind }) => {
    const result = resolvePrice({ product, candidates, quantity, now: NOON });
    expect(result.unitPriceMinor).toBe(price);
    expect(result.source.kind).toBe(kind);
    expect(result.listPriceMinor).toBe(1000);
  });

  it.each([
    { label: "23:30 UTC on the 28th is already the 29th in Amsterdam", now: "2026-11-28T23:30:00Z", price: 1000 },
    { label: "22:59 UTC on the 28th is still the 28th in Amsterdam", now: "2026-11-28T22:59:00Z", price: 800 },
    { label: "summer time: 22:30 UTC on 30 June is 1 July in Amsterdam", now: "2026-06-30T22:30:00Z", price: 1000, validTo: "2026-06-30" },
  ])("validity uses the Dutch calendar day: $label", ({ now, price, validTo }) => {
    const result = resolvePrice({ product, candidates: [contract({ validTo: validTo ?? "2026-11-28" })], quantity: 1, now: new Date(now) });
    expect(result.unitPriceMinor).toBe(price);
  });

  it("returns the customer's whole tier ladder and explains the rule", () => {
    const result = resolvePrice({
      product,
      candidates: [contract({ validTo: "2026-12-31", listValidTo: "2027-06-30", tiers: [{ minQuantity: 24, priceMinor: 700 }] })],
      quantity: 30,
      now: NOON,
    });
    expect(result.tiers).toEqual([
      { minQuantity: 1, unitPriceMinor: 800 },
      { minQuantity: 24, unitPriceMinor: 700 },
    ]);
    expect(result.source).toMatchObject({ kind: "contract_tier", priceListCode: "PL-A", tierMinQuantity: 24, validTo: "2026-12-31" });
  });

  it("list ladder is sorted ascending", () => {
    expect(resolvePrice({ product, candidates: [], quantity: 1, now: NOON }).tiers.map((t) => t.minQuantity)).toEqual([1, 10, 50]);
  });
});
