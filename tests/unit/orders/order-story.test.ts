import { describe, expect, it } from "vitest";
import { buyerVisibleComment, closingEvent, historyEventKind, orderLimitWording, shipmentEvent, stillToShip, type StoryEvent } from "@/lib/orders/order-story";

// What the buyer's order page tells about an order's course: the approver named as approver, who
// rejected or cancelled it and why, the order limit in figures it can stand behind, what is still to come.

const event = (status: StoryEvent["status"], overrides: Partial<StoryEvent> = {}): StoryEvent => ({
  status,
  kind: "status",
  comment: null,
  userName: null,
  ...overrides,
});

describe("historyEventKind", () => {
  it("calls placing after waiting for approval an approval (the approver's decision), and a hold after it an approved hold", () => {
    const submitted = event("awaiting_approval", { userName: "Sanne de Vries" });
    expect(historyEventKind(submitted, undefined, "web")).toBe("submitted");
    expect(historyEventKind(event("placed", { userName: "Pieter Jansen" }), submitted, "web")).toBe("approved");
    expect(historyEventKind(event("needs_review", { userName: "Pieter Jansen" }), submitted, "web")).toBe("approved_held");
    expect(historyEventKind(event("rejected", { userName: "Pieter Jansen" }), submitted, "web")).toBe("rejected");
  });

  it("tells plain status changes, credit holds and line changes apart", () => {
    expect(historyEventKind(event("placed"), undefined, "web")).toBe("status");
    expect(historyEventKind(event("needs_review"), undefined, "web")).toBe("credit_hold");
    // A procurement system's order waits for our review for other reasons than credit.
    expect(historyEventKind(event("needs_review"), undefined, "cxml")).toBe("status");
    expect(historyEventKind(event("confirmed", { kind: "changed" }), event("confirmed"), "web")).toBe("changed");
    expect(historyEventKind(event("rejected", { kind: "confirmation_sent" }), event("rejected"), "cxml")).toBe("confirmation_sent");
    expect(historyEventKind(event("shipped"), event("confirmed"), "web")).toBe("status");
  });
});

describe("closingEvent", () => {
  it("names who rejected the order and the reason they gave", () => {
    const events = [event("awaiting_approval", { userName: "Sanne de Vries" }), event("rejected", { userName: "Pieter Jansen", comment: "Te veel dozen, bestel er 20.\n" })];
    expect(closingEvent(events, "rejected")).toEqual({ name: "Pieter Jansen", reason: "Te veel dozen, bestel er 20." });
  });

  it("still names the rejection after staff sent its confirmation to the buyer's system later", () => {
    const events = [event("rejected", { userName: "Pieter Jansen", comment: "Uit assortiment" }), event("rejected", { kind: "confirmation_sent", userName: "Koppel Beheer" })];
    expect(closingEvent(events, "rejected")).toEqual({ name: "Pieter Jansen", reason: "Uit assortiment" });
  });

  it("takes the latest cancellation; nobody and no reason when none were recorded", () => {
    expect(closingEvent([event("placed"), event("cancelled", { userName: "Sanne de Vries", comment: "  " })], "cancelled")).toEqual({ name: "Sanne de Vries", reason: null });
    // A procurement system's cancellation (cXML delete) names nobody.
    expect(closingEvent([event("placed"), event("cancelled", { comment: "Cancelled by the buyer's system" })], "cancelled")).toEqual({
      name: null,
      reason: "Cancelled by the buyer's system",
    });
    expect(closingEvent([event("placed")], "cancelled")).toBeNull();
  });

  it("never shows the buyer a credit hold's figures", () => {
    expect(buyerVisibleComment("credit_limit: 1200.00 + 300.00 > 1400.00")).toBeNull();
    expect(closingEvent([event("needs_review", { comment: "credit_limit: 1200.00 + 300.00 > 1400.00" }), event("cancelled", { comment: "credit_limit: x" })], "cancelled")).toEqual({
      name: null,
      reason: null,
    });
    expect(buyerVisibleComment("Akkoord – budget Q4")).toBe("Akkoord – budget Q4");
  });
});

describe("orderLimitWording", () => {
  const order = { subtotalMinor: 300_447, ordererName: "Sanne de Vries" };

  it("gives the orderer their own limit and anybody else the orderer's, while the amount is still above it", () => {
    expect(orderLimitWording({ ...order, currentLimitMinor: 250_000, viewerIsOrderer: true })).toEqual({ key: "order_limit_own", limitMinor: 250_000 });
    expect(orderLimitWording({ ...order, currentLimitMinor: 250_000, viewerIsOrderer: false })).toEqual({ key: "order_limit_other", limitMinor: 250_000 });
  });

  it("says the amount was above the limit, without a figure, once the limit was raised or removed", () => {
    expect(orderLimitWording({ ...order, currentLimitMinor: 500_000, viewerIsOrderer: true })).toEqual({ key: "order_limit_own_was" });
    // Exactly at the limit is within it (lib/orders/approval-rule.ts).
    expect(orderLimitWording({ ...order, currentLimitMinor: 300_447, viewerIsOrderer: false })).toEqual({ key: "order_limit_other_was" });
    expect(orderLimitWording({ ...order, currentLimitMinor: null, viewerIsOrderer: false })).toEqual({ key: "order_limit_other_was" });
  });

  it("falls back to the general sentence when nobody is known to have placed it", () => {
    expect(orderLimitWording({ subtotalMinor: 300_447, currentLimitMinor: null, viewerIsOrderer: false, ordererName: null })).toEqual({ key: "order_limit" });
  });
});

describe("stillToShip", () => {
  const lines = [
    { lineNumber: 1, quantity: 150 },
    { lineNumber: 2, quantity: 4 },
  ];

  it("lists per line what has not shipped yet, over all shipments", () => {
    const shipments = [{ lines: [{ lineNumber: 1, quantity: 60 }] }, { lines: [{ lineNumber: 1, quantity: 40 }, { lineNumber: 2, quantity: 4 }] }];
    expect(stillToShip(lines, shipments)).toEqual([{ lineNumber: 1, quantity: 50 }]);
  });

  it("is empty once everything shipped, and everything before anything did", () => {
    expect(stillToShip(lines, [{ lines: [{ lineNumber: 1, quantity: 150 }, { lineNumber: 2, quantity: 4 }] }])).toEqual([]);
    expect(stillToShip(lines, [])).toEqual(lines);
  });
});

describe("shipmentEvent", () => {
  const lines = [
    { lineNumber: 1, quantity: 10 },
    { lineNumber: 2, quantity: 3 },
  ];
  const shipments = [
    { shipmentNumber: "K100004-S1", lines: [{ lineNumber: 1, quantity: 4 }] },
    { shipmentNumber: "K100004-S2", lines: [{ lineNumber: 1, quantity: 6 }, { lineNumber: 2, quantity: 3 }] },
  ];

  it.each([
    ["the first of two shipments: partial", "K100004-S1: PostNL 3SKAAB1234567", { shipmentNumber: "K100004-S1", partial: true, comment: "K100004-S1, PostNL 3SKAAB1234567" }],
    ["the one that completes the order", "K100004-S2: DHL Express JD0123", { shipmentNumber: "K100004-S2", partial: false, comment: "K100004-S2, DHL Express JD0123" }],
    // Stored before the event kept facts only: the English marker is read, and not shown.
    ["an old partial one, marked in English", "K100004-S1 (partial): PostNL 3SKAAB1234567", { shipmentNumber: "K100004-S1", partial: true, comment: "K100004-S1, PostNL 3SKAAB1234567" }],
  ])("%s", (_, comment, expected) => {
    expect(shipmentEvent(comment, lines, shipments)).toEqual(expected);
  });

  it("knows no shipment in another comment, or none", () => {
    expect(shipmentEvent("Shipped by the warehouse: see the ERP", lines, shipments)).toBeNull();
    expect(shipmentEvent(null, lines, shipments)).toBeNull();
  });
});
