import { describe, expect, it } from "vitest";
import { shownOrderStatus, shownOrderStatusOf } from "@/lib/orders/shown-status";

describe("the order status a buyer reads", () => {
  const lines = [
    { lineNumber: 1, quantity: 10 },
    { lineNumber: 2, quantity: 3 },
  ];

  it("is 'partly shipped' only for a shipped order with quantities still to come", () => {
    expect(shownOrderStatus("shipped", true)).toBe("partly_shipped");
    expect(shownOrderStatus("shipped", false)).toBe("shipped");
    // Nothing has shipped before "shipped": whatever the flag says, the status stands.
    expect(shownOrderStatus("confirmed", true)).toBe("confirmed");
  });

  it("follows the shipments line by line on the order page", () => {
    const first = { lines: [{ lineNumber: 1, quantity: 10 }] };
    expect(shownOrderStatusOf("shipped", lines, [first])).toBe("partly_shipped");
    expect(shownOrderStatusOf("shipped", lines, [first, { lines: [{ lineNumber: 2, quantity: 3 }] }])).toBe("shipped");
    expect(shownOrderStatusOf("cancelled", lines, [])).toBe("cancelled");
  });
});
