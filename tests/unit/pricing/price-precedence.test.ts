import { describe, expect, it } from "vitest";
import { explainPrice } from "@/lib/pricing/explain-price";
import { resolvePrice, type ContractPriceCandidate, type PricingProduct } from "@/lib/pricing/resolve-price";

/**
 * Precedence of the one pricing rule when a customer has several price lists: priority decides
 * (not the lowest price), percentage and fixed entries compete on equal terms, tiers belong to the
 * list that won, and validity edges are inclusive calendar days in Amsterdam.
 */
const product: PricingProduct = {
  listPriceMinor: 2000,
  listPriceTiers: [{ minQuantity: 10, priceMinor: 1900 }],
  currency: "EUR",
};

let nextId = 1;
function entry(list: number, priority: number, overrides: Partial<ContractPriceCandidate> = {}): ContractPriceCandidate {
  return {
    priceListId: list,
    priceListCode: `PL-${list}`,
    priceListName: `List ${list}`,
    priority,
    currency: "EUR",
    listValidFrom: null,
    listValidTo: null,
    entryId: 100 + nextId++,
    kind: "fixed",
    priceMinor: 1500,
    discountBasisPoints: null,
    tiers: [],
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}
const pct = (list: number, priority: number, basisPoints: number, overrides: Partial<ContractPriceCandidate> = {}) =>
  entry(list, priority, { kind: "discount", priceMinor: null, discountBasisPoints: basisPoints, ...overrides });

// 10:00 UTC on 28 Nov 2026 = 11:00 in Amsterdam.
const NOW = new Date("2026-11-28T10:00:00Z");

describe("price precedence across several price lists", () => {
  it.each([
    {
      label: "priority beats price: the priority-10 list wins although the priority-20 list is cheaper",
      candidates: [entry(1, 20, { priceMinor: 1000 }), entry(2, 10, { priceMinor: 1600 })],
      quantity: 1,
      price: 1600,
      list: 2,
    },
    {
      label: "percentage (priority 10) beats a cheaper fixed price (priority 20)",
      candidates: [entry(1, 20, { priceMinor: 1000 }), pct(2, 10, 1000)],
      quantity: 1,
      price: 1800,
      list: 2,
    },
    {
      label: "fixed (priority 5) beats percentage (priority 10)",
      candidates: [pct(1, 10, 5000), entry(2, 5, { priceMinor: 1700 })],
      quantity: 1,
      price: 1700,
      list: 2,
    },
    {
      label: "same priority: the lower price list id wins, whatever the input order",
      candidates: [entry(9, 10, { priceMinor: 1200 }), entry(4, 10, { priceMinor: 1400 }), entry(6, 10, { priceMinor: 1300 })],
      quantity: 1,
      price: 1400,
      list: 4,
    },
    {
      label: "winner's tiers apply; a lower-priority list's better tier does not leak in",
      candidates: [
        entry(1, 10, { priceMinor: 1500, tiers: [{ minQuantity: 50, priceMinor: 1400 }] }),
        entry(2, 20, { priceMinor: 1500, tiers: [{ minQuantity: 10, priceMinor: 900 }] }),
      ],
      quantity: 10,
      price: 1500,
      list: 1,
    },
    {
      label: "winner's tier from exactly its minimum quantity",
      candidates: [entry(1, 10, { priceMinor: 1500, tiers: [{ minQuantity: 50, priceMinor: 1400 }] }), entry(2, 20)],
      quantity: 50,
      price: 1400,
      list: 1,
      kind: "contract_tier",
    },
    {
      label: "percentage tiers: 10 % base, 15 % from 24, 20 % from 100 (unsorted tiers)",
      candidates: [pct(1, 10, 1000, { tiers: [{ minQuantity: 100, discountBasisPoints: 2000 }, { minQuantity: 24, discountBasisPoints: 1500 }] })],
      quantity: 99,
      price: 1700,
      list: 1,
      kind: "contract_tier",
    },
    {
      label: "a contract entry replaces the list price tiers entirely (no list tier at 10)",
      candidates: [entry(1, 10, { priceMinor: 1950 })],
      quantity: 10,
      price: 1950,
      list: 1,
    },
    {
      label: "100 % discount is a free item",
      candidates: [pct(1, 10, 10_000)],
      quantity: 1,
      price: 0,
      list: 1,
    },
    {
      label: "the winning list's entry ended yesterday: the next priority applies",
      candidates: [entry(1, 10, { validTo: "2026-11-27" }), pct(2, 20, 500)],
      quantity: 1,
      price: 1900,
      list: 2,
    },
    {
      label: "entry ends today (inclusive): it still wins",
      candidates: [entry(1, 10, { validTo: "2026-11-28", priceMinor: 1111 }), pct(2, 20, 500)],
      quantity: 1,
      price: 1111,
      list: 1,
    },
    {
      label: "list starts tomorrow: the lower-priority list applies today",
      candidates: [entry(1, 10, { listValidFrom: "2026-11-29", priceMinor: 1111 }), entry(2, 30, { priceMinor: 1777 })],
      quantity: 1,
      price: 1777,
      list: 2,
    },
    {
      label: "list started today (inclusive)",
      candidates: [entry(1, 10, { listValidFrom: "2026-11-28", priceMinor: 1111 }), entry(2, 30, { priceMinor: 1777 })],
      quantity: 1,
      price: 1111,
      list: 1,
    },
    {
      label: "list still open but its entry starts next week",
      candidates: [entry(1, 10, { validFrom: "2026-12-05", priceMinor: 1111 }), entry(2, 30, { priceMinor: 1777 })],
      quantity: 1,
      price: 1777,
      list: 2,
    },
    {
      label: "entry window inside an expired list does not apply",
      candidates: [entry(1, 10, { listValidTo: "2026-06-30", validFrom: "2026-01-01", validTo: "2027-12-31", priceMinor: 1111 })],
      quantity: 1,
      price: 2000,
      list: null,
    },
    {
      label: "all contracts out of window: list price with the list tier",
      candidates: [entry(1, 10, { validTo: "2026-01-01" }), pct(2, 20, 500, { listValidTo: "2025-12-31" })],
      quantity: 10,
      price: 1900,
      list: null,
    },
    {
      label: "a price list in another currency never applies",
      candidates: [entry(1, 1, { currency: "USD", priceMinor: 100 }), entry(2, 50, { priceMinor: 1888 })],
      quantity: 1,
      price: 1888,
      list: 2,
    },
    {
      label: "a contract may be above the list price: priority still decides",
      candidates: [entry(1, 10, { priceMinor: 2100 })],
      quantity: 1,
      price: 2100,
      list: 1,
    },
    {
      label: "a discount tier without a percentage is ignored (base applies)",
      candidates: [pct(1, 10, 1000, { tiers: [{ minQuantity: 10 }] })],
      quantity: 10,
      price: 1800,
      list: 1,
    },
  ])("$label", ({ candidates, quantity, price, list, kind }) => {
    const result = resolvePrice({ product, candidates, quantity, now: NOW });
    expect(result.unitPriceMinor).toBe(price);
    if (list === null) expect(result.source.kind).toMatch(/^list/);
    else {
      expect(result.source).toMatchObject({ priceListId: list });
      expect(result.source.kind).toBe(kind ?? "contract");
    }
  });

  it("reports the effective validity window of the winning entry (later start, earlier end)", () => {
    const result = resolvePrice({
      product,
      candidates: [entry(1, 10, { listValidFrom: "2026-01-01", listValidTo: "2027-12-31", validFrom: "2026-03-01", validTo: "2028-01-31" })],
      quantity: 1,
      now: NOW,
    });
    expect(result.source).toMatchObject({ validFrom: "2026-03-01", validTo: "2027-12-31" });
  });
});

describe("explainPrice", () => {
  it("gives every candidate a verdict from the same rule and puts the applied one first", () => {
    const applied = entry(3, 10, { priceMinor: 1600 });
    const explanation = explainPrice({
      product,
      quantity: 1,
      now: NOW,
      candidates: [
        entry(1, 20, { priceMinor: 1000 }),
        applied,
        entry(2, 5, { validTo: "2026-11-27" }),
        entry(4, 1, { validFrom: "2026-12-01" }),
        entry(5, 1, { listValidTo: "2026-01-31" }),
        entry(6, 1, { listValidFrom: "2027-01-01" }),
        entry(7, 1, { currency: "GBP" }),
      ],
    });
    expect(explanation.day).toBe("2026-11-28");
    expect(explanation.result.unitPriceMinor).toBe(1600);
    expect(explanation.candidates.map((c) => [c.candidate.priceListId, c.verdict])).toEqual([
      [3, "applied"],
      [4, "entry_not_started"],
      [5, "list_ended"],
      [6, "list_not_started"],
      [7, "currency_mismatch"],
      [2, "entry_ended"],
      [1, "outranked"],
    ]);
    const outranked = explanation.candidates.find((c) => c.verdict === "outranked")!;
    expect(outranked.outrankedBy).toEqual({ priceListId: 3, priceListName: "List 3", priority: 10 });
    expect(outranked.unitPriceMinor).toBe(1000);
  });

  it("explains a list price when nothing applies", () => {
    const explanation = explainPrice({ product, quantity: 12, now: NOW, candidates: [entry(1, 10, { validTo: "2026-11-27" })] });
    expect(explanation.result.source).toEqual({ kind: "list_tier", tierMinQuantity: 10 });
    expect(explanation.candidates).toHaveLength(1);
    expect(explanation.candidates[0]!.verdict).toBe("entry_ended");
  });
});
