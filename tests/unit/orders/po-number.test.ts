import { describe, expect, it } from "vitest";
import { standingOrderRunMail } from "@/lib/mail/standing-order-mails";
import { orderPoNumber, requirePoNumber } from "@/lib/orders/po-number";

// The rule behind "PO number required on every order" (lib/orders/po-number.ts), pure.
describe("requirePoNumber", () => {
  it("keeps a PO number trimmed; blank is none", () => {
    expect(orderPoNumber("  PO-1 ")).toBe("PO-1");
    expect(orderPoNumber(" \t ")).toBeNull();
    expect(orderPoNumber(null)).toBeNull();
    expect(orderPoNumber(undefined)).toBeNull();
  });

  it("without the rule, none is fine", () => {
    expect(requirePoNumber(false, null)).toBeNull();
    expect(requirePoNumber(false, "   ")).toBeNull();
    expect(requirePoNumber(false, " 4500012345 ")).toBe("4500012345");
  });

  it("with the rule, refuses none and spaces only at the PO number field", () => {
    for (const value of [null, undefined, "", "   "]) {
      expect(() => requirePoNumber(true, value)).toThrow(expect.objectContaining({ code: "invalid_input", message: "po_number_required", details: { field: "poNumber" } }));
    }
    expect(requirePoNumber(true, " 4500012345 ")).toBe("4500012345");
  });
});

describe("the standing order's stop mail", () => {
  const facts = { listName: "Koffie", runOn: "2026-12-01", outcome: "paused" as const, orderNumber: null, subtotal: null, skipped: [], nextRunOn: null, pausedReason: "po_number" as const, listLink: "https://shop.test/favorites/1", orderLink: null };
  it("says why in the owner's language", () => {
    const nl = standingOrderRunMail({ id: 1, email: "a@b.test", name: "An", locale: "nl" }, facts);
    expect(nl.bodyText).toContain("is gestopt: uw organisatie vraagt nu bij elke bestelling een inkoopordernummer");
    const en = standingOrderRunMail({ id: 1, email: "a@b.test", name: "An", locale: "en" }, facts);
    expect(en.bodyText).toContain("has stopped: your organization now requires a PO number on every order");
  });
});
