import { describe, expect, it } from "vitest";
import { creditHoldComment, creditHoldDetail, parseCreditHoldComment, parseCreditHoldDetail } from "@/lib/orders/credit";
import { CONFIRMED_WITH_CHANGES, historyComment, reasonDetail } from "@/lib/orders/history-comment";

describe("historyComment", () => {
  it.each([
    ["review reasons, each once in first-seen order (rows stored before deduplication too)", "not_in_transfer, price_higher, not_in_transfer", { kind: "review_reasons", codes: ["not_in_transfer", "price_higher"] }],
    ["one review reason", "credit_limit", { kind: "review_reasons", codes: ["credit_limit"] }],
    ["the order-level amount reasons", "currency, total_mismatch", { kind: "review_reasons", codes: ["currency", "total_mismatch"] }],
    ["a web order's credit hold, amounts back in cents", "credit_limit: 54.20 + 342.82 > 150.00", { kind: "credit_hold", amounts: { owedMinor: 5420, orderMinor: 34282, limitMinor: 15000 } }],
    ["a credit hold while we owe the customer", "credit_limit: -12.50 + 100.00 > 0.00", { kind: "credit_hold", amounts: { owedMinor: -1250, orderMinor: 10000, limitMinor: 0 } }],
    ["the marker of a confirmation with changes", CONFIRMED_WITH_CHANGES, { kind: "confirmed_with_changes" }],
    ["the buyer's new version", "Updated by the buyer (orderVersion 2, payloadID 17@ariba.example)", { kind: "buyer_update", version: "2", payloadId: "17@ariba.example" }],
    ["a typed comment", "Prijzen kloppen niet, graag nieuwe PO.", { kind: "text", text: "Prijzen kloppen niet, graag nieuwe PO." }],
    ["a typed comment that starts like codes", "not_in_transfer, bel de klant", { kind: "text", text: "not_in_transfer, bel de klant" }],
    ["a typed comment naming the marker", "Confirmed with changes: prices", { kind: "text", text: "Confirmed with changes: prices" }],
    ["a credit-hold prefix without its amounts", "credit_limit: ask Jan", { kind: "text", text: "credit_limit: ask Jan" }],
  ])("%s", (_label, comment, expected) => {
    expect(historyComment(comment)).toEqual(expected);
  });
});

describe("reasonDetail", () => {
  it.each([
    ["no detail", { code: "not_in_transfer" }, null],
    ["higher price in cents", { code: "price_higher", detail: "337 > 270" }, { kind: "prices", buyerMinor: 337, ourMinor: 270 }],
    ["lower price in cents", { code: "price_lower", detail: "250 < 270" }, { kind: "prices", buyerMinor: 250, ourMinor: 270 }],
    ["credit limit on a purchase order's header", { code: "credit_limit", detail: "54.20 + 342.82 > 150.00" }, { kind: "credit", amounts: { owedMinor: 5420, orderMinor: 34282, limitMinor: 15000 } }],
    ["any other detail as stored", { code: "unknown_product", detail: "KP-404" }, { kind: "text", text: "KP-404" }],
    ["a price detail in another form stays text", { code: "price_higher", detail: "3.37 > 2.70" }, { kind: "text", text: "3.37 > 2.70" }],
    ["a quantity against the rules", { code: "invalid_quantity", detail: "15 (below_minimum, e.g. 20)" }, { kind: "quantity", quantity: "15", rule: "below_minimum", suggested: 20 }],
    ["a fractional quantity stays text", { code: "invalid_quantity", detail: "2.5" }, { kind: "text", text: "2.5" }],
    ["a lapsed quote", { code: "quote_lapsed", detail: "Q2001: expired" }, { kind: "quote", quoteNumber: "Q2001", why: "expired" }],
    ["amounts in another currency", { code: "currency", detail: "USD ≠ EUR" }, { kind: "currencies", theirs: ["USD"], ours: "EUR" }],
    ["amounts in two other currencies", { code: "currency", detail: "USD, GBP ≠ EUR" }, { kind: "currencies", theirs: ["USD", "GBP"], ours: "EUR" }],
    ["a currency detail in another form stays text", { code: "currency", detail: "dollars" }, { kind: "text", text: "dollars" }],
    ["the buyer's Total against the lines, in cents", { code: "total_mismatch", detail: "57500 ≠ 54300" }, { kind: "totals", totalMinor: 57500, linesMinor: 54300 }],
    ["a totals detail in another form stays text", { code: "total_mismatch", detail: "575.00 ≠ 543.00" }, { kind: "text", text: "575.00 ≠ 543.00" }],
  ])("%s", (_label, reason, expected) => {
    expect(reasonDetail(reason)).toEqual(expected);
  });
});

describe("credit hold text read back", () => {
  it.each([
    [{ limitMinor: 140_000, unpaidInvoicesMinor: 100_000, uninvoicedOrdersMinor: 20_000 }, 30_050],
    [{ limitMinor: 0, unpaidInvoicesMinor: -1_250, uninvoicedOrdersMinor: 0 }, 1],
  ])("gives the amounts it was written from (%o, order %i)", (use, orderMinor) => {
    const owedMinor = use.unpaidInvoicesMinor + use.uninvoicedOrdersMinor;
    expect(parseCreditHoldDetail(creditHoldDetail(use, orderMinor))).toEqual({ owedMinor, orderMinor, limitMinor: use.limitMinor });
    expect(parseCreditHoldComment(creditHoldComment(use, orderMinor))).toEqual({ owedMinor, orderMinor, limitMinor: use.limitMinor });
  });

  it("reads nothing else", () => {
    expect(parseCreditHoldDetail("1200 + 300 > 1400")).toBeNull();
    expect(parseCreditHoldComment("unknown_ship_to")).toBeNull();
  });
});
