import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { summarizeVat } from "@/lib/pricing/vat";
import {
  addresses,
  companies,
  orderEvents,
  orderShipments,
  outboundMessages,
  orderLines,
  orders,
  punchoutConnections,
  punchoutTransferLines,
  punchoutTransfers,
  purchaseOrderDocuments,
  purchaseOrderLines,
  purchaseOrders,
  purchaseOrderSettings,
  type NewOrder,
  type NewOrderLine,
  type NewPurchaseOrderLine,
  type Order,
  type OrderStatus,
  type PunchoutConnection,
  type PurchaseOrder,
  type PurchaseOrderDocument,
  type PurchaseOrderSettings,
} from "@/db/schema";
import { database } from "./database";

/** Postgres unique_violation (postgres.js and PGlite both expose `code`, drizzle wraps it in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === "object" && "code" in e && (e as { code: unknown }).code === "23505") return true;
    e = typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : null;
  }
  return false;
}

/**
 * Connections whose cXML From/Sender may send OrderRequests, with the hash to check the SharedSecret
 * against: every cXML connection (its order secret, else its setup secret) and every OCI connection
 * that has cXML identities and an order secret configured.
 */
export async function listOrderCredentialConnections(): Promise<{ connection: PunchoutConnection; secretHash: string }[]> {
  const db = await database();
  const rows = await db
    .select({ connection: punchoutConnections, orderSecretHash: purchaseOrderSettings.orderSecretHash })
    .from(punchoutConnections)
    .leftJoin(purchaseOrderSettings, eq(purchaseOrderSettings.connectionId, punchoutConnections.id))
    .where(or(eq(punchoutConnections.protocol, "cxml"), isNotNull(purchaseOrderSettings.orderSecretHash)));
  return rows.map(({ connection, orderSecretHash }) => ({ connection, secretHash: orderSecretHash ?? connection.secretHash }));
}

export async function getPurchaseOrderSettings(connectionId: number): Promise<PurchaseOrderSettings | null> {
  const db = await database();
  const [row] = await db.select().from(purchaseOrderSettings).where(eq(purchaseOrderSettings.connectionId, connectionId));
  return row ?? null;
}

export async function upsertPurchaseOrderSettings(
  connectionId: number,
  values: Partial<Omit<PurchaseOrderSettings, "connectionId" | "updatedAt">>,
): Promise<void> {
  const db = await database();
  await db
    .insert(purchaseOrderSettings)
    .values({ connectionId, ...values })
    .onConflictDoUpdate({ target: purchaseOrderSettings.connectionId, set: { ...values, updatedAt: new Date() } });
}

export async function getPurchaseOrderDocument(connectionId: number, payloadId: string): Promise<PurchaseOrderDocument | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(purchaseOrderDocuments)
    .where(and(eq(purchaseOrderDocuments.connectionId, connectionId), eq(purchaseOrderDocuments.payloadId, payloadId)));
  return row ?? null;
}

export async function getPurchaseOrderByBuyerId(
  connectionId: number,
  buyerOrderId: string,
): Promise<{ purchaseOrder: PurchaseOrder; order: Order } | null> {
  const db = await database();
  const [row] = await db
    .select({ purchaseOrder: purchaseOrders, order: orders })
    .from(purchaseOrders)
    .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
    .where(and(eq(purchaseOrders.connectionId, connectionId), eq(purchaseOrders.buyerOrderId, buyerOrderId)));
  return row ?? null;
}

export interface SnapshotLineMatch {
  id: number;
  productId: number;
  unitPriceMinor: number;
  quantity: number;
}

/** Transfer snapshot lines of one customer by reference (SupplierPartAuxiliaryID). */
export async function findSnapshotLines(companyId: number, references: string[]): Promise<Map<string, SnapshotLineMatch>> {
  if (references.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .select({
      reference: punchoutTransferLines.reference,
      id: punchoutTransferLines.id,
      productId: punchoutTransferLines.productId,
      unitPriceMinor: punchoutTransferLines.unitPriceMinor,
      quantity: punchoutTransferLines.quantity,
    })
    .from(punchoutTransferLines)
    .innerJoin(punchoutTransfers, eq(punchoutTransfers.id, punchoutTransferLines.transferId))
    .where(and(eq(punchoutTransfers.companyId, companyId), inArray(punchoutTransferLines.reference, references)));
  return new Map(rows.map(({ reference, ...line }) => [reference, line]));
}

export async function listCompanyShipToAddresses(companyId: number) {
  const db = await database();
  return db
    .select()
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, "ship_to")))
    .orderBy(desc(addresses.isDefault), asc(addresses.id));
}

export interface PurchaseOrderDocumentInput {
  connectionId: number;
  payloadId: string;
  type: "new" | "update" | "delete";
  buyerOrderId: string;
  documentSha256: string;
  rawDocument: string;
  responseXml: string;
}

export interface StoredOrderInput {
  order: Omit<NewOrder, "id" | "orderNumber" | "placedAt">;
  lines: Omit<NewOrderLine, "id" | "orderId">[];
  purchaseOrder: Omit<typeof purchaseOrders.$inferInsert, "orderId" | "revision" | "createdAt" | "updatedAt">;
  purchaseLines: Omit<NewPurchaseOrderLine, "id" | "orderId" | "revision">[];
  document: PurchaseOrderDocumentInput;
  eventComment: string | null;
}

/**
 * A new OrderRequest: order, lines, first event, the cXML header and lines, and the document with
 * its Response — one transaction. A parallel duplicate hits the unique indexes and writes nothing.
 */
export async function createPurchaseOrder(input: StoredOrderInput): Promise<{ orderId: number; orderNumber: string }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(orders).values(input.order).returning({ id: orders.id, orderNumber: orders.orderNumber });
    if (!created) throw new Error("order insert returned nothing");
    await tx.insert(purchaseOrders).values({ ...input.purchaseOrder, orderId: created.id, revision: 1 });
    await tx.insert(purchaseOrderDocuments).values({ ...input.document, orderId: created.id });
    if (input.lines.length) await tx.insert(orderLines).values(input.lines.map((line) => ({ ...line, orderId: created.id })));
    if (input.purchaseLines.length) {
      await tx.insert(purchaseOrderLines).values(input.purchaseLines.map((line) => ({ ...line, orderId: created.id, revision: 1 })));
    }
    await tx.insert(orderEvents).values({ orderId: created.id, status: input.order.status, comment: input.eventComment });
    return { orderId: created.id, orderNumber: created.orderNumber };
  });
}

const UPDATABLE: readonly OrderStatus[] = ["needs_review", "accepted", "confirmed"];

/**
 * type="update": replaces the order's lines (the earlier revision stays in purchase_order_lines),
 * re-decides the status, records an event and the document. Refused (null) once the order is no
 * longer open; the row lock serialises concurrent updates.
 */
export async function replacePurchaseOrder(
  orderId: number,
  input: Omit<StoredOrderInput, "order"> & { order: Pick<NewOrder, "status" | "subtotalMinor" | "vatMinor" | "totalMinor" | "vatBreakdown" | "currency" | "shipTo" | "billTo" | "requestedDeliveryDate" | "note" | "costCenter"> },
): Promise<{ status: OrderStatus } | { refused: OrderStatus }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current || !UPDATABLE.includes(current.status)) return { refused: current?.status ?? "cancelled" };
    const [po] = await tx
      .update(purchaseOrders)
      .set({ ...input.purchaseOrder, revision: sql`${purchaseOrders.revision} + 1`, updatedAt: new Date() })
      .where(eq(purchaseOrders.orderId, orderId))
      .returning({ revision: purchaseOrders.revision });
    await tx.insert(purchaseOrderDocuments).values({ ...input.document, orderId });
    await tx.update(orders).set(input.order).where(eq(orders.id, orderId));
    await tx.delete(orderLines).where(eq(orderLines.orderId, orderId));
    if (input.lines.length) await tx.insert(orderLines).values(input.lines.map((line) => ({ ...line, orderId })));
    if (input.purchaseLines.length) {
      await tx.insert(purchaseOrderLines).values(input.purchaseLines.map((line) => ({ ...line, orderId, revision: po!.revision })));
    }
    await tx.insert(orderEvents).values({ orderId, status: input.order.status!, comment: input.eventComment });
    return { status: input.order.status! };
  });
}

/** type="delete": cancels unless shipped (or already cancelled, which is answered as done). */
export async function cancelPurchaseOrder(
  orderId: number,
  document: PurchaseOrderDocumentInput,
  comment: string,
): Promise<{ status: OrderStatus; changed: boolean } | { refused: OrderStatus }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current || current.status === "shipped") return { refused: current?.status ?? "shipped" };
    await tx.insert(purchaseOrderDocuments).values({ ...document, orderId });
    if (current.status === "cancelled") return { status: "cancelled" as const, changed: false };
    await tx.update(orders).set({ status: "cancelled" }).where(eq(orders.id, orderId));
    await tx.insert(orderEvents).values({ orderId, status: "cancelled", comment });
    return { status: "cancelled" as const, changed: true };
  });
}

export interface OutboundMessageInput {
  connectionId: number;
  kind: "confirmation" | "ship_notice";
  payloadId: string;
  url: string;
  bodyEncrypted: string;
}

/** Everything the admin order detail and the response builders need about an intake order. */
export async function getPurchaseOrderDetail(orderId: number) {
  const db = await database();
  const [row] = await db
    .select({ order: orders, purchaseOrder: purchaseOrders, connection: punchoutConnections })
    .from(orders)
    .innerJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, purchaseOrders.connectionId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const [lines, purchaseLines, events, shipments] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber)),
    db
      .select()
      .from(purchaseOrderLines)
      .where(and(eq(purchaseOrderLines.orderId, orderId), eq(purchaseOrderLines.revision, row.purchaseOrder.revision)))
      .orderBy(asc(purchaseOrderLines.lineNumber)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(asc(orderShipments.id)),
  ]);
  return { ...row, lines, purchaseLines, events, shipments };
}

/**
 * A status change by staff (confirm / confirm with changes / reject) and, when the connection can
 * receive it, the ConfirmationRequest in the outbox — one transaction. `from` guards the transition.
 */
export async function changePurchaseOrderStatus(input: {
  orderId: number;
  from: readonly OrderStatus[];
  to: OrderStatus;
  userId: number | null;
  comment: string | null;
  lineChanges?: { lineNumber: number; quantity: number; unitPriceMinor: number }[];
  outbound: OutboundMessageInput | null;
}): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!current || !input.from.includes(current.status)) return false;
    for (const change of input.lineChanges ?? []) {
      await tx
        .update(orderLines)
        .set({ quantity: change.quantity, unitPriceMinor: change.unitPriceMinor, lineTotalMinor: change.quantity * change.unitPriceMinor })
        .where(and(eq(orderLines.orderId, input.orderId), eq(orderLines.lineNumber, change.lineNumber)));
    }
    if (input.lineChanges?.length) {
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, input.orderId));
      const totals = summarizeVat(lines.map((line) => ({ netMinor: line.lineTotalMinor, vatRateBasisPoints: line.vatRateBasisPoints })));
      await tx
        .update(orders)
        .set({ subtotalMinor: totals.subtotalMinor, vatMinor: totals.vatMinor, totalMinor: totals.totalMinor, vatBreakdown: totals.breakdown })
        .where(eq(orders.id, input.orderId));
    }
    await tx.update(orders).set({ status: input.to }).where(eq(orders.id, input.orderId));
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: input.to, userId: input.userId, comment: input.comment });
    if (input.outbound) await tx.insert(outboundMessages).values({ ...input.outbound, orderId: input.orderId });
    return true;
  });
}

/** Records a shipment, marks the order shipped and queues the ShipNoticeRequest — one transaction. */
export async function recordOrderShipment(input: {
  orderId: number;
  from: readonly OrderStatus[];
  userId: number | null;
  shipment: Omit<typeof orderShipments.$inferInsert, "id" | "orderId" | "createdAt">;
  outbound: OutboundMessageInput | null;
}): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!current || !input.from.includes(current.status)) return false;
    await tx.insert(orderShipments).values({ ...input.shipment, orderId: input.orderId });
    await tx.update(orders).set({ status: "shipped" }).where(eq(orders.id, input.orderId));
    const comment = `${input.shipment.carrier} ${input.shipment.trackingNumber}`;
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: "shipped", userId: input.userId, comment });
    if (input.outbound) await tx.insert(outboundMessages).values({ ...input.outbound, orderId: input.orderId });
    return true;
  });
}

export interface PurchaseOrderListRow {
  id: number;
  orderNumber: string;
  status: OrderStatus;
  poNumber: string | null;
  companyId: number;
  companyName: string;
  connectionName: string;
  totalMinor: number;
  currency: string;
  placedAt: Date;
}

/** The admin order inbox: intake orders, newest first, optionally by status and customers. */
export async function listPurchaseOrders(filters: { status?: OrderStatus; companyIds?: number[] }, limit = 200): Promise<PurchaseOrderListRow[]> {
  const db = await database();
  const conditions = [
    filters.status ? eq(orders.status, filters.status) : undefined,
    filters.companyIds ? inArray(orders.companyId, filters.companyIds.length ? filters.companyIds : [-1]) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      poNumber: orders.poNumber,
      companyId: orders.companyId,
      companyName: companies.name,
      connectionName: punchoutConnections.name,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .innerJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, purchaseOrders.connectionId))
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit);
}
