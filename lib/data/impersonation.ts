import "server-only";
import { aliasedTable, and, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { accountManagerCustomers, companies, orders, users, viewAsEvents, viewAsSessions, type ViewAsEventKind } from "@/db/schema";
import { managedBy } from "./customers";
import { database } from "./database";
import { q } from "./sql";

/** "View shop as customer" sessions and their audit (both identities on every event). */

export interface ActiveViewAsSession {
  id: number;
  staffUserId: number;
  targetUserId: number;
  companyId: number;
  expiresAt: Date;
}

/**
 * The open, unexpired session for this token hash that belongs to `staffUserId`, provided the
 * staff member may still see the customer (admins: always; account managers: while assigned).
 */
export async function getActiveViewAsSession(
  tokenHash: string,
  staff: { id: number; role: "admin" | "account_manager" },
  now: Date,
): Promise<ActiveViewAsSession | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: viewAsSessions.id,
      staffUserId: viewAsSessions.staffUserId,
      targetUserId: viewAsSessions.targetUserId,
      companyId: viewAsSessions.companyId,
      expiresAt: viewAsSessions.expiresAt,
    })
    .from(viewAsSessions)
    .where(
      and(
        eq(viewAsSessions.tokenHash, tokenHash),
        eq(viewAsSessions.staffUserId, staff.id),
        isNull(viewAsSessions.endedAt),
        gt(viewAsSessions.expiresAt, now),
        staff.role === "admin"
          ? undefined
          : managedBy(viewAsSessions.companyId, staff.id),
      ),
    );
  return row ?? null;
}

/** Opens a session (ending any other open session of the same staff member) and records "started". */
export async function startViewAsSession(input: {
  tokenHash: string;
  staffUserId: number;
  targetUserId: number;
  companyId: number;
  reason: string | null;
  now: Date;
  expiresAt: Date;
}): Promise<{ id: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const replaced = await tx
      .update(viewAsSessions)
      .set({ endedAt: input.now, endReason: "replaced" })
      .where(and(eq(viewAsSessions.staffUserId, input.staffUserId), isNull(viewAsSessions.endedAt), gt(viewAsSessions.expiresAt, input.now)))
      .returning({ id: viewAsSessions.id, targetUserId: viewAsSessions.targetUserId, companyId: viewAsSessions.companyId });
    if (replaced.length) {
      await tx.insert(viewAsEvents).values(
        replaced.map((s) => ({ sessionId: s.id, staffUserId: input.staffUserId, targetUserId: s.targetUserId, companyId: s.companyId, kind: "ended" as const, createdAt: input.now })),
      );
    }
    const [session] = await tx
      .insert(viewAsSessions)
      .values({
        tokenHash: input.tokenHash,
        staffUserId: input.staffUserId,
        targetUserId: input.targetUserId,
        companyId: input.companyId,
        reason: input.reason,
        createdAt: input.now,
        expiresAt: input.expiresAt,
      })
      .returning({ id: viewAsSessions.id });
    if (!session) throw new Error("view-as session insert returned nothing");
    await tx.insert(viewAsEvents).values({
      sessionId: session.id,
      staffUserId: input.staffUserId,
      targetUserId: input.targetUserId,
      companyId: input.companyId,
      kind: "started",
      createdAt: input.now,
    });
    return session;
  });
}

/** Ends the staff member's session with this token hash (if still open) and records "ended". */
export async function endViewAsSession(tokenHash: string, staffUserId: number, now: Date): Promise<{ companyId: number } | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(viewAsSessions)
      .set({ endedAt: now, endReason: "exit" })
      .where(and(eq(viewAsSessions.tokenHash, tokenHash), eq(viewAsSessions.staffUserId, staffUserId), isNull(viewAsSessions.endedAt)))
      .returning({ id: viewAsSessions.id, targetUserId: viewAsSessions.targetUserId, companyId: viewAsSessions.companyId });
    if (!ended) return null;
    await tx.insert(viewAsEvents).values({
      sessionId: ended.id,
      staffUserId,
      targetUserId: ended.targetUserId,
      companyId: ended.companyId,
      kind: "ended",
      createdAt: now,
    });
    return { companyId: ended.companyId };
  });
}

export async function recordViewAsEvent(input: {
  sessionId: number;
  staffUserId: number;
  targetUserId: number;
  companyId: number;
  kind: ViewAsEventKind;
  path?: string | null;
  orderId?: number | null;
  now?: Date;
}): Promise<void> {
  const db = await database();
  await db.insert(viewAsEvents).values({
    sessionId: input.sessionId,
    staffUserId: input.staffUserId,
    targetUserId: input.targetUserId,
    companyId: input.companyId,
    kind: input.kind,
    path: input.path ?? null,
    orderId: input.orderId ?? null,
    ...(input.now ? { createdAt: input.now } : {}),
  });
}

export interface ViewAsSessionSummary {
  id: number;
  staffName: string;
  targetName: string;
  targetEmail: string;
  companyId: number;
  companyName: string;
  reason: string | null;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  pageViews: number;
  ordersPlaced: number;
}

const staffUsers = aliasedTable(users, "staff_users");
const targetUsers = aliasedTable(users, "target_users");

/** Sessions newest first; scoped to one customer and/or to the customers a manager may see. */
export async function listViewAsSessions(options: { companyId?: number; managerId: number | null; limit: number; offset?: number }): Promise<{ items: ViewAsSessionSummary[]; total: number }> {
  const db = await database();
  const where = and(
    options.companyId === undefined ? undefined : eq(viewAsSessions.companyId, options.companyId),
    options.managerId === null
      ? undefined
      : inArray(
          viewAsSessions.companyId,
          db.select({ id: accountManagerCustomers.companyId }).from(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, options.managerId)),
        ),
  );
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: viewAsSessions.id,
        staffName: staffUsers.name,
        targetName: targetUsers.name,
        targetEmail: targetUsers.email,
        companyId: viewAsSessions.companyId,
        companyName: companies.name,
        reason: viewAsSessions.reason,
        createdAt: viewAsSessions.createdAt,
        expiresAt: viewAsSessions.expiresAt,
        endedAt: viewAsSessions.endedAt,
        pageViews: sql<number>`(select count(*)::int from ${viewAsEvents} where ${q(viewAsEvents.sessionId)} = ${q(viewAsSessions.id)} and ${q(viewAsEvents.kind)} = 'page_view')`,
        ordersPlaced: sql<number>`(select count(*)::int from ${viewAsEvents} where ${q(viewAsEvents.sessionId)} = ${q(viewAsSessions.id)} and ${q(viewAsEvents.kind)} = 'order_placed')`,
      })
      .from(viewAsSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, viewAsSessions.staffUserId))
      .innerJoin(targetUsers, eq(targetUsers.id, viewAsSessions.targetUserId))
      .innerJoin(companies, eq(companies.id, viewAsSessions.companyId))
      .where(where)
      .orderBy(desc(viewAsSessions.createdAt), desc(viewAsSessions.id))
      .limit(options.limit)
      .offset(options.offset ?? 0),
    db.select({ total: count() }).from(viewAsSessions).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

export interface ViewAsEventRow {
  id: number;
  kind: ViewAsEventKind;
  path: string | null;
  orderNumber: string | null;
  staffName: string;
  targetName: string;
  createdAt: Date;
}

export async function listViewAsEvents(sessionId: number): Promise<ViewAsEventRow[]> {
  const db = await database();
  return db
    .select({
      id: viewAsEvents.id,
      kind: viewAsEvents.kind,
      path: viewAsEvents.path,
      orderNumber: orders.orderNumber,
      staffName: staffUsers.name,
      targetName: targetUsers.name,
      createdAt: viewAsEvents.createdAt,
    })
    .from(viewAsEvents)
    .innerJoin(staffUsers, eq(staffUsers.id, viewAsEvents.staffUserId))
    .innerJoin(targetUsers, eq(targetUsers.id, viewAsEvents.targetUserId))
    .leftJoin(orders, eq(orders.id, viewAsEvents.orderId))
    .where(eq(viewAsEvents.sessionId, sessionId))
    .orderBy(viewAsEvents.createdAt, viewAsEvents.id);
}

export async function getViewAsSession(sessionId: number) {
  const db = await database();
  const [row] = await db.select().from(viewAsSessions).where(eq(viewAsSessions.id, sessionId));
  return row ?? null;
}
