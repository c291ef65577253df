import { describe, expect, it } from "vitest";
import { transferRefusal } from "@/lib/punchout/transfer-refusal";

const line = (available: boolean, quantityOk: boolean) => ({ available, quantityCheck: { ok: quantityOk } });

describe("transferRefusal: what the cart page says beside Transfer, and what the transfer refuses", () => {
  it.each<[string, ReturnType<typeof line>[], "create" | "edit" | "inspect", ReturnType<typeof transferRefusal>]>([
    ["lines that are fine", [line(true, true), line(true, true)], "create", null],
    ["an empty cart (asked in the browser, not refused)", [], "create", null],
    ["a product no longer available", [line(true, true), line(false, true)], "create", "cart_has_unavailable_products"],
    ["a quantity against the product's rules", [line(true, false)], "edit", "cart_has_invalid_quantities"],
    ["both: the product first (fixing its quantity would not help)", [line(true, false), line(false, true)], "create", "cart_has_unavailable_products"],
    ["inspect returns the buyer's own cart as it is", [line(false, false)], "inspect", null],
  ])("%s", (_label, lines, operation, expected) => {
    expect(transferRefusal(lines, operation)).toBe(expected);
  });
});
