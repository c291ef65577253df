import "server-only";
import { and, asc, count, eq, isNull, sql, sum } from "drizzle-orm";
import { cartLines, carts } from "@/db/schema";
import type { Db } from "@/db/client";
import { database } from "./database";
import { preparedStatement } from "./prepared-sql";
import { listProductsByIds, type ProductRow } from "./catalog";

/** The cart of a punchout session (created with the session). */
export async function getPunchoutCartId(punchoutSessionId: number): Promise<number | null> {
  const db = await database();
  const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.punchoutSessionId, punchoutSessionId));
  return row?.id ?? null;
}

/** Removes every line of a cart (after a transfer or a cancelled punchout). */
export async function clearCart(cartId: number): Promise<void> {
  const db = await database();
  await db.delete(cartLines).where(eq(cartLines.cartId, cartId));
}

/** Units and lines in a cart, for the header badge. */
export async function countCartContents(cartId: number): Promise<CartBadgeCounts> {
  const db = await database();
  const [row] = await db.select({ units: sum(cartLines.quantity), lines: count(cartLines.id) }).from(cartLines).where(eq(cartLines.cartId, cartId));
  return { units: Number(row?.units ?? 0), lines: Number(row?.lines ?? 0) };
}

/** What the header badge reads: the units it shows, and the lines ("Cancel punchout" names them before it discards them). */
export interface CartBadgeCounts {
  units: number;
  lines: number;
}

// A join (not a correlated sub-select): drizzle leaves a single-table sub-select's columns
// unqualified, and "id" would then be cart_lines.id. Built once per database and prepared.
const cartBadge = (db: Db) =>
  db
    .select({ units: sql<string>`coalesce(sum(${cartLines.quantity}), 0)`, lines: sql<string>`count(${cartLines.id})` })
    .from(carts)
    .leftJoin(cartLines, eq(cartLines.cartId, carts.id));
const shopCartBadge = preparedStatement((db) =>
  cartBadge(db)
    .where(and(eq(carts.userId, sql.placeholder("userId")), isNull(carts.punchoutSessionId)))
    .groupBy(carts.id)
    .prepare("cart_badge_shop"),
);
const punchoutCartBadge = preparedStatement((db) =>
  cartBadge(db).where(eq(carts.punchoutSessionId, sql.placeholder("sessionId"))).groupBy(carts.id).prepare("cart_badge_punchout"),
);

/**
 * Units and lines in the cart a user shops into, for the header badge of every shop page, in one
 * statement: the shop cart of `userId` or, with `punchoutSessionId`, that session's cart. Null when
 * that cart does not exist (yet); the caller then takes the slow path (create it, or fail as before).
 */
export async function getCartBadgeCounts(userId: number, punchoutSessionId: number | null): Promise<CartBadgeCounts | null> {
  const [row] =
    punchoutSessionId === null ? await (await shopCartBadge()).execute({ userId }) : await (await punchoutCartBadge()).execute({ sessionId: punchoutSessionId });
  return row ? { units: Number(row.units), lines: Number(row.lines) } : null;
}

/** The user's open shop cart id (not a punchout cart), created on first use. */
export async function getOrCreateShopCartId(userId: number, companyId: number): Promise<number> {
  const existing = await getShopCartId(userId);
  if (existing !== null) return existing;
  const db = await database();
  await db.insert(carts).values({ userId, companyId }).onConflictDoNothing();
  const id = await getShopCartId(userId);
  if (id === null) throw new Error("shop cart could not be created");
  return id;
}

// The cart page and every add to cart read these two: prepared (an ad-hoc statement with
// parameters costs postgres.js two round trips, and PostgreSQL a plan each time).
const shopCartId = preparedStatement((db) =>
  db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.userId, sql.placeholder("userId")), isNull(carts.punchoutSessionId)))
    .prepare("cart_shop_id"),
);
const cartLineRows = preparedStatement((db) =>
  db
    .select({ lineId: cartLines.id, productId: cartLines.productId, quantity: cartLines.quantity, quoteLineId: cartLines.quoteLineId })
    .from(cartLines)
    .where(eq(cartLines.cartId, sql.placeholder("cartId")))
    .orderBy(asc(cartLines.addedAt), asc(cartLines.id))
    .prepare("cart_lines_of_cart"),
);

export async function getShopCartId(userId: number): Promise<number | null> {
  const [row] = await (await shopCartId()).execute({ userId });
  return row?.id ?? null;
}

export interface CartLineWithProduct {
  lineId: number;
  quantity: number;
  product: ProductRow;
  /** Set when the line came from an accepted quote (lib/quotes). */
  quoteLineId?: number | null;
}

export async function listCartLines(cartId: number): Promise<CartLineWithProduct[]> {
  const lines = await (await cartLineRows()).execute({ cartId });
  const productsById = new Map((await listProductsByIds(lines.map((l) => l.productId))).map((p) => [p.id, p]));
  return lines.flatMap((line) => {
    const product = productsById.get(line.productId);
    return product ? [{ lineId: line.lineId, quantity: line.quantity, product, quoteLineId: line.quoteLineId }] : [];
  });
}

export async function getCartLineQuantity(cartId: number, productId: number): Promise<number> {
  const db = await database();
  const [row] = await db
    .select({ quantity: cartLines.quantity })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.productId, productId)));
  return row?.quantity ?? 0;
}

/** Sets the quantity of a product in a cart (insert or update). */
export async function setCartLine(cartId: number, productId: number, quantity: number): Promise<void> {
  const db = await database();
  await db
    .insert(cartLines)
    .values({ cartId, productId, quantity })
    .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.productId], set: { quantity } });
  await db.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, cartId));
}

/** Removes a line; the cart id in the condition makes sure nobody removes another cart's line. */
export async function removeCartLine(cartId: number, lineId: number): Promise<boolean> {
  const db = await database();
  const deleted = await db
    .delete(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.id, lineId)))
    .returning({ id: cartLines.id });
  return deleted.length > 0;
}

/** A line's product and the quote line it came from (null: none), or null when the cart has no such line. */
export async function getCartLineRef(cartId: number, lineId: number): Promise<{ productId: number; quoteLineId: number | null } | null> {
  const db = await database();
  const [row] = await db
    .select({ productId: cartLines.productId, quoteLineId: cartLines.quoteLineId })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.id, lineId)));
  return row ?? null;
}
