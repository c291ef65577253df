import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { cartLines, carts, punchoutConnections, punchoutSessions, type NewPunchoutSession, type PunchoutSession } from "@/db/schema";
import { database } from "./database";

export interface ActivePunchoutSession {
  id: number;
  connectionId: number;
  connectionName: string;
  presetId: string;
  companyId: number;
  userId: number;
  protocol: "oci" | "cxml";
  operation: "create" | "edit" | "inspect";
  returnUrl: string;
  expiresAt: Date;
}

/** The active, unexpired punchout session whose browser token hashes to `tokenHash`. */
export async function getActivePunchoutSession(tokenHash: string, now: Date): Promise<ActivePunchoutSession | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: punchoutSessions.id,
      connectionId: punchoutSessions.connectionId,
      connectionName: punchoutConnections.name,
      presetId: punchoutConnections.presetId,
      companyId: punchoutSessions.companyId,
      userId: punchoutSessions.userId,
      protocol: punchoutSessions.protocol,
      operation: punchoutSessions.operation,
      returnUrl: punchoutSessions.returnUrl,
      expiresAt: punchoutSessions.expiresAt,
    })
    .from(punchoutSessions)
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, punchoutSessions.connectionId))
    .where(
      and(
        eq(punchoutSessions.sessionTokenHash, tokenHash),
        eq(punchoutSessions.status, "active"),
        gt(punchoutSessions.expiresAt, now),
        eq(punchoutConnections.enabled, true),
      ),
    );
  return row ?? null;
}

export async function getPunchoutSession(id: number): Promise<PunchoutSession | null> {
  const db = await database();
  const [row] = await db.select().from(punchoutSessions).where(eq(punchoutSessions.id, id));
  return row ?? null;
}

/** Creates a punchout session and its (empty) cart in one transaction. */
export async function createPunchoutSession(values: NewPunchoutSession): Promise<PunchoutSession> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [session] = await tx.insert(punchoutSessions).values(values).returning();
    if (!session) throw new Error("punchout session insert returned nothing");
    await tx.insert(carts).values({ userId: session.userId, companyId: session.companyId, punchoutSessionId: session.id });
    return session;
  });
}

/**
 * Creates a cXML punchout session with its cart (pre-filled for edit/inspect) in one transaction,
 * unless the connection already has a session for this setup request's payloadID: a replayed
 * PunchOutSetupRequest returns null and creates nothing (unique index, so also under races).
 */
export async function createPunchoutSessionOnce(
  values: NewPunchoutSession & { requestPayloadId: string },
  lines: { productId: number; quantity: number }[],
): Promise<PunchoutSession | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [session] = await tx
      .insert(punchoutSessions)
      .values(values)
      .onConflictDoNothing({ target: [punchoutSessions.connectionId, punchoutSessions.requestPayloadId] })
      .returning();
    if (!session) return null;
    const [cart] = await tx
      .insert(carts)
      .values({ userId: session.userId, companyId: session.companyId, punchoutSessionId: session.id })
      .returning({ id: carts.id });
    if (lines.length) await tx.insert(cartLines).values(lines.map((line) => ({ cartId: cart!.id, ...line })));
    return session;
  });
}

/** Whether a connection already opened a session for this setup request payloadID (replay check). */
export async function hasSessionForPayload(connectionId: number, requestPayloadId: string): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: punchoutSessions.id })
    .from(punchoutSessions)
    .where(and(eq(punchoutSessions.connectionId, connectionId), eq(punchoutSessions.requestPayloadId, requestPayloadId)));
  return row !== undefined;
}

/**
 * Exchanges a single-use start token (cXML StartPage) for a browser session token: only the first
 * redemption within the validity window succeeds, atomically.
 */
export async function redeemStartToken(startTokenHash: string, sessionTokenHash: string, now: Date): Promise<PunchoutSession | null> {
  const db = await database();
  const [row] = await db
    .update(punchoutSessions)
    .set({ status: "active", startTokenHash: null, sessionTokenHash })
    .where(
      and(
        eq(punchoutSessions.startTokenHash, startTokenHash),
        eq(punchoutSessions.status, "pending"),
        gt(punchoutSessions.startTokenExpiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function endPunchoutSession(id: number, status: "transferred" | "cancelled"): Promise<void> {
  const db = await database();
  await db
    .update(punchoutSessions)
    .set({ status, endedAt: sql`now()` })
    .where(and(eq(punchoutSessions.id, id), eq(punchoutSessions.status, "active")));
}
