import { describe, expect, it } from "vitest";
import { currencyReason, totalReason, type AmountsOfOrder } from "@/lib/purchase-orders/header-reasons";

const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" });
const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const order = (over: Partial<AmountsOfOrder> & Pick<AmountsOfOrder, "total">): AmountsOfOrder => ({
  shipping: null,
  tax: null,
  orderType: null,
  lines: [
    { quantity: "10", unitPrice: eur(1234) },
    { quantity: "2", unitPrice: eur(400) },
  ],
  ...over,
});

describe("currencyReason", () => {
  it.each([
    ["all in EUR", order({ total: eur(13140) }), null],
    ["the Coupa sample: Total and lines in USD", order({ total: usd(9171), lines: [{ quantity: "1", unitPrice: usd(810) }, { quantity: "9", unitPrice: usd(929) }] }), { code: "currency", detail: "USD ≠ EUR" }],
    ["only the Total in USD", order({ total: usd(13140) }), { code: "currency", detail: "USD ≠ EUR" }],
    ["only one line in USD", order({ total: eur(13140), lines: [{ quantity: "1", unitPrice: eur(100) }, { quantity: "1", unitPrice: usd(100) }] }), { code: "currency", detail: "USD ≠ EUR" }],
    ["two foreign currencies, each once", order({ total: usd(200), shipping: { amountMinor: 5, currency: "GBP" }, lines: [{ quantity: "1", unitPrice: usd(100) }, { quantity: "1", unitPrice: usd(100) }] }), { code: "currency", detail: "USD, GBP ≠ EUR" }],
    ["a line without a price says nothing about currency", order({ total: eur(100), lines: [{ quantity: "1", unitPrice: null }] }), null],
  ])("%s", (_label, input, expected) => {
    expect(currencyReason(input, "EUR")).toEqual(expected);
  });
});

describe("totalReason", () => {
  it.each([
    ["Total = the lines (10 × 12.34 + 2 × 4.00)", order({ total: eur(13140) }), null],
    ["Total = lines + Shipping (our example OrderRequest)", order({ total: eur(13890), shipping: eur(750), tax: eur(2917) }), null],
    ["Total = lines + Tax", order({ total: eur(16057), shipping: eur(750), tax: eur(2917) }), null],
    ["Total = lines + Shipping + Tax", order({ total: eur(16807), shipping: eur(750), tax: eur(2917) }), null],
    ["575.00 against lines of 543.00", order({ total: eur(57500), lines: [{ quantity: "3", unitPrice: eur(18100) }] }), { code: "total_mismatch", detail: "57500 ≠ 54300" }],
    ["one cent off with whole quantities is no rounding", order({ total: eur(13141) }), { code: "total_mismatch", detail: "13141 ≠ 13140" }],
    ["Shipping that does not explain the difference", order({ total: eur(14000), shipping: eur(750) }), { code: "total_mismatch", detail: "14000 ≠ 13140" }],
    ["a fractional quantity rounded by the buyer (2.5 × 0.99 = 2.475 → 2.48)", order({ total: eur(248), lines: [{ quantity: "2.5", unitPrice: eur(99) }] }), null],
    ["… or rounded down (2.47)", order({ total: eur(247), lines: [{ quantity: "2.5", unitPrice: eur(99) }] }), null],
    ["… but not by more than half a cent per line", order({ total: eur(249), lines: [{ quantity: "2.5", unitPrice: eur(99) }] }), { code: "total_mismatch", detail: "249 ≠ 248" }],
    ["exact decimals without float noise (3 × 0.1 + 0.2)", order({ total: eur(50), lines: [{ quantity: "3.0", unitPrice: eur(10) }, { quantity: "0.20", unitPrice: eur(100) }] }), null],
    ["a blanket order's Total is a ceiling, not a sum", order({ total: eur(1_000_000), orderType: "blanket" }), null],
    ["a line without a price: not checked (price_missing says it)", order({ total: eur(1), lines: [{ quantity: "1", unitPrice: null }] }), null],
    ["mixed currencies: not checked (currency says it)", order({ total: eur(1), lines: [{ quantity: "1", unitPrice: usd(100) }] }), null],
    ["Total and lines in USD are compared in USD", order({ total: usd(9171), lines: [{ quantity: "1", unitPrice: usd(810) }, { quantity: "9", unitPrice: usd(929) }] }), null],
    ["Shipping in another currency does not explain anything", order({ total: eur(13890), shipping: usd(750) }), { code: "total_mismatch", detail: "13890 ≠ 13140" }],
  ])("%s", (_label, input, expected) => {
    expect(totalReason(input)).toEqual(expected);
  });
});
