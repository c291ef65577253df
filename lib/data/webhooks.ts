import "server-only";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { companies, orderEvents, orderLines, orders, users, webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import type { WebhookOrderFacts } from "@/lib/webhooks/order-payload";
import { database } from "./database";

/** Webhook endpoints and their delivery outbox (db/schema/webhooks.ts; queued by the order_events trigger). */

export type WebhookEndpointSummary = Omit<WebhookEndpoint, "secretEncrypted"> & { pending: number; failed: number; lastDeliveredAt: Date | null };

export async function listWebhookEndpoints(): Promise<WebhookEndpointSummary[]> {
  const db = await database();
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      name: webhookEndpoints.name,
      url: webhookEndpoints.url,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      createdBy: webhookEndpoints.createdBy,
      createdAt: webhookEndpoints.createdAt,
      updatedAt: webhookEndpoints.updatedAt,
      pending: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'pending')`,
      failed: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'failed')`,
      lastDeliveredAt: sql<Date | null>`(select max(d.delivered_at) from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(webhookEndpoints)
    .orderBy(asc(webhookEndpoints.id));
  return rows;
}

export async function getWebhookEndpoint(id: number): Promise<WebhookEndpoint | null> {
  const db = await database();
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

export async function createWebhookEndpoint(values: { name: string; url: string; secretEncrypted: string; createdBy: number }): Promise<WebhookEndpoint> {
  const db = await database();
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  return row!;
}

export async function updateWebhookEndpoint(
  id: number,
  changes: Partial<Pick<WebhookEndpoint, "name" | "url" | "secretEncrypted" | "enabled" | "disabledReason">>,
  now: Date,
): Promise<boolean> {
  const db = await database();
  const updated = await db.update(webhookEndpoints).set({ ...changes, updatedAt: now }).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return updated.length > 0;
}

/**
 * Switches an endpoint off and, in the same transaction, stops what it still had queued (failed, with
 * the reason): a disabled endpoint receives nothing, and "Resend" puts a delivery back when wanted.
 */
export async function disableWebhookEndpoint(id: number, reason: string, now: Date): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason, updatedAt: now }).where(eq(webhookEndpoints.id, id));
    await tx
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: reason })
      .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "pending")));
  });
}

export async function enqueueTestDelivery(endpointId: number, eventId: string): Promise<void> {
  const db = await database();
  await db.insert(webhookDeliveries).values({ endpointId, eventId, eventType: "webhook.test" });
}

export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  endpoint: Pick<WebhookEndpoint, "id" | "name" | "url" | "secretEncrypted">;
}

/** Claims due deliveries of enabled endpoints (FOR UPDATE SKIP LOCKED, then a lease), counting the attempt. */
export async function claimDueWebhookDeliveries(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookEndpoints.enabled, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    const claimed: ClaimedDelivery[] = [];
    for (const { id } of due) {
      const [delivery] = await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(eq(webhookDeliveries.id, id))
        .returning();
      const [endpoint] = await tx
        .select({ id: webhookEndpoints.id, name: webhookEndpoints.name, url: webhookEndpoints.url, secretEncrypted: webhookEndpoints.secretEncrypted })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, delivery!.endpointId));
      claimed.push({ delivery: delivery!, endpoint: endpoint! });
    }
    return claimed;
  });
}

/** Fixes the body of a delivery at its first attempt (later attempts send the same bytes). */
export async function freezeWebhookBody(id: number, body: string): Promise<void> {
  const db = await database();
  await db.update(webhookDeliveries).set({ body }).where(and(eq(webhookDeliveries.id, id), sql`${webhookDeliveries.body} is null`));
}

export async function markWebhookDelivered(id: number, httpStatus: number, now: Date): Promise<void> {
  const db = await database();
  await db.update(webhookDeliveries).set({ status: "delivered", lastHttpStatus: httpStatus, lastError: null, deliveredAt: now }).where(eq(webhookDeliveries.id, id));
}

export async function markWebhookAttemptFailed(id: number, outcome: { httpStatus: number | null; error: string; nextAttemptAt: Date | null }): Promise<void> {
  const db = await database();
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.nextAttemptAt ? "pending" : "failed",
      lastHttpStatus: outcome.httpStatus,
      lastError: outcome.error.slice(0, 1000),
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    })
    .where(eq(webhookDeliveries.id, id));
}

export async function listWebhookDeliveries(endpointId: number, options: { limit: number; offset: number }): Promise<{ items: (WebhookDelivery & { orderNumber: string | null })[]; total: number }> {
  const db = await database();
  const [items, [total]] = await Promise.all([
    db
      .select({ delivery: webhookDeliveries, orderNumber: orders.orderNumber })
      .from(webhookDeliveries)
      .leftJoin(orders, eq(orders.id, webhookDeliveries.orderId))
      .where(eq(webhookDeliveries.endpointId, endpointId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)),
  ]);
  return { items: items.map((row) => ({ ...row.delivery, orderNumber: row.orderNumber })), total: total?.n ?? 0 };
}

/** Puts a delivery back in the queue now (same webhook-id and body: the receiver de-duplicates). */
export async function resendWebhookDelivery(endpointId: number, deliveryId: number, now: Date): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, attempts: 0, lastError: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning({ id: webhookDeliveries.id });
  return updated.length > 0;
}

/** The order as stored, its customer, who placed it and the event, for the webhook body. */
export async function orderWebhookFacts(orderId: number, orderEventId: number): Promise<WebhookOrderFacts | null> {
  const db = await database();
  const [row] = await db
    .select({
      order: orders,
      customer: { id: companies.id, name: companies.name, kvkNumber: companies.kvkNumber, vatId: companies.vatId },
      placedByName: users.name,
      placedByEmail: users.email,
    })
    .from(orders)
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const [lines, [event]] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber)),
    db.select().from(orderEvents).where(eq(orderEvents.id, orderEventId)),
  ]);
  return {
    order: row.order,
    customer: row.customer,
    placedBy: row.placedByName && row.placedByEmail ? { name: row.placedByName, email: row.placedByEmail } : null,
    lines: lines.map((line) => ({ ...line, priceSource: line.priceSource })),
    event: event ? { status: event.status, comment: event.comment, at: event.createdAt } : { status: row.order.status, comment: null, at: row.order.placedAt },
  };
}
