import { describe, expect, it } from "vitest";
import { CONFIRMED_WITH_CHANGES } from "@/lib/orders/history-comment";
import { storedDecision, type DecidedOrder } from "@/lib/purchase-orders/stored-decision";

const purchaseLines: DecidedOrder["purchaseLines"] = [
  { lineNumber: 1, quantity: "10", buyerUnitPriceMinor: 450, ourUnitPriceMinor: 450 },
  { lineNumber: 2, quantity: "2.5", buyerUnitPriceMinor: null, ourUnitPriceMinor: 2599 },
];
const asOrdered: DecidedOrder["lines"] = [
  { lineNumber: 1, quantity: 10, unitPriceMinor: 450, confirmedDeliveryDate: null },
  { lineNumber: 2, quantity: 3, unitPriceMinor: 2599, confirmedDeliveryDate: null },
];
const received = { status: "accepted", kind: "status", comment: null };
const order = (status: string, events: DecidedOrder["events"], lines = asOrdered): DecidedOrder => ({ status, events: [received, ...events], lines, purchaseLines });
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe("storedDecision: the decision read back from what it stored", () => {
  it.each([
    ["never decided", order("accepted", []), null],
    ["under review", order("needs_review", []), null],
    ["confirmed as ordered", order("confirmed", [{ status: "confirmed", kind: "status", comment: null }]), { kind: "accept", comment: null, changes: [] }],
    ["confirmed with a comment", order("confirmed", [{ status: "confirmed", kind: "status", comment: "Levering dinsdag" }]), { kind: "accept", comment: "Levering dinsdag", changes: [] }],
    ["rejected with its reason", order("rejected", [{ status: "rejected", kind: "status", comment: "Artikel uit assortiment" }]), { kind: "reject", comment: "Artikel uit assortiment", changes: [] }],
    [
      "with changes without a comment (the marker): every buyer line as the order holds it",
      order("confirmed", [{ status: "confirmed", kind: "status", comment: CONFIRMED_WITH_CHANGES }]),
      {
        kind: "change",
        comment: null,
        changes: [
          { lineNumber: 1, quantity: 10, unitPriceMinor: 450, deliveryDate: null },
          { lineNumber: 2, quantity: 3, unitPriceMinor: 2599, deliveryDate: null },
        ],
      },
    ],
    [
      "with changes and a comment: a lower quantity, another price, a date, a line rejected with 0 (gone from the order)",
      order("confirmed", [{ status: "confirmed", kind: "status", comment: "Minder op voorraad" }], [{ lineNumber: 1, quantity: 6, unitPriceMinor: 470, confirmedDeliveryDate: "2026-12-08" }]),
      {
        kind: "change",
        comment: "Minder op voorraad",
        changes: [
          { lineNumber: 1, quantity: 6, unitPriceMinor: 470, deliveryDate: noon("2026-12-08") },
          { lineNumber: 2, quantity: 0, unitPriceMinor: 2599, deliveryDate: null },
        ],
      },
    ],
    [
      "only a confirmed delivery date is a change too",
      order("confirmed", [{ status: "confirmed", kind: "status", comment: null }], [asOrdered[0]!, { ...asOrdered[1]!, confirmedDeliveryDate: "2026-12-10" }]),
      {
        kind: "change",
        comment: null,
        changes: [
          { lineNumber: 1, quantity: 10, unitPriceMinor: 450, deliveryDate: null },
          { lineNumber: 2, quantity: 3, unitPriceMinor: 2599, deliveryDate: noon("2026-12-10") },
        ],
      },
    ],
    ["confirmed, then shipped: still the decision", order("shipped", [{ status: "confirmed", kind: "status", comment: null }, { status: "shipped", kind: "status", comment: "K1-S1" }]), { kind: "accept", comment: null, changes: [] }],
    ["shipped without a decision (accepted orders ship too)", order("shipped", [{ status: "shipped", kind: "status", comment: "K1-S1" }]), null],
    [
      "the confirmation sent later is no decision of its own (its entry has the order's status)",
      order("rejected", [{ status: "rejected", kind: "status", comment: "Artikel uit assortiment" }, { status: "rejected", kind: "confirmation_sent", comment: null }]),
      { kind: "reject", comment: "Artikel uit assortiment", changes: [] },
    ],
    ["cancelled by the buyer after the decision", order("cancelled", [{ status: "confirmed", kind: "status", comment: null }, { status: "cancelled", kind: "status", comment: "Cancelled by the buyer" }]), null],
  ])("%s", (_label, input, expected) => {
    expect(storedDecision(input)).toEqual(expected);
  });
});
