import "server-only";
import { getProductBySku, listProductsByIds } from "@/lib/data/catalog";
import {
  countCartContents,
  getCartBadgeCounts,
  getPunchoutCartId,
  getCartLineRef,
  getCartLineQuantity,
  getOrCreateShopCartId,
  listCartLines,
  removeCartLine,
  setCartLine,
} from "@/lib/data/carts";
import { quoteLineTerms } from "@/lib/data/quotes";
import { readDeliveryTerms } from "@/lib/data/supplier-profile";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { quotedQuantityLock } from "@/lib/quotes/quote-rules";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import type { CartBadgeReading } from "./cart-badge";
import { priceCartLines, type PricedCart } from "./priced-cart";
import { checkQuantity } from "./quantity-rules";
import type { Assortment } from "@/lib/catalog/assortment";
import { productsOutsideAssortment } from "@/lib/catalog/priced-product";

export interface CartOwner {
  id: number;
  companyId: number;
  /**
   * In a punchout session the session's own cart is used, never the user's shop cart; an
   * `inspect` session's cart is read-only.
   */
  punchout: { sessionId: number; operation?: "create" | "edit" | "inspect" } | null;
  /** False when the company keeps no own article numbers (UserRecord): the cart skips looking them up. */
  companyKeepsArticleNumbers?: boolean;
  /** The company's assortment (UserRecord.companyAssortment, lib/catalog/assortment.ts); absent: everything. */
  companyAssortment?: Assortment;
}

/** cXML inspect: the buyer looks at a cart it already has; nothing may change it. */
function assertCartWritable(owner: CartOwner): void {
  if (owner.punchout?.operation === "inspect") throw new AppError("forbidden", "punchout_cart_read_only");
}

/** The cart this owner shops into right now. */
export async function resolveCartId(owner: CartOwner): Promise<number> {
  if (!owner.punchout) return getOrCreateShopCartId(owner.id, owner.companyId);
  const cartId = await getPunchoutCartId(owner.punchout.sessionId);
  if (cartId === null) throw new AppError("not_found", "punchout_cart_not_found");
  return cartId;
}

/**
 * Units and lines in the owner's cart for the header badge: one query when the cart exists (every
 * shop page asks); otherwise as resolveCartId (a shop cart is created, a punchout session without
 * its cart fails with not_found).
 */
export async function countCartBadge(owner: CartOwner): Promise<{ units: number; lines: number }> {
  const counts = await getCartBadgeCounts(owner.id, owner.punchout?.sessionId ?? null);
  return counts ?? countCartContents(await resolveCartId(owner));
}

/** The badge's units and lines with the moment before they were read (see CartBadgeReading). */
export async function readCartBadge(owner: CartOwner): Promise<CartBadgeReading> {
  const at = Date.now();
  const { units, lines } = await countCartBadge(owner);
  return { units, lines, at };
}

/**
 * Adds `quantity` units of a product to the user's cart. The resulting line quantity must satisfy
 * the product's minimum and multiple; otherwise nothing changes and the error names the nearest
 * valid quantity (never a silent correction).
 */
export async function addToCart(owner: CartOwner, sku: string, quantity: number): Promise<void> {
  assertCartWritable(owner);
  const product = await getProductBySku(sku);
  if (!product || !product.active) throw new AppError("not_found", "product_not_found", { sku });
  if ((await productsOutsideAssortment({ companyId: owner.companyId, assortment: owner.companyAssortment }, [product], new Date())).size > 0) {
    throw new AppError("conflict", "product_not_in_assortment", { sku });
  }
  const cartId = await resolveCartId(owner);
  const alreadyInCart = await getCartLineQuantity(cartId, product.id);
  const lineQuantity = alreadyInCart + quantity;
  assertQuantity(lineQuantity, product, quantity, alreadyInCart);
  await setCartLine(cartId, product.id, lineQuantity);
}

/**
 * Sets a cart line to an exact quantity (0 removes it). A line holding a quote's price may only be set
 * to the quoted quantity (back to it, after another add changed it): any other quantity would drop it
 * to the normal price without the buyer asking for that, so it is refused and the line left as it is.
 */
export async function updateCartLineQuantity(owner: CartOwner, lineId: number, quantity: number, now = new Date()): Promise<void> {
  assertCartWritable(owner);
  const cartId = await resolveCartId(owner);
  const line = await getCartLineRef(cartId, lineId);
  if (line === null) throw new AppError("not_found", "cart_line_not_found");
  const { productId } = line;
  if (quantity === 0) {
    await removeCartLine(cartId, lineId);
    return;
  }
  const locked = await quotedLock(owner, line, now);
  if (locked !== null && quantity !== locked) throw new AppError("conflict", "quote_quantity_locked", { requested: quantity, quantity: locked });
  const [product] = await listProductsByIds([productId]);
  if (!product) throw new AppError("not_found", "product_not_found");
  assertQuantity(quantity, product, quantity, 0);
  await setCartLine(cartId, productId, quantity);
}

/**
 * Sets a quote line back to its quoted quantity after another add changed it, so the quoted price
 * applies again ("Back to 50 (quoted price)" at checkout), through updateCartLineQuantity and so its
 * rules. Refused when the quote no longer holds the line (expired, declined or ordered since the page
 * was shown): the buyer asked for the quoted price, not for that quantity at the normal price.
 * Returns the quantity the line now holds.
 */
export async function restoreQuotedQuantity(owner: CartOwner, lineId: number, now = new Date()): Promise<number> {
  assertCartWritable(owner);
  const line = await getCartLineRef(await resolveCartId(owner), lineId);
  if (line === null) throw new AppError("not_found", "cart_line_not_found");
  const locked = await quotedLock(owner, line, now);
  if (locked === null) throw new AppError("conflict", "quote_no_longer_applies");
  await updateCartLineQuantity(owner, lineId, locked, now);
  return locked;
}

/** The quantity a cart line is held to by its quote (quote-rules quotedQuantityLock); null when it is free. */
async function quotedLock(owner: CartOwner, line: { productId: number; quoteLineId: number | null }, now: Date): Promise<number | null> {
  if (line.quoteLineId === null) return null;
  const terms = (await quoteLineTerms([line.quoteLineId])).get(line.quoteLineId);
  return terms ? quotedQuantityLock(terms, { companyId: owner.companyId, productId: line.productId, day: calendarDate(now) }) : null;
}

export async function removeFromCart(owner: CartOwner, lineId: number): Promise<void> {
  assertCartWritable(owner);
  const cartId = await resolveCartId(owner);
  if (!(await removeCartLine(cartId, lineId))) throw new AppError("not_found", "cart_line_not_found");
}

export async function getPricedCart(owner: CartOwner, locale: Locale, now: Date): Promise<PricedCart & { cartId: number }> {
  const cartId = await resolveCartId(owner);
  // Punchout carts carry no delivery charge: the procurement contract arranges delivery.
  const [lines, delivery] = await Promise.all([listCartLines(cartId), owner.punchout ? undefined : readDeliveryTerms(owner.companyId)]);
  const priced = await priceCartLines(lines, {
    companyId: owner.companyId,
    locale,
    now,
    companyKeepsArticleNumbers: owner.companyKeepsArticleNumbers,
    delivery,
    assortment: owner.companyAssortment,
  });
  return { cartId, ...priced };
}

function assertQuantity(
  lineQuantity: number,
  rules: { minOrderQuantity: number; orderMultiple: number },
  requested: number,
  alreadyInCart: number,
): void {
  const check = checkQuantity(lineQuantity, rules);
  if (!check.ok) {
    // Suggest what to add, given what is already in the cart.
    const suggested = Math.max(check.suggestedQuantity - alreadyInCart, rules.orderMultiple);
    throw new AppError("quantity_rule", check.reason, {
      requested,
      minimum: rules.minOrderQuantity,
      multiple: rules.orderMultiple,
      suggested,
      inCart: alreadyInCart,
    });
  }
}
