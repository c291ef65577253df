import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "@/db/schema";
import { BUYER_CANCELLABLE_STATUSES, mayBuyerCancel, mayStaffCancel, STAFF_CANCELLABLE_STATUSES } from "@/lib/orders/cancellation";

// Who may cancel a web order, by status and channel: the customer until we confirm it, staff until
// it ships; purchase orders from a procurement system (cXML, OCI) never here.

type Status = (typeof ORDER_STATUSES)[number];

/** Every status with [buyer may cancel, staff may cancel] for a web order. */
const WEB: Record<Status, [boolean, boolean]> = {
  awaiting_approval: [true, false],
  rejected: [false, false],
  placed: [true, true],
  needs_review: [true, false],
  accepted: [false, true],
  confirmed: [false, true],
  shipped: [false, false],
  cancelled: [false, false],
};

const SOURCES = ["web", "cxml", "oci"] as const;

const table = SOURCES.flatMap((source) =>
  (Object.keys(WEB) as Status[]).map((status) => {
    const [buyer, staff] = source === "web" ? WEB[status] : [false, false];
    return { source, status, buyer, staff };
  }),
);

describe("mayBuyerCancel / mayStaffCancel", () => {
  it("the table covers every order status of the schema, each channel once", () => {
    expect(Object.keys(WEB).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(table).toHaveLength(ORDER_STATUSES.length * SOURCES.length);
  });

  it.each(table)("$source order in $status: buyer $buyer, staff $staff", ({ source, status, buyer, staff }) => {
    expect(mayBuyerCancel({ source, status })).toBe(buyer);
    expect(mayStaffCancel({ source, status })).toBe(staff);
  });

  it("the exported status lists say the same", () => {
    expect([...BUYER_CANCELLABLE_STATUSES].sort()).toEqual(["awaiting_approval", "needs_review", "placed"]);
    expect([...STAFF_CANCELLABLE_STATUSES].sort()).toEqual(["accepted", "confirmed", "placed"]);
  });

  it.each(["", "WEB", "Web", "api", "punchout"])("an unknown or differently spelled source %j is never cancellable", (source) => {
    expect(mayBuyerCancel({ source, status: "placed" })).toBe(false);
    expect(mayStaffCancel({ source, status: "placed" })).toBe(false);
  });
});
