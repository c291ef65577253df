import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import {
  companies,
  invoiceDeliveries,
  invoices,
  outboundMessages,
  punchoutConnections,
  purchaseOrders,
  purchaseOrderSettings,
  type Invoice,
  type InvoiceChannel,
  type InvoiceDelivery,
  type InvoiceDeliveryStatus,
  type PunchoutConnection,
  type PurchaseOrder,
  type PurchaseOrderSettings,
} from "@/db/schema";
import { database } from "./database";

/**
 * Invoice deliveries (db/schema/invoices.ts invoice_deliveries): one row per invoice and channel,
 * created pending by the transaction that issues the invoice, worked off by
 * lib/invoices/deliver-invoices.ts.
 *
 * cXML deliveries go through the outbound_messages queue (the same durable outbox as
 * ConfirmationRequest / ShipNoticeRequest). Once a delivery has its `outbound_message_id` the
 * invoice worker no longer claims it; its status MIRRORS the outbound message: lib/data/
 * outbound-messages.ts updates the delivery in the same transaction that records each attempt
 * (`mirrorOutboundOutcome` below), so delivery status, attempts and last error are stored, not
 * computed on read, and the admin lists can filter on them.
 */

export interface ClaimedInvoiceDelivery {
  delivery: InvoiceDelivery;
  invoice: Invoice;
}

/**
 * Claims due pending deliveries for one worker pass: `FOR UPDATE SKIP LOCKED` so several app
 * instances never take the same row, then a lease (next_attempt_at moved forward, attempts + 1),
 * so a worker that dies mid-send leaves the row to be retried after the lease.
 */
export async function claimDueInvoiceDeliveries(now: Date, limit: number, leaseMs: number): Promise<ClaimedInvoiceDelivery[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: invoiceDeliveries.id })
      .from(invoiceDeliveries)
      .where(and(eq(invoiceDeliveries.status, "pending"), lte(invoiceDeliveries.nextAttemptAt, now), isNull(invoiceDeliveries.outboundMessageId)))
      .orderBy(asc(invoiceDeliveries.nextAttemptAt), asc(invoiceDeliveries.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const claimed: ClaimedInvoiceDelivery[] = [];
    for (const { id } of due) {
      const [delivery] = await tx
        .update(invoiceDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${invoiceDeliveries.attempts} + 1` })
        .where(eq(invoiceDeliveries.id, id))
        .returning();
      if (!delivery) continue;
      const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, delivery.invoiceId));
      if (invoice) claimed.push({ delivery, invoice });
    }
    return claimed;
  });
}

export async function markInvoiceDeliverySent(id: number, result: { externalReference: string; now: Date }): Promise<void> {
  const db = await database();
  await db
    .update(invoiceDeliveries)
    .set({ status: "sent", sentAt: result.now, externalReference: result.externalReference.slice(0, 2000), lastError: null })
    .where(eq(invoiceDeliveries.id, id));
}

/** A failed attempt: back to pending at `nextAttemptAt`, or `failed` for good when `permanent`. */
export async function markInvoiceDeliveryAttemptFailed(id: number, result: { permanent: boolean; error: string; nextAttemptAt: Date }): Promise<void> {
  const db = await database();
  await db
    .update(invoiceDeliveries)
    .set({ status: result.permanent ? "failed" : "pending", lastError: result.error.slice(0, 2000), nextAttemptAt: result.nextAttemptAt })
    .where(eq(invoiceDeliveries.id, id));
}

export interface InvoiceOutboundInput {
  connectionId: number;
  orderId: number | null;
  payloadId: string;
  url: string;
  bodyEncrypted: string;
}

/**
 * Hands a cXML delivery to the outbound queue: inserts the outbound message (kind "invoice") and
 * links it to the delivery in one transaction; the delivery stays pending until the outbound worker
 * mirrors the final outcome. Returns the message id, or null when the delivery was taken meanwhile.
 */
export async function queueInvoiceOutboundMessage(deliveryId: number, message: InvoiceOutboundInput): Promise<number | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: invoiceDeliveries.id })
      .from(invoiceDeliveries)
      .where(and(eq(invoiceDeliveries.id, deliveryId), eq(invoiceDeliveries.status, "pending"), isNull(invoiceDeliveries.outboundMessageId)))
      .for("update");
    if (!current) return null;
    const [row] = await tx
      .insert(outboundMessages)
      .values({ ...message, kind: "invoice" })
      .returning({ id: outboundMessages.id });
    await tx
      .update(invoiceDeliveries)
      .set({ outboundMessageId: row!.id, externalReference: message.payloadId, lastError: null, attempts: 0 })
      .where(eq(invoiceDeliveries.id, deliveryId));
    return row!.id;
  });
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof database>>["transaction"]>[0]>[0];

/**
 * Called by lib/data/outbound-messages.ts inside the transaction that records an outbound attempt:
 * copies the outcome onto the invoice delivery that owns the message (if any). Returns its invoice id.
 */
export async function mirrorOutboundOutcome(
  tx: Tx,
  message: { id: number; kind: string; status: InvoiceDeliveryStatus; attempts: number; lastError: string | null; sentAt: Date | null },
): Promise<number | null> {
  if (message.kind !== "invoice") return null;
  const [row] = await tx
    .update(invoiceDeliveries)
    .set({
      status: message.status,
      attempts: message.attempts,
      lastError: message.status === "sent" ? null : message.lastError,
      ...(message.status === "sent" ? { sentAt: message.sentAt } : {}),
    })
    .where(eq(invoiceDeliveries.outboundMessageId, message.id))
    .returning({ invoiceId: invoiceDeliveries.invoiceId });
  return row?.invoiceId ?? null;
}

export async function getInvoiceDelivery(invoiceId: number, channel: InvoiceChannel): Promise<InvoiceDelivery | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(invoiceDeliveries)
    .where(and(eq(invoiceDeliveries.invoiceId, invoiceId), eq(invoiceDeliveries.channel, channel)));
  return row ?? null;
}

export async function listInvoiceDeliveries(invoiceId: number): Promise<InvoiceDelivery[]> {
  const db = await database();
  return db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoiceId)).orderBy(asc(invoiceDeliveries.id));
}

/**
 * Manual resend of a delivery handled by the invoice worker (Peppol, NLCIUS, e-mail, or cXML not yet
 * queued): pending now, attempts and error reset. Null when the invoice has no delivery on that
 * channel (channels are fixed when the invoice is issued).
 */
export async function resetInvoiceDelivery(invoiceId: number, channel: InvoiceChannel, now: Date): Promise<InvoiceDelivery | null> {
  const db = await database();
  const [row] = await db
    .update(invoiceDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(invoiceDeliveries.invoiceId, invoiceId), eq(invoiceDeliveries.channel, channel)))
    .returning();
  return row ?? null;
}

/**
 * Manual resend of a cXML delivery: the same outbound message (same payloadID and body) back in
 * the queue now with a fresh attempt budget, and the delivery pending again — one transaction.
 */
export async function requeueInvoiceOutboundMessage(deliveryId: number, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [delivery] = await tx.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.id, deliveryId)).for("update");
    if (!delivery?.outboundMessageId) return false;
    const [message] = await tx
      .update(outboundMessages)
      .set({ status: "pending", nextAttemptAt: now, attempts: 0 })
      .where(eq(outboundMessages.id, delivery.outboundMessageId))
      .returning({ id: outboundMessages.id });
    if (!message) return false;
    await tx.update(invoiceDeliveries).set({ status: "pending", attempts: 0, lastError: null }).where(eq(invoiceDeliveries.id, deliveryId));
    return true;
  });
}

export async function getInvoiceOutboundMessage(deliveryId: number) {
  const db = await database();
  const [row] = await db
    .select({ message: outboundMessages })
    .from(invoiceDeliveries)
    .innerJoin(outboundMessages, eq(outboundMessages.id, invoiceDeliveries.outboundMessageId))
    .where(eq(invoiceDeliveries.id, deliveryId));
  return row?.message ?? null;
}

export interface InvoiceCxmlContext {
  connection: PunchoutConnection;
  settings: PurchaseOrderSettings | null;
  /** The OrderRequest the invoice bills; null when the order did not come in as cXML. */
  purchaseOrder: PurchaseOrder | null;
}

/**
 * Who an invoice's cXML goes to: the purchase order of its order (a credit note: of the credited
 * invoice's order) with that connection; else the customer's first enabled cXML connection.
 */
export async function getInvoiceCxmlContext(invoice: Pick<Invoice, "orderId" | "companyId" | "creditedInvoiceId">): Promise<InvoiceCxmlContext | null> {
  const db = await database();
  let orderId = invoice.orderId;
  if (orderId === null && invoice.creditedInvoiceId !== null) {
    const [credited] = await db.select({ orderId: invoices.orderId }).from(invoices).where(eq(invoices.id, invoice.creditedInvoiceId));
    orderId = credited?.orderId ?? null;
  }
  if (orderId !== null) {
    const [row] = await db
      .select({ purchaseOrder: purchaseOrders, connection: punchoutConnections, settings: purchaseOrderSettings })
      .from(purchaseOrders)
      .innerJoin(punchoutConnections, eq(punchoutConnections.id, purchaseOrders.connectionId))
      .leftJoin(purchaseOrderSettings, eq(purchaseOrderSettings.connectionId, purchaseOrders.connectionId))
      .where(eq(purchaseOrders.orderId, orderId));
    if (row) return row;
  }
  const [fallback] = await db
    .select({ connection: punchoutConnections, settings: purchaseOrderSettings })
    .from(punchoutConnections)
    .leftJoin(purchaseOrderSettings, eq(purchaseOrderSettings.connectionId, punchoutConnections.id))
    .where(and(eq(punchoutConnections.companyId, invoice.companyId), eq(punchoutConnections.protocol, "cxml"), eq(punchoutConnections.enabled, true)))
    .orderBy(asc(punchoutConnections.id))
    .limit(1);
  return fallback ? { ...fallback, purchaseOrder: null } : null;
}

/** The message log's view of invoice deliveries (app/admin/messages). */
export interface InvoiceDeliveryLogFilters {
  companyIds?: number[];
  from?: Date;
  until?: Date;
  channel?: InvoiceChannel;
  status?: InvoiceDeliveryStatus;
  /** Only cXML deliveries queued on this connection. */
  connectionId?: number;
  /** Only cXML deliveries queued on one of these connections (an empty list matches nothing). */
  connectionIds?: number[];
}

export interface InvoiceDeliveryLogRow {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  invoiceKind: Invoice["kind"];
  companyId: number;
  companyName: string;
  channel: InvoiceChannel;
  status: InvoiceDeliveryStatus;
  attempts: number;
  lastError: string | null;
  externalReference: string | null;
  connectionId: number | null;
  payloadId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export async function listInvoiceDeliveryLog(filters: InvoiceDeliveryLogFilters, limit = 200): Promise<InvoiceDeliveryLogRow[]> {
  const db = await database();
  const message = alias(outboundMessages, "message");
  const conditions: SQL[] = [];
  if (filters.companyIds !== undefined) conditions.push(inArray(invoices.companyId, filters.companyIds.length ? filters.companyIds : [-1]));
  if (filters.from) conditions.push(gte(invoiceDeliveries.createdAt, filters.from));
  if (filters.until) conditions.push(lt(invoiceDeliveries.createdAt, filters.until));
  if (filters.channel) conditions.push(eq(invoiceDeliveries.channel, filters.channel));
  if (filters.status) conditions.push(eq(invoiceDeliveries.status, filters.status));
  if (filters.connectionId !== undefined) conditions.push(eq(message.connectionId, filters.connectionId));
  if (filters.connectionIds !== undefined) conditions.push(inArray(message.connectionId, filters.connectionIds.length ? filters.connectionIds : [-1]));
  return db
    .select({
      id: invoiceDeliveries.id,
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
      invoiceKind: invoices.kind,
      companyId: invoices.companyId,
      companyName: companies.name,
      channel: invoiceDeliveries.channel,
      status: invoiceDeliveries.status,
      attempts: invoiceDeliveries.attempts,
      lastError: invoiceDeliveries.lastError,
      externalReference: invoiceDeliveries.externalReference,
      connectionId: message.connectionId,
      payloadId: message.payloadId,
      createdAt: invoiceDeliveries.createdAt,
      sentAt: invoiceDeliveries.sentAt,
    })
    .from(invoiceDeliveries)
    .innerJoin(invoices, eq(invoices.id, invoiceDeliveries.invoiceId))
    .innerJoin(companies, eq(companies.id, invoices.companyId))
    .leftJoin(message, eq(message.id, invoiceDeliveries.outboundMessageId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(invoiceDeliveries.createdAt), desc(invoiceDeliveries.id))
    .limit(limit);
}
