import "server-only";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { companies, orderEvents, orderLines, orders, orderShipments, users, webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import type { OrderFacts, WebhookOrderFacts } from "@/lib/webhooks/order-payload";
import { database } from "./database";

/** Webhook endpoints and their delivery outbox (db/schema/webhooks.ts; queued by the order_events trigger). */

export type WebhookEndpointSummary = Omit<WebhookEndpoint, "secretEncrypted"> & {
  pending: number;
  failed: number;
  lastDeliveredAt: Date | null;
  disabledByName: string | null;
};

export async function listWebhookEndpoints(): Promise<WebhookEndpointSummary[]> {
  const db = await database();
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      name: webhookEndpoints.name,
      delivery: webhookEndpoints.delivery,
      url: webhookEndpoints.url,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      disabledBy: webhookEndpoints.disabledBy,
      disabledByName: users.name,
      createdBy: webhookEndpoints.createdBy,
      createdAt: webhookEndpoints.createdAt,
      updatedAt: webhookEndpoints.updatedAt,
      pending: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'pending')`,
      failed: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'failed')`,
      lastDeliveredAt: sql<Date | null>`(select max(d.delivered_at) from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.disabledBy))
    .orderBy(asc(webhookEndpoints.id));
  return rows;
}

export async function getWebhookEndpoint(id: number): Promise<(WebhookEndpoint & { disabledByName: string | null }) | null> {
  const db = await database();
  const [row] = await db
    .select({ endpoint: webhookEndpoints, disabledByName: users.name })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.disabledBy))
    .where(eq(webhookEndpoints.id, id));
  return row ? { ...row.endpoint, disabledByName: row.disabledByName } : null;
}

export async function createWebhookEndpoint(values: {
  name: string;
  delivery: WebhookEndpoint["delivery"];
  url: string | null;
  secretEncrypted: string;
  createdBy: number;
}): Promise<WebhookEndpoint> {
  const db = await database();
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  return row!;
}

export async function updateWebhookEndpoint(
  id: number,
  changes: Partial<Pick<WebhookEndpoint, "name" | "url" | "secretEncrypted" | "enabled" | "disabledReason" | "disabledBy">>,
  now: Date,
): Promise<boolean> {
  const db = await database();
  const updated = await db.update(webhookEndpoints).set({ ...changes, updatedAt: now }).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return updated.length > 0;
}

/**
 * Switches an endpoint off and, in the same transaction, stops what it still had queued (failed): a
 * disabled endpoint receives nothing, and "Resend" puts a delivery back when wanted.
 */
export async function disableWebhookEndpoint(id: number, reason: { code: "switched_off"; by: number } | { code: "gone" }, now: Date): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: reason.code, disabledBy: reason.code === "switched_off" ? reason.by : null, updatedAt: now })
      .where(eq(webhookEndpoints.id, id));
    await tx
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: reason.code === "gone" ? "endpoint switched off: 410 Gone" : "endpoint switched off" })
      .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "pending")));
  });
}

/** A pull endpoint's deliveries wait here: fetched through the API, never claimed by the push worker. */
const NEVER = sql<Date>`'infinity'::timestamptz`;

/** When a delivery queued now for this endpoint is due: now for push, never for pull (as in migration 0020's trigger). */
const dueFor = (endpointId: number, now: Date) =>
  sql<Date>`case when (select ${webhookEndpoints.delivery} from ${webhookEndpoints} where ${webhookEndpoints.id} = ${endpointId}) = 'pull' then ${NEVER} else ${now.toISOString()}::timestamptz end`;

export async function enqueueTestDelivery(endpointId: number, eventId: string, now: Date): Promise<void> {
  const db = await database();
  await db.insert(webhookDeliveries).values({ endpointId, eventId, eventType: "webhook.test", nextAttemptAt: dueFor(endpointId, now) });
}

export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  endpoint: Pick<WebhookEndpoint, "id" | "name" | "secretEncrypted"> & { url: string };
}

/** Claims due deliveries of enabled endpoints (FOR UPDATE SKIP LOCKED, then a lease), counting the attempt. */
export async function claimDueWebhookDeliveries(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          eq(webhookEndpoints.enabled, true),
          eq(webhookEndpoints.delivery, "push"),
        ),
      )
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
      // Push endpoints always have a URL (check webhook_endpoints_url_for_push).
      claimed.push({ delivery: delivery!, endpoint: { ...endpoint!, url: endpoint!.url! } });
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
    .set({ status: "pending", nextAttemptAt: dueFor(endpointId, now), attempts: 0, lastError: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning({ id: webhookDeliveries.id });
  return updated.length > 0;
}

/**
 * The oldest queued events of a pull endpoint, counting the fetch as an attempt, and whether more
 * wait. They stay queued until acknowledged.
 */
export async function fetchPullDeliveries(endpointId: number, limit: number): Promise<{ deliveries: WebhookDelivery[]; hasMore: boolean }> {
  const db = await database();
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")))
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit + 1);
  if (rows.length === 0) return { deliveries: [], hasMore: false };
  // The extra row only tells that more wait: it is not handed out, so its fetch is not counted.
  const fetched = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      inArray(
        webhookDeliveries.id,
        rows.slice(0, limit).map((row) => row.id),
      ),
    )
    .returning();
  return { deliveries: fetched.sort((a, b) => a.id - b.id), hasMore: rows.length > limit };
}

export type PullAcknowledgement = "acknowledged" | "already_acknowledged" | "not_queued" | "unknown";

/**
 * Marks a pull endpoint's events as received, by event id (the consumer's idempotency key). Each id
 * is reported — acknowledged now, acknowledged earlier, no longer queued (failed when the endpoint
 * was switched off; "Resend" queues it again), or not an event of this endpoint — never an error,
 * so a retried acknowledgement is harmless.
 */
export async function acknowledgePullDeliveries(endpointId: number, eventIds: string[], now: Date): Promise<Map<string, PullAcknowledgement>> {
  const db = await database();
  return db.transaction(async (tx) => {
    const before = await tx
      .select({ eventId: webhookDeliveries.eventId, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), inArray(webhookDeliveries.eventId, eventIds)))
      .for("update");
    await tx
      .update(webhookDeliveries)
      .set({ status: "delivered", deliveredAt: now, lastError: null })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending"), inArray(webhookDeliveries.eventId, eventIds)));
    const statusOf = new Map(before.map((row) => [row.eventId, row.status]));
    const outcome = (status: WebhookDelivery["status"] | undefined): PullAcknowledgement =>
      status === "pending" ? "acknowledged" : status === "delivered" ? "already_acknowledged" : status === "failed" ? "not_queued" : "unknown";
    return new Map(eventIds.map((id) => [id, outcome(statusOf.get(id))] as const));
  });
}

/** The order as stored, its customer and who placed it: the order in webhook events and the orders API. */
export async function orderFacts(where: { orderId: number } | { orderNumber: string }): Promise<OrderFacts | null> {
  const db = await database();
  const [row] = await db
    .select({
      order: orders,
      customer: { id: companies.id, name: companies.name, kvkNumber: companies.kvkNumber, vatId: companies.vatId, erpCustomerNumber: companies.erpCustomerNumber },
      placedByName: users.name,
      placedByEmail: users.email,
    })
    .from(orders)
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(users, eq(users.id, orders.userId))
    .where("orderId" in where ? eq(orders.id, where.orderId) : eq(orders.orderNumber, where.orderNumber));
  if (!row) return null;
  const [lines, shipments] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, row.order.id)).orderBy(asc(orderLines.lineNumber)),
    db.select().from(orderShipments).where(eq(orderShipments.orderId, row.order.id)).orderBy(asc(orderShipments.createdAt), asc(orderShipments.id)),
  ]);
  return {
    order: row.order,
    customer: row.customer,
    placedBy: row.placedByName && row.placedByEmail ? { name: row.placedByName, email: row.placedByEmail } : null,
    lines: lines.map((line) => ({ ...line, priceSource: line.priceSource })),
    shipments,
  };
}

/** The order facts and the event a webhook delivery is about. */
export async function orderWebhookFacts(orderId: number, orderEventId: number): Promise<WebhookOrderFacts | null> {
  const db = await database();
  const [facts, [event]] = await Promise.all([orderFacts({ orderId }), db.select().from(orderEvents).where(eq(orderEvents.id, orderEventId))]);
  if (!facts) return null;
  return {
    ...facts,
    event: event
      ? { kind: event.kind, status: event.status, comment: event.comment, at: event.createdAt }
      : { kind: "status", status: facts.order.status, comment: null, at: facts.order.placedAt },
  };
}
