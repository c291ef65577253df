import { describe, expect, it } from "vitest";
import { shownOrderStatus } from "@/lib/orders/shown-status";

describe("the order status a buyer reads", () => {
  it("is 'partly shipped' only for a shipped order with quantities still to come", () => {
    expect(shownOrderStatus("shipped", true)).toBe("partly_shipped");
    expect(shownOrderStatus("shipped", false)).toBe("shipped");
    // Nothing has shipped before "shipped": whatever the flag says, the status stands.
    expect(shownOrderStatus("confirmed", true)).toBe("confirmed");
  });
});
