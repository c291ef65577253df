import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/orders.en.json";
import nl from "@/lib/i18n/messages/orders.nl.json";
import { contractCandidate } from "../../support/contract-candidate";
import { assortmentReason } from "@/lib/purchase-orders/assortment-reason";

const candidate = contractCandidate;

// 28 November 2026, 23:30 UTC: already 29 November, 00:30, in Amsterdam.
const AFTER_MIDNIGHT = new Date("2026-11-28T23:30:00Z");
const product = { sku: "SKU-1", currency: "EUR" };
const reason = (input: Partial<Parameters<typeof assortmentReason>[0]>) =>
  assortmentReason({ assortment: "contract", product, candidates: [], orderDate: AFTER_MIDNIGHT, quoteApplies: false, ...input });

describe("assortmentReason (purchase-order lines of contract-assortment customers)", () => {
  it("names the SKU of a product no price list of the customer prices", () => {
    expect(reason({})).toEqual({ code: "not_in_assortment", detail: "SKU-1" });
  });

  it("is null for a customer who sees the whole catalogue, whatever its price lists", () => {
    expect(reason({ assortment: "all" })).toBeNull();
  });

  it("is null for a product priced by one of the customer's price lists on the order date", () => {
    expect(reason({ candidates: [candidate()] })).toBeNull();
  });

  it("judges the order date's calendar day in Amsterdam, like the price", () => {
    expect(reason({ candidates: [candidate({ validTo: "2026-11-28" })] })).toEqual({ code: "not_in_assortment", detail: "SKU-1" });
    expect(reason({ candidates: [candidate({ validFrom: "2026-11-29" })] })).toBeNull();
    expect(reason({ candidates: [candidate({ listValidTo: "2026-11-28" })] })).not.toBeNull();
  });

  it("does not count a price list in another currency", () => {
    expect(reason({ candidates: [candidate({ currency: "USD" })] })).not.toBeNull();
  });

  it("is null for a line held to a quote that still applies: an agreed price", () => {
    expect(reason({ quoteApplies: true })).toBeNull();
  });

  it("has a text for the account manager in both languages", () => {
    expect(en.purchaseOrders.reason.not_in_assortment).toMatch(/contract assortment/);
    expect(nl.purchaseOrders.reason.not_in_assortment).toMatch(/contractassortiment/);
  });
});
