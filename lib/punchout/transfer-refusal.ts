/**
 * Why "Transfer cart" would be refused for these cart lines, or null when it goes: the check of
 * lib/punchout/transfer.ts, and what the cart page says beside its Transfer button before anybody
 * presses it (the banner's button, on every page, learns it from the refusal). An inspect session
 * returns the buyer's own cart unchanged, whatever today's assortment and quantity rules say.
 */
export function transferRefusal(
  lines: readonly { available: boolean; quantityCheck: { ok: boolean } }[],
  operation: "create" | "edit" | "inspect",
): "cart_has_unavailable_products" | "cart_has_invalid_quantities" | null {
  if (operation === "inspect") return null;
  // A product taken out of the shop, or out of the contract assortment, since it was put in the cart: the buyer removes it first.
  if (lines.some((line) => !line.available)) return "cart_has_unavailable_products";
  if (lines.some((line) => !line.quantityCheck.ok)) return "cart_has_invalid_quantities";
  return null;
}
