import "server-only";
import { and, asc, count, desc, eq, inArray, max, or, sql, type Placeholder } from "drizzle-orm";
import { favoriteListLines, favoriteLists, standingOrders, users, type FavoriteList } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listProductsByIds, type ProductRow } from "./catalog";
import { database } from "./database";
import { preparedStatement } from "./prepared-sql";

/**
 * Favorites lists. Every read and write is scoped by company AND visibility (own list or a
 * shared list of the same company), in the SQL itself: an id from another company, or another
 * user's private list, is simply "not found". Who may edit is decided in lib/favorites.
 */

export interface FavoriteListSummary {
  id: number;
  name: string;
  shared: boolean;
  colleaguesMayEdit: boolean;
  ownerUserId: number;
  ownerName: string;
  lineCount: number;
  updatedAt: Date;
}

const visibleTo = (companyId: number | Placeholder, userId: number | Placeholder) =>
  and(eq(favoriteLists.companyId, companyId), or(eq(favoriteLists.ownerUserId, userId), eq(favoriteLists.shared, true)));

// Every product page reads them (the "add to a list" menu): prepared, planning it cost ten times
// running it (0.23 against 0.02 ms under load).
const visibleFavoriteLists = preparedStatement((db) => {
  const companyId = sql.placeholder("companyId");
  const userId = sql.placeholder("userId");
  return db
    .select({
      id: favoriteLists.id,
      name: favoriteLists.name,
      shared: favoriteLists.shared,
      colleaguesMayEdit: favoriteLists.colleaguesMayEdit,
      ownerUserId: favoriteLists.ownerUserId,
      ownerName: users.name,
      lineCount: count(favoriteListLines.id),
      updatedAt: favoriteLists.updatedAt,
    })
    .from(favoriteLists)
    .innerJoin(users, eq(users.id, favoriteLists.ownerUserId))
    .leftJoin(favoriteListLines, eq(favoriteListLines.listId, favoriteLists.id))
    .where(visibleTo(companyId, userId))
    .groupBy(favoriteLists.id, users.name)
    .orderBy(desc(eq(favoriteLists.ownerUserId, userId)), asc(favoriteLists.name), asc(favoriteLists.id))
    .prepare("favorite_lists_visible");
});

/** The lists a user can use: their own and the company's shared lists. */
export async function listVisibleFavoriteLists(companyId: number, userId: number): Promise<FavoriteListSummary[]> {
  return (await visibleFavoriteLists()).execute({ companyId, userId });
}

export type VisibleFavoriteList = FavoriteList & { ownerName: string };

/** A list if this user may see it (own, or shared within the company); null otherwise. */
export async function getVisibleFavoriteList(companyId: number, userId: number, listId: number): Promise<VisibleFavoriteList | null> {
  const db = await database();
  const [row] = await db
    .select({ list: favoriteLists, ownerName: users.name })
    .from(favoriteLists)
    .innerJoin(users, eq(users.id, favoriteLists.ownerUserId))
    .where(and(eq(favoriteLists.id, listId), visibleTo(companyId, userId)));
  return row ? { ...row.list, ownerName: row.ownerName } : null;
}

export async function createFavoriteList(
  input: { companyId: number; ownerUserId: number; name: string; shared: boolean; colleaguesMayEdit: boolean },
  now: Date,
): Promise<FavoriteList> {
  const db = await database();
  const [row] = await db.insert(favoriteLists).values({ ...input, createdAt: now, updatedAt: now }).returning();
  if (!row) throw new Error("favorite list insert returned nothing");
  return row;
}

/** Renames / (un)shares a list of the company. Callers have checked the right to manage it. */
export async function updateFavoriteList(companyId: number, listId: number, changes: { name: string; shared: boolean; colleaguesMayEdit: boolean }, now: Date): Promise<void> {
  const db = await database();
  const updated = await db
    .update(favoriteLists)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(favoriteLists.id, listId), eq(favoriteLists.companyId, companyId)))
    .returning({ id: favoriteLists.id });
  if (updated.length === 0) throw new AppError("not_found", "list_not_found");
}

export async function deleteFavoriteList(companyId: number, listId: number): Promise<void> {
  const db = await database();
  const deleted = await db
    .delete(favoriteLists)
    .where(and(eq(favoriteLists.id, listId), eq(favoriteLists.companyId, companyId)))
    .returning({ id: favoriteLists.id });
  if (deleted.length === 0) throw new AppError("not_found", "list_not_found");
}

export interface FavoriteLineRow {
  lineId: number;
  defaultQuantity: number;
  note: string | null;
  position: number;
  product: ProductRow;
}

/** A list's lines in their order, with the current product data (price and stock are live). */
export async function listFavoriteLines(listId: number): Promise<FavoriteLineRow[]> {
  const db = await database();
  const lines = await db
    .select()
    .from(favoriteListLines)
    .where(eq(favoriteListLines.listId, listId))
    .orderBy(asc(favoriteListLines.position), asc(favoriteListLines.id));
  const byId = new Map((await listProductsByIds(lines.map((l) => l.productId))).map((p) => [p.id, p]));
  return lines.flatMap((line) => {
    const product = byId.get(line.productId);
    return product ? [{ lineId: line.id, defaultQuantity: line.defaultQuantity, note: line.note, position: line.position, product }] : [];
  });
}

/**
 * Adds a product to a list, at the end. A product already on the list keeps its place; its
 * default quantity is replaced, and its note too when a new one is given.
 */
export async function upsertFavoriteLine(
  listId: number,
  line: { productId: number; defaultQuantity: number; note: string | null },
  now: Date,
): Promise<{ lineId: number; created: boolean }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: favoriteListLines.id })
      .from(favoriteListLines)
      .where(and(eq(favoriteListLines.listId, listId), eq(favoriteListLines.productId, line.productId)));
    if (existing) {
      await tx
        .update(favoriteListLines)
        .set({ defaultQuantity: line.defaultQuantity, ...(line.note === null ? {} : { note: line.note }) })
        .where(eq(favoriteListLines.id, existing.id));
    }
    const [last] = await tx.select({ position: max(favoriteListLines.position) }).from(favoriteListLines).where(eq(favoriteListLines.listId, listId));
    const inserted = existing
      ? existing
      : (await tx
          .insert(favoriteListLines)
          .values({ listId, ...line, position: (last?.position ?? 0) + 1, addedAt: now })
          .returning({ id: favoriteListLines.id }))[0]!;
    await tx.update(favoriteLists).set({ updatedAt: now }).where(eq(favoriteLists.id, listId));
    return { lineId: inserted.id, created: !existing };
  });
}

/** Changes a line's default quantity and note; the list id in the condition keeps lines of other lists out. */
export async function updateFavoriteLine(listId: number, lineId: number, changes: { defaultQuantity: number; note: string | null }, now: Date): Promise<void> {
  const db = await database();
  const updated = await db
    .update(favoriteListLines)
    .set(changes)
    .where(and(eq(favoriteListLines.id, lineId), eq(favoriteListLines.listId, listId)))
    .returning({ id: favoriteListLines.id });
  if (updated.length === 0) throw new AppError("not_found", "line_not_found");
  await db.update(favoriteLists).set({ updatedAt: now }).where(eq(favoriteLists.id, listId));
}

export async function getFavoriteLineProductId(listId: number, lineId: number): Promise<number | null> {
  const db = await database();
  const [row] = await db
    .select({ productId: favoriteListLines.productId })
    .from(favoriteListLines)
    .where(and(eq(favoriteListLines.id, lineId), eq(favoriteListLines.listId, listId)));
  return row?.productId ?? null;
}

export async function removeFavoriteLine(listId: number, lineId: number, now: Date): Promise<void> {
  const db = await database();
  const deleted = await db
    .delete(favoriteListLines)
    .where(and(eq(favoriteListLines.id, lineId), eq(favoriteListLines.listId, listId)))
    .returning({ id: favoriteListLines.id });
  if (deleted.length === 0) throw new AppError("not_found", "line_not_found");
  await db.update(favoriteLists).set({ updatedAt: now }).where(eq(favoriteLists.id, listId));
}

/** Moves a line one place up or down by swapping positions with its neighbour (in one transaction). */
export async function moveFavoriteLine(listId: number, lineId: number, direction: "up" | "down", now: Date): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const lines = await tx
      .select({ id: favoriteListLines.id, position: favoriteListLines.position })
      .from(favoriteListLines)
      .where(eq(favoriteListLines.listId, listId))
      .orderBy(asc(favoriteListLines.position), asc(favoriteListLines.id))
      .for("update");
    const index = lines.findIndex((l) => l.id === lineId);
    if (index < 0) throw new AppError("not_found", "line_not_found");
    const otherIndex = direction === "up" ? index - 1 : index + 1;
    if (otherIndex < 0 || otherIndex >= lines.length) return;
    // Renumber densely, then swap: positions may have gaps or ties after deletes.
    const order = lines.map((l) => l.id);
    [order[index], order[otherIndex]] = [order[otherIndex]!, order[index]!];
    for (const [i, id] of order.entries()) {
      if (lines.find((l) => l.id === id)!.position !== i + 1) {
        await tx.update(favoriteListLines).set({ position: i + 1 }).where(eq(favoriteListLines.id, id));
      }
    }
    await tx.update(favoriteLists).set({ updatedAt: now }).where(eq(favoriteLists.id, listId));
  });
}

/** Lines of a list by id (only those of this list), for "add selected to cart". */
export async function listFavoriteLinesByIds(listId: number, lineIds: number[]): Promise<FavoriteLineRow[]> {
  if (lineIds.length === 0) return [];
  const all = await listFavoriteLines(listId);
  const wanted = new Set(lineIds);
  return all.filter((line) => wanted.has(line.lineId));
}

/** What each of a company's users owns that a colleague could take over: lists, and standing orders they are the orderer of. */
export async function countOwnedByUser(companyId: number): Promise<Map<number, { lists: number; standingOrders: number }>> {
  const db = await database();
  const [lists, schedules] = await Promise.all([
    db.select({ userId: favoriteLists.ownerUserId, n: count() }).from(favoriteLists).where(eq(favoriteLists.companyId, companyId)).groupBy(favoriteLists.ownerUserId),
    db.select({ userId: standingOrders.ownerUserId, n: count() }).from(standingOrders).where(eq(standingOrders.companyId, companyId)).groupBy(standingOrders.ownerUserId),
  ]);
  const owned = new Map<number, { lists: number; standingOrders: number }>();
  for (const row of lists) owned.set(row.userId, { lists: row.n, standingOrders: 0 });
  for (const row of schedules) owned.set(row.userId, { lists: owned.get(row.userId)?.lists ?? 0, standingOrders: row.n });
  return owned;
}

/** A user's standing orders with the list each belongs to (to decide which a colleague may take over). */
export async function listStandingOrdersOwnedBy(
  companyId: number,
  userId: number,
): Promise<{ id: number; active: boolean; list: { ownerUserId: number; shared: boolean; colleaguesMayEdit: boolean } }[]> {
  const db = await database();
  const rows = await db
    .select({
      id: standingOrders.id,
      active: standingOrders.active,
      ownerUserId: favoriteLists.ownerUserId,
      shared: favoriteLists.shared,
      colleaguesMayEdit: favoriteLists.colleaguesMayEdit,
    })
    .from(standingOrders)
    .innerJoin(favoriteLists, eq(favoriteLists.id, standingOrders.listId))
    .where(and(eq(standingOrders.companyId, companyId), eq(standingOrders.ownerUserId, userId)));
  return rows.map(({ id, active, ...list }) => ({ id, active, list }));
}

/**
 * Moves a (deactivated) user's lists, and the given standing orders of theirs, to a colleague, at
 * once. Standing orders that stopped because their owner left stay paused, as paused by a person:
 * the new owner resumes them. Counts what moved.
 */
export async function handOverRecord(input: { companyId: number; fromUserId: number; toUserId: number; standingOrderIds: number[]; now: Date }): Promise<{ lists: number; standingOrders: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const lists = await tx
      .update(favoriteLists)
      .set({ ownerUserId: input.toUserId, updatedAt: input.now })
      .where(and(eq(favoriteLists.companyId, input.companyId), eq(favoriteLists.ownerUserId, input.fromUserId)))
      .returning({ id: favoriteLists.id });
    const moved =
      input.standingOrderIds.length === 0
        ? []
        : await tx
            .update(standingOrders)
            .set({
              ownerUserId: input.toUserId,
              pausedReason: sql`case when ${standingOrders.pausedReason} = 'owner_inactive' then null else ${standingOrders.pausedReason} end`,
              updatedAt: input.now,
            })
            .where(and(eq(standingOrders.companyId, input.companyId), eq(standingOrders.ownerUserId, input.fromUserId), inArray(standingOrders.id, input.standingOrderIds)))
            .returning({ id: standingOrders.id });
    return { lists: lists.length, standingOrders: moved.length };
  });
}
