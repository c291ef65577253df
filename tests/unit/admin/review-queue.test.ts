import { describe, expect, it } from "vitest";
import { reviewReasonCodes, waitingTime } from "@/lib/admin/review-queue";

describe("reviewReasonCodes", () => {
  it("lists a purchase order's reasons once each, in the order page's order, leaving out codes it does not know", () => {
    expect(reviewReasonCodes({ buyerOrderId: "PO-1", reasonCodes: ["unknown_ship_to", "price_higher", "made_up", "price_higher"] })).toEqual(["price_higher", "unknown_ship_to"]);
  });

  it("a held web order waits for its credit limit; a purchase order without codes gives none", () => {
    expect(reviewReasonCodes({ buyerOrderId: null, reasonCodes: null })).toEqual(["credit_limit"]);
    expect(reviewReasonCodes({ buyerOrderId: "PO-2", reasonCodes: null })).toEqual([]);
  });
});

describe("waitingTime", () => {
  const placed = new Date("2026-12-01T08:00:00Z");
  const after = (minutes: number) => waitingTime(placed, new Date(placed.getTime() + minutes * 60_000));

  it("minutes under an hour, hours under two days, days after", () => {
    expect(after(0)).toEqual({ unit: "minutes", count: 0 });
    expect(after(59)).toEqual({ unit: "minutes", count: 59 });
    expect(after(60)).toEqual({ unit: "hours", count: 1 });
    expect(after(47 * 60 + 59)).toEqual({ unit: "hours", count: 47 });
    expect(after(48 * 60)).toEqual({ unit: "days", count: 2 });
    expect(after(10 * 24 * 60 + 5)).toEqual({ unit: "days", count: 10 });
  });

  it("a clock slightly behind the order's time is no negative wait", () => {
    expect(after(-3)).toEqual({ unit: "minutes", count: 0 });
  });
});
