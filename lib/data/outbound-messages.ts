import "server-only";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { outboundMessages, type OutboundMessage } from "@/db/schema";
import { database } from "./database";
import { mirrorOutboundOutcome } from "./invoice-deliveries";

/**
 * Claims due pending messages for one delivery round: `FOR UPDATE SKIP LOCKED` so parallel workers
 * (several app instances) never take the same row, then a lease (next_attempt_at moved forward) so a
 * worker that dies mid-send leaves the message to be retried after the lease, with the same payloadID.
 */
export async function claimDueOutboundMessages(now: Date, limit: number, leaseMs: number): Promise<OutboundMessage[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(and(eq(outboundMessages.status, "pending"), lte(outboundMessages.nextAttemptAt, now)))
      .orderBy(asc(outboundMessages.nextAttemptAt), asc(outboundMessages.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const claimed: OutboundMessage[] = [];
    for (const { id } of due) {
      const [row] = await tx
        .update(outboundMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${outboundMessages.attempts} + 1` })
        .where(eq(outboundMessages.id, id))
        .returning();
      if (row) claimed.push(row);
    }
    return claimed;
  });
}

/**
 * The outcome of one delivery attempt. For kind "invoice" the owning invoice delivery follows in
 * the same transaction (lib/data/invoice-deliveries.ts mirrorOutboundOutcome); returns its invoice id.
 */
export async function markOutboundSent(id: number, httpStatus: number, now: Date): Promise<{ invoiceId: number | null }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outboundMessages)
      .set({ status: "sent", sentAt: now, lastHttpStatus: httpStatus, lastError: null })
      .where(eq(outboundMessages.id, id))
      .returning();
    return { invoiceId: row ? await mirrorOutboundOutcome(tx, row) : null };
  });
}

export async function markOutboundAttemptFailed(
  id: number,
  result: { permanent: boolean; httpStatus: number | null; error: string; nextAttemptAt: Date },
): Promise<{ invoiceId: number | null }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outboundMessages)
      .set({
        status: result.permanent ? "failed" : "pending",
        lastHttpStatus: result.httpStatus,
        lastError: result.error.slice(0, 2000),
        nextAttemptAt: result.nextAttemptAt,
      })
      .where(eq(outboundMessages.id, id))
      .returning();
    return { invoiceId: row ? await mirrorOutboundOutcome(tx, row) : null };
  });
}

/** Manual resend: back in the queue now, same payloadID and body (an invoice delivery goes back to pending too). */
export async function requeueOutboundMessage(id: number, now: Date): Promise<OutboundMessage | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [row] = await tx.update(outboundMessages).set({ status: "pending", nextAttemptAt: now }).where(eq(outboundMessages.id, id)).returning();
    if (row) await mirrorOutboundOutcome(tx, row);
    return row ?? null;
  });
}

export async function getOutboundMessage(id: number): Promise<OutboundMessage | null> {
  const db = await database();
  const [row] = await db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
  return row ?? null;
}

export async function listOrderOutboundMessages(orderId: number): Promise<Omit<OutboundMessage, "bodyEncrypted">[]> {
  const db = await database();
  const { bodyEncrypted: _body, ...columns } = getColumns();
  return db.select(columns).from(outboundMessages).where(eq(outboundMessages.orderId, orderId)).orderBy(asc(outboundMessages.id));
}

function getColumns() {
  return {
    id: outboundMessages.id,
    connectionId: outboundMessages.connectionId,
    orderId: outboundMessages.orderId,
    kind: outboundMessages.kind,
    payloadId: outboundMessages.payloadId,
    url: outboundMessages.url,
    bodyEncrypted: outboundMessages.bodyEncrypted,
    status: outboundMessages.status,
    attempts: outboundMessages.attempts,
    nextAttemptAt: outboundMessages.nextAttemptAt,
    lastHttpStatus: outboundMessages.lastHttpStatus,
    lastError: outboundMessages.lastError,
    createdAt: outboundMessages.createdAt,
    sentAt: outboundMessages.sentAt,
  };
}
