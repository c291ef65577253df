import { describe, expect, it } from "vitest";
import type { QuoteStatus } from "@/db/schema";
import { addCalendarDays } from "@/lib/pricing/calendar-date";
import {
  mayAccept,
  mayDecline,
  mayQuote,
  mayReject,
  quoteState,
  quotedPrice,
  quotedQuantityLock,
  type QuotedLineTerms,
} from "@/lib/quotes/quote-rules";

const TODAY = "2026-11-28";

describe("quoteState and who may act", () => {
  it.each<[QuoteStatus, string | null, string, { accept: boolean; decline: boolean; quote: boolean; reject: boolean }]>([
    ["requested", null, "requested", { accept: false, decline: false, quote: true, reject: true }],
    ["quoted", "2026-11-28", "quoted", { accept: true, decline: true, quote: true, reject: true }],
    ["quoted", "2026-11-27", "expired", { accept: false, decline: true, quote: true, reject: true }],
    ["accepted", "2026-12-31", "accepted", { accept: true, decline: true, quote: false, reject: false }],
    ["accepted", "2026-11-01", "expired", { accept: false, decline: true, quote: false, reject: false }],
    // Used up or closed: an old validity day changes nothing.
    ["ordered", "2026-11-01", "ordered", { accept: false, decline: false, quote: false, reject: false }],
    ["declined", "2026-12-31", "declined", { accept: false, decline: false, quote: false, reject: false }],
    ["rejected", null, "rejected", { accept: false, decline: false, quote: false, reject: false }],
  ])("%s valid until %s → %s", (status, validUntil, state, may) => {
    const quote = { status, validUntil };
    expect(quoteState(quote, TODAY)).toBe(state);
    expect({ accept: mayAccept(quote, TODAY), decline: mayDecline(quote, TODAY), quote: mayQuote(quote), reject: mayReject(quote) }).toEqual(may);
  });
});

describe("quotedPrice", () => {
  const line: QuotedLineTerms = { status: "accepted", validUntil: "2026-12-15", companyId: 7, productId: 42, quantity: 40, quotedUnitPriceMinor: 810, orderId: null };
  const use = { companyId: 7, productId: 42, quantity: 40, day: TODAY };

  it.each<[string, Partial<QuotedLineTerms>, Partial<typeof use> & { orderId?: number }, ReturnType<typeof quotedPrice>]>([
    ["accepted, in time, the quoted quantity", {}, {}, { applies: true, unitPriceMinor: 810 }],
    ["on its last day", {}, { day: "2026-12-15" }, { applies: true, unitPriceMinor: 810 }],
    ["the day after", {}, { day: "2026-12-16" }, { applies: false, reason: "expired" }],
    ["another quantity", {}, { quantity: 41 }, { applies: false, reason: "quantity_changed" }],
    ["quoted but not accepted", { status: "quoted" }, {}, { applies: false, reason: "not_accepted" }],
    ["declined", { status: "declined" }, {}, { applies: false, reason: "not_accepted" }],
    ["ordered by another order", { status: "ordered", orderId: 5 }, { orderId: 6 }, { applies: false, reason: "not_accepted" }],
    // A procurement system's update of the order that used the quote keeps its price, even past the last day.
    ["ordered by this order (an OrderRequest update)", { status: "ordered", orderId: 6 }, { orderId: 6, day: "2027-01-10" }, { applies: true, unitPriceMinor: 810 }],
    ["another customer", {}, { companyId: 8 }, { applies: false, reason: "other_customer" }],
    ["another product", {}, { productId: 43 }, { applies: false, reason: "other_customer" }],
    ["no price yet", { quotedUnitPriceMinor: null }, {}, { applies: false, reason: "not_accepted" }],
    ["a price of zero is a price", { quotedUnitPriceMinor: 0 }, {}, { applies: true, unitPriceMinor: 0 }],
  ])("%s", (_label, terms, usage, expected) => {
    expect(quotedPrice({ ...line, ...terms }, { ...use, ...usage })).toEqual(expected);
  });
});

describe("quotedQuantityLock", () => {
  const line: QuotedLineTerms = { status: "accepted", validUntil: "2026-12-15", companyId: 7, productId: 42, quantity: 50, quotedUnitPriceMinor: 1350, orderId: null };
  const use = { companyId: 7, productId: 42, day: TODAY };

  // The cart line's own quantity plays no part: a line changed elsewhere (another add) is still held to 50.
  it.each<[string, Partial<QuotedLineTerms>, Partial<typeof use>, number | null]>([
    ["accepted and in time: held to the quoted quantity", {}, {}, 50],
    ["on its last day", {}, { day: "2026-12-15" }, 50],
    ["expired: free, the line is priced as usual anyway", {}, { day: "2026-12-16" }, null],
    ["declined: free", { status: "declined" }, {}, null],
    ["only quoted, not accepted: free", { status: "quoted" }, {}, null],
    ["ordered (used up): free", { status: "ordered", orderId: 5 }, {}, null],
    ["another customer: free", {}, { companyId: 8 }, null],
    ["no price: free", { quotedUnitPriceMinor: null }, {}, null],
  ])("%s", (_label, terms, usage, expected) => {
    expect(quotedQuantityLock({ ...line, ...terms }, { ...use, ...usage })).toBe(expected);
  });
});

describe("addCalendarDays", () => {
  it.each([
    ["2026-11-28", 30, "2026-12-28"],
    ["2026-12-15", 30, "2027-01-14"],
    ["2028-02-28", 1, "2028-02-29"],
    // The Dutch clock change in October does not shift a calendar day.
    ["2026-10-24", 2, "2026-10-26"],
  ])("%s + %d = %s", (from, days, expected) => {
    expect(addCalendarDays(from, days)).toBe(expected);
  });
});
