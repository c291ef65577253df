import "server-only";
import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import { favoriteLists, orders, standingOrderRuns, standingOrders, users, type StandingOrder, type StandingOrderRun, type StandingOrderRunOutcome } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SkippedStandingOrderLine, StandingOrderPauseReason } from "@/lib/standing-orders/schedule";
import { database } from "./database";
import type { Tx } from "./quotes";

/** Standing orders (db/schema/standing-orders.ts): one per favorites list, run by lib/standing-orders. */

export type StandingOrderView = StandingOrder & { ownerName: string; listName: string };

async function standingOrderViews(where: SQL): Promise<StandingOrderView[]> {
  const db = await database();
  const rows = await db
    .select({ standingOrder: standingOrders, ownerName: users.name, listName: favoriteLists.name })
    .from(standingOrders)
    .innerJoin(users, eq(users.id, standingOrders.ownerUserId))
    .innerJoin(favoriteLists, eq(favoriteLists.id, standingOrders.listId))
    .where(where)
    .orderBy(asc(standingOrders.nextRunOn), asc(standingOrders.id));
  return rows.map((row) => ({ ...row.standingOrder, ownerName: row.ownerName, listName: row.listName }));
}

/** The standing order of a list of this company, or null. */
export async function getStandingOrderOfList(companyId: number, listId: number): Promise<StandingOrderView | null> {
  return (await standingOrderViews(and(eq(standingOrders.companyId, companyId), eq(standingOrders.listId, listId))!))[0] ?? null;
}

export async function getStandingOrder(id: number): Promise<StandingOrderView | null> {
  return (await standingOrderViews(eq(standingOrders.id, id)))[0] ?? null;
}

export type StandingOrderRunView = StandingOrderRun & { orderNumber: string | null };

export async function listStandingOrderRuns(standingOrderId: number, limit = 20): Promise<StandingOrderRunView[]> {
  const db = await database();
  const rows = await db
    .select({ run: standingOrderRuns, orderNumber: orders.orderNumber })
    .from(standingOrderRuns)
    .leftJoin(orders, eq(orders.id, standingOrderRuns.orderId))
    .where(eq(standingOrderRuns.standingOrderId, standingOrderId))
    .orderBy(desc(standingOrderRuns.runOn))
    .limit(limit);
  return rows.map((row) => ({ ...row.run, orderNumber: row.orderNumber }));
}

export type StandingOrderValues = Pick<
  StandingOrder,
  "companyId" | "listId" | "ownerUserId" | "intervalWeeks" | "nextRunOn" | "shipToAddressId" | "poNumber" | "costCenter" | "note"
>;

/** Sets up (or replaces the settings of) the list's standing order; it runs from then on. */
export async function saveStandingOrder(values: StandingOrderValues, now: Date): Promise<StandingOrder> {
  const db = await database();
  const [row] = await db
    .insert(standingOrders)
    .values({ ...values, active: true, pausedReason: null, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: standingOrders.listId,
      set: { ...values, active: true, pausedReason: null, updatedAt: now },
      // A list never changes company; the guard keeps another company's row out of reach regardless.
      setWhere: eq(standingOrders.companyId, values.companyId),
    })
    .returning();
  if (!row) throw new AppError("not_found", "list_not_found");
  return row;
}

export async function updateStandingOrderState(
  companyId: number,
  id: number,
  changes: Partial<Pick<StandingOrder, "active" | "nextRunOn" | "pausedReason">>,
  now: Date,
): Promise<void> {
  const db = await database();
  const updated = await db
    .update(standingOrders)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(standingOrders.id, id), eq(standingOrders.companyId, companyId)))
    .returning({ id: standingOrders.id });
  if (updated.length === 0) throw new AppError("not_found", "standing_order_not_found");
}

export async function deleteStandingOrder(companyId: number, id: number): Promise<void> {
  const db = await database();
  await db.delete(standingOrders).where(and(eq(standingOrders.id, id), eq(standingOrders.companyId, companyId)));
}

/** Active standing orders due on or before `today`, oldest first. */
export async function listDueStandingOrderIds(today: string, limit: number): Promise<number[]> {
  const db = await database();
  const rows = await db
    .select({ id: standingOrders.id })
    .from(standingOrders)
    .where(and(eq(standingOrders.active, true), lte(standingOrders.nextRunOn, today)))
    .orderBy(asc(standingOrders.nextRunOn), asc(standingOrders.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Active standing orders running after `today` and up to `horizon` whose owner was not yet reminded of that run. */
export async function listStandingOrdersToRemind(today: string, horizon: string, limit: number): Promise<number[]> {
  const db = await database();
  const rows = await db
    .select({ id: standingOrders.id })
    .from(standingOrders)
    .where(
      and(
        eq(standingOrders.active, true),
        gt(standingOrders.nextRunOn, today),
        lte(standingOrders.nextRunOn, horizon),
        sql`${standingOrders.remindedFor} is distinct from ${standingOrders.nextRunOn}`,
      ),
    )
    .orderBy(asc(standingOrders.nextRunOn), asc(standingOrders.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Takes the reminder for the run on `runOn`: true for exactly one caller, however many processes ask. */
export async function claimStandingOrderReminder(id: number, runOn: string): Promise<boolean> {
  const db = await database();
  const claimed = await db
    .update(standingOrders)
    .set({ remindedFor: runOn })
    .where(
      and(
        eq(standingOrders.id, id),
        eq(standingOrders.active, true),
        eq(standingOrders.nextRunOn, runOn),
        sql`${standingOrders.remindedFor} is distinct from ${runOn}::date`,
      ),
    )
    .returning({ id: standingOrders.id });
  return claimed.length > 0;
}

export interface StandingOrderRunRecord {
  standingOrderId: number;
  /** The scheduled day the run is for: the row must still be due on it, or nothing is written. */
  runOn: string;
  outcome: StandingOrderRunOutcome;
  /** The next scheduled day; null pauses the standing order (with `pausedReason`). */
  nextRunOn: string | null;
  pausedReason?: StandingOrderPauseReason;
  skippedLines: SkippedStandingOrderLine[];
  orderId?: number;
}

/**
 * Records a run and moves the standing order on, inside the caller's transaction (the order's, when
 * the run placed one). The row must still be active and due on `runOn`: another worker, or a buyer
 * who skipped or paused it meanwhile, makes this a conflict and the transaction rolls back whole.
 */
export async function recordStandingOrderRun(tx: Tx, run: StandingOrderRunRecord, now: Date): Promise<void> {
  const moved = await tx
    .update(standingOrders)
    .set(
      run.nextRunOn === null
        ? { active: false, pausedReason: run.pausedReason ?? null, updatedAt: now }
        : { nextRunOn: run.nextRunOn, updatedAt: now },
    )
    .where(and(eq(standingOrders.id, run.standingOrderId), eq(standingOrders.active, true), eq(standingOrders.nextRunOn, run.runOn)))
    .returning({ id: standingOrders.id });
  if (moved.length === 0) throw new AppError("conflict", "standing_order_changed");
  await tx.insert(standingOrderRuns).values({
    standingOrderId: run.standingOrderId,
    runOn: run.runOn,
    outcome: run.outcome,
    orderId: run.orderId ?? null,
    skippedLines: run.skippedLines,
    detail: run.pausedReason ?? null,
    createdAt: now,
  });
}

/** A run that placed no order (nothing orderable, or the standing order had to stop). */
export async function recordStandingOrderRunAlone(run: StandingOrderRunRecord, now: Date): Promise<void> {
  const db = await database();
  await db.transaction((tx) => recordStandingOrderRun(tx, run, now));
}

/** The company's standing orders by list (the favorites overview marks the lists that have one). */
export async function listStandingOrderSchedules(companyId: number): Promise<Map<number, Pick<StandingOrder, "active" | "intervalWeeks" | "nextRunOn">>> {
  const db = await database();
  const rows = await db
    .select({ listId: standingOrders.listId, active: standingOrders.active, intervalWeeks: standingOrders.intervalWeeks, nextRunOn: standingOrders.nextRunOn })
    .from(standingOrders)
    .where(eq(standingOrders.companyId, companyId));
  return new Map(rows.map(({ listId, ...schedule }) => [listId, schedule]));
}

export type CompanyStandingOrder = StandingOrderView & { lastRun: StandingOrderRunView | null };

/** A customer's standing orders with each one's latest run (the account manager's customer page). */
export async function listCompanyStandingOrders(companyId: number): Promise<CompanyStandingOrder[]> {
  const views = await standingOrderViews(eq(standingOrders.companyId, companyId));
  if (views.length === 0) return [];
  const db = await database();
  const latest = await db
    .selectDistinctOn([standingOrderRuns.standingOrderId], { run: standingOrderRuns, orderNumber: orders.orderNumber })
    .from(standingOrderRuns)
    .leftJoin(orders, eq(orders.id, standingOrderRuns.orderId))
    .where(inArray(standingOrderRuns.standingOrderId, views.map((view) => view.id)))
    .orderBy(standingOrderRuns.standingOrderId, desc(standingOrderRuns.runOn));
  const lastRuns = new Map(latest.map((row) => [row.run.standingOrderId, { ...row.run, orderNumber: row.orderNumber }]));
  return views.map((view) => ({ ...view, lastRun: lastRuns.get(view.id) ?? null }));
}

/** The standing order (its list) whose run placed this order, or null (placed by hand, or the standing order was removed). */
export async function standingOrderOfOrder(orderId: number): Promise<{ listId: number; listName: string; shared: boolean; ownerUserId: number } | null> {
  const db = await database();
  const [row] = await db
    .select({ listId: favoriteLists.id, listName: favoriteLists.name, shared: favoriteLists.shared, ownerUserId: favoriteLists.ownerUserId })
    .from(standingOrderRuns)
    .innerJoin(standingOrders, eq(standingOrders.id, standingOrderRuns.standingOrderId))
    .innerJoin(favoriteLists, eq(favoriteLists.id, standingOrders.listId))
    .where(eq(standingOrderRuns.orderId, orderId))
    .limit(1);
  return row ?? null;
}
