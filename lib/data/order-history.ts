import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { invoices, orderEvents, orderLines, orderShipments, orders, quotes, users, type Order, type OrderLine, type OrderStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { CreditUse } from "@/lib/orders/credit";
import type { OrderLineCsvRow } from "@/lib/orders/order-lines-csv";
import type { ShownOrderStatus } from "@/lib/orders/shown-status";
import { lockedCreditCheck } from "./credit";
import { database } from "./database";
import type { OutboxMessage } from "./mail-outbox";
import { queueOrderMail, type OrderForMail } from "./orders";
import { partlyShipped, shownStatus, shownStatusIs } from "./order-shown-status";
import { escapeLike, q } from "./sql";

/**
 * Order history for "My account": search and filter, detail with who did what, and the approval
 * decision. Every query is scoped by company; `userId` narrows to one buyer's own orders.
 */

export interface OrderSearch {
  companyId: number;
  /** Only this user's orders (plain buyers). */
  userId?: number;
  /** Not this user's orders (an approver's list of orders to decide: never their own). */
  exceptUserId?: number;
  /** Order number, PO number, or a SKU / product name on one of its lines. */
  text?: string;
  /** As people read it: "shipped" finds orders shipped in full, "partly_shipped" the others. */
  status?: ShownOrderStatus;
  /** Inclusive calendar dates (Europe/Amsterdam). */
  from?: string;
  to?: string;
  /** Orders on this cost centre (its code, whatever the case). */
  costCenter?: string;
  limit: number;
  offset: number;
}

export interface OrderListItem {
  id: number;
  orderNumber: string;
  status: OrderStatus;
  poNumber: string | null;
  costCenter: string | null;
  approvalReasons: Order["approvalReasons"];
  placedAt: Date;
  subtotalMinor: number;
  totalMinor: number;
  currency: string;
  source: Order["source"];
  userId: number | null;
  placedBy: string | null;
  lineCount: number;
  /**
   * Shipped, but not every ordered quantity yet: the buyer reads "Partly shipped" (lib/orders/shown-status.ts),
   * as the admin order page says from the same shipments (lib/admin/purchase-orders.ts, openToShip).
   */
  partlyShipped: boolean;
}

function searchConditions(search: OrderSearch): SQL {
  const conditions: (SQL | undefined)[] = [eq(orders.companyId, search.companyId)];
  if (search.userId !== undefined) conditions.push(eq(orders.userId, search.userId));
  if (search.exceptUserId !== undefined) conditions.push(sql`${orders.userId} is distinct from ${search.exceptUserId}`);
  if (search.status) conditions.push(shownStatusIs(search.status));
  if (search.from) conditions.push(gte(orders.placedAt, sql`(${search.from}::date)::timestamp at time zone 'Europe/Amsterdam'`));
  if (search.to) conditions.push(lt(orders.placedAt, sql`((${search.to}::date + 1)::timestamp) at time zone 'Europe/Amsterdam'`));
  if (search.costCenter) conditions.push(sql`lower(${orders.costCenter}) = ${search.costCenter.toLowerCase()}`);
  const text = search.text?.trim().slice(0, 100);
  if (text) {
    const like = `%${escapeLike(text)}%`;
    conditions.push(
      or(
        ilike(orders.orderNumber, like),
        ilike(orders.poNumber, like),
        ilike(orders.costCenter, like),
        sql`exists (select 1 from ${orderLines} where ${q(orderLines.orderId)} = ${q(orders.id)} and (${q(orderLines.sku)} ilike ${like} or ${q(orderLines.name)} ilike ${like}))`,
      ),
    );
  }
  return and(...conditions)!;
}

/**
 * A page of the orders a search finds, with how many it finds in all: newest first (the order
 * history), or oldest first (orders waiting for approval: the longest waiting come first, on page 1).
 */
export async function searchOrders(search: OrderSearch, sort: "newest_first" | "oldest_first" = "newest_first"): Promise<{ items: OrderListItem[]; total: number }> {
  const db = await database();
  const where = searchConditions(search);
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: orders.id,
        orderNumber: orders.orderNumber,
        status: orders.status,
        poNumber: orders.poNumber,
        costCenter: orders.costCenter,
        approvalReasons: orders.approvalReasons,
        placedAt: orders.placedAt,
        subtotalMinor: orders.subtotalMinor,
        totalMinor: orders.totalMinor,
        currency: orders.currency,
        source: orders.source,
        userId: orders.userId,
        placedBy: users.name,
        lineCount: sql<number>`(select count(*)::int from ${orderLines} where ${q(orderLines.orderId)} = ${q(orders.id)})`,
        partlyShipped,
      })
      .from(orders)
      .leftJoin(users, eq(users.id, orders.userId))
      .where(where)
      .orderBy(...(sort === "oldest_first" ? [asc(orders.placedAt), asc(orders.id)] : [desc(orders.placedAt), desc(orders.id)]))
      .limit(search.limit)
      .offset(search.offset),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

export interface OrderEventView {
  status: OrderStatus;
  /** `changed`: staff changed the order's lines; `confirmation_sent`: staff sent the buyer's system a missed confirmation (the status stayed). */
  kind: "status" | "changed" | "confirmation_sent";
  createdAt: Date;
  comment: string | null;
  userId: number | null;
  userName: string | null;
}

export interface OrderShipmentView {
  shipmentNumber: string;
  carrier: string;
  trackingNumber: string;
  /** An http(s) address (checked when it was recorded), or null. */
  trackingUrl: string | null;
  lines: { lineNumber: number; quantity: number }[];
  createdAt: Date;
}

export interface OrderDetailView {
  order: Order;
  placedBy: string | null;
  /** The orderer's order limit now (it may have changed since the order was placed); null: none. */
  placedByOrderLimitMinor: number | null;
  lines: OrderLine[];
  events: OrderEventView[];
  /** Its shipments, oldest first (track & trace). */
  shipments: OrderShipmentView[];
}

/** An order of the company by number, with lines and its history (who, when, comment). */
export async function getOrderDetail(companyId: number, orderNumber: string): Promise<OrderDetailView | null> {
  const db = await database();
  const [row] = await db
    .select({ order: orders, placedBy: users.name, placedByOrderLimitMinor: users.orderLimitMinor })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(and(eq(orders.companyId, companyId), eq(orders.orderNumber, orderNumber)));
  if (!row) return null;
  const [lines, events, shipments] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, row.order.id)).orderBy(asc(orderLines.lineNumber)),
    db
      .select({
        status: orderEvents.status,
        kind: orderEvents.kind,
        createdAt: orderEvents.createdAt,
        comment: orderEvents.comment,
        userId: orderEvents.userId,
        userName: users.name,
      })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.userId))
      .where(eq(orderEvents.orderId, row.order.id))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db
      .select({
        shipmentNumber: orderShipments.shipmentNumber,
        carrier: orderShipments.carrier,
        trackingNumber: orderShipments.trackingNumber,
        trackingUrl: orderShipments.trackingUrl,
        lines: orderShipments.lines,
        createdAt: orderShipments.createdAt,
      })
      .from(orderShipments)
      .where(eq(orderShipments.orderId, row.order.id))
      .orderBy(asc(orderShipments.createdAt), asc(orderShipments.id)),
  ]);
  return { order: row.order, placedBy: row.placedBy, placedByOrderLimitMinor: row.placedByOrderLimitMinor, lines, events, shipments };
}

/**
 * Records an approver's decision on an order awaiting approval: the status changes and the
 * history gets who, when and the comment, in one transaction, with the orderer's mail (`mail`, built
 * from the order with the status it got). Only an order of this company that is still awaiting
 * approval changes; a second decision (double click, two approvers) is a conflict.
 */
export async function decideAwaitingOrder(input: {
  companyId: number;
  orderId: number;
  status: Extract<OrderStatus, "placed" | "rejected">;
  userId: number;
  comment: string | null;
  now: Date;
  mail?: (order: OrderForMail) => OutboxMessage | null;
}): Promise<{ status: Extract<OrderStatus, "placed" | "rejected" | "needs_review">; credit: CreditUse | null }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ totalMinor: orders.totalMinor })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.companyId, input.companyId), eq(orders.status, "awaiting_approval")))
      .for("update");
    if (!order) throw new AppError("conflict", "not_awaiting_approval");
    // Approved, the order reaches us: beyond the customer's credit limit it is held for our review.
    const { credit, hold } = input.status === "placed" ? await lockedCreditCheck(tx, input.companyId, order.totalMinor) : { credit: null, hold: false };
    const status = hold ? "needs_review" : input.status;
    await tx.update(orders).set({ status }).where(eq(orders.id, input.orderId));
    // One event with the status the order really has (webhook consumers act on it): a held order never was "placed".
    await tx.insert(orderEvents).values({ orderId: input.orderId, status, userId: input.userId, comment: input.comment, createdAt: input.now });
    await queueOrderMail(tx, input.orderId, input.mail, input.now);
    return { status, credit };
  });
}

export type CancelOutcome = "cancelled" | "not_found" | "not_cancellable" | "shipped" | "invoiced";

/**
 * Cancels a web order in one of the `from` statuses, under the order's row lock, only while nothing
 * of it has shipped or been invoiced (a shipment or an invoice needs a credit note and goods back,
 * not a cancellation). The history gets who, when and why (and with it the webhooks); a quote the
 * order used up is accepted again, so the customer can still order it while it holds.
 */
export async function cancelWebOrder(input: {
  orderId: number;
  /** The customer's own cancellation: only an order of this company. */
  companyId?: number;
  from: readonly OrderStatus[];
  userId: number;
  comment: string | null;
  now: Date;
}): Promise<CancelOutcome> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.source, "web"), input.companyId === undefined ? undefined : eq(orders.companyId, input.companyId)))
      .for("update");
    if (!order) return "not_found";
    if (!input.from.includes(order.status)) return "not_cancellable";
    const [[shipment], [invoice]] = await Promise.all([
      tx.select({ id: orderShipments.id }).from(orderShipments).where(eq(orderShipments.orderId, input.orderId)).limit(1),
      tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.orderId, input.orderId)).limit(1),
    ]);
    if (shipment) return "shipped";
    if (invoice) return "invoiced";
    await tx.update(orders).set({ status: "cancelled" }).where(eq(orders.id, input.orderId));
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: "cancelled", userId: input.userId, comment: input.comment, createdAt: input.now });
    await tx
      .update(quotes)
      .set({ status: "accepted", orderId: null })
      .where(and(eq(quotes.orderId, input.orderId), eq(quotes.status, "ordered")));
    return "cancelled";
  });
}

export async function countAwaitingApproval(companyId: number, exceptUserId: number): Promise<number> {
  const db = await database();
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.companyId, companyId), eq(orders.status, "awaiting_approval"), sql`${orders.userId} is distinct from ${exceptUserId}`));
  return row?.n ?? 0;
}

/** An approver's decision on an order that waited for approval (the approvals page's "Beoordeeld" view). */
export interface ApprovalDecisionItem {
  orderId: number;
  orderNumber: string;
  placedBy: string | null;
  placedAt: Date;
  subtotalMinor: number;
  currency: string;
  decision: "approved" | "rejected";
  /** Approved, but held for the supplier's review beyond the customer's credit limit ("needs_review"). */
  heldForCredit: boolean;
  decidedBy: string | null;
  decidedAt: Date;
  /** The decider's comment as stored (a rejection's reason); callers decide what a buyer may read. */
  comment: string | null;
}

const decider = alias(users, "decider");

/**
 * The decisions on the company's orders that waited for approval, latest decision first. The decision
 * is the status event right after the order's "awaiting_approval" one (as the order's history reads
 * it, lib/orders/order-story.ts historyEventKind): "placed" or "needs_review" (approved) or "rejected".
 * A waiting order its buyer cancelled was not decided. "Right after" goes by event id, the order the
 * events were written in: the decision's time is the caller's clock, the placement's the database's.
 */
export async function listApprovalDecisions(search: { companyId: number; limit: number; offset: number }): Promise<{ items: ApprovalDecisionItem[]; total: number }> {
  const db = await database();
  const where = and(
    eq(orders.companyId, search.companyId),
    // Only orders that waited (set when placed, back-filled by migration 0024): a procurement system's
    // many orders of the company never get to the event subquery.
    sql`jsonb_array_length(${q(orders.approvalReasons)}) > 0`,
    eq(orderEvents.kind, "status"),
    inArray(orderEvents.status, ["placed", "needs_review", "rejected"]),
    sql`(select previous.status from ${orderEvents} previous
      where previous.order_id = ${q(orderEvents.orderId)} and previous.kind = 'status' and previous.id < ${q(orderEvents.id)}
      order by previous.id desc limit 1) = 'awaiting_approval'`,
  );
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        orderId: orders.id,
        orderNumber: orders.orderNumber,
        placedBy: users.name,
        placedAt: orders.placedAt,
        subtotalMinor: orders.subtotalMinor,
        currency: orders.currency,
        status: orderEvents.status,
        decidedBy: decider.name,
        decidedAt: orderEvents.createdAt,
        comment: orderEvents.comment,
      })
      .from(orderEvents)
      .innerJoin(orders, eq(orders.id, orderEvents.orderId))
      .leftJoin(users, eq(users.id, orders.userId))
      .leftJoin(decider, eq(decider.id, orderEvents.userId))
      .where(where)
      .orderBy(desc(orderEvents.createdAt), desc(orderEvents.id))
      .limit(search.limit)
      .offset(search.offset),
    db.select({ total: count() }).from(orderEvents).innerJoin(orders, eq(orders.id, orderEvents.orderId)).where(where),
  ]);
  const items = rows.map(({ status, ...row }) => ({
    ...row,
    decision: status === "rejected" ? ("rejected" as const) : ("approved" as const),
    heldForCredit: status === "needs_review",
  }));
  return { items, total: totalRow?.total ?? 0 };
}

/**
 * The columns of an order-line CSV row (lib/orders/order-lines-csv.ts), for a query over orders joined
 * with their lines and (left) the user who placed them; the staff export adds its own three.
 */
export const orderLineExportColumns = {
  orderNumber: orders.orderNumber,
  placedAt: orders.placedAt,
  status: shownStatus,
  poNumber: orders.poNumber,
  costCenter: orders.costCenter,
  placedBy: users.name,
  currency: orders.currency,
  lineNumber: orderLines.lineNumber,
  sku: orderLines.sku,
  customerArticleNumber: orderLines.customerArticleNumber,
  name: orderLines.name,
  quantity: orderLines.quantity,
  unit: orderLines.unit,
  unitPriceMinor: orderLines.unitPriceMinor,
  lineTotalMinor: orderLines.lineTotalMinor,
  vatRateBasisPoints: orderLines.vatRateBasisPoints,
};

/**
 * Every line of the orders a search finds, oldest order first (for a spreadsheet), at most `limit`
 * rows: the caller asks one more than it allows, to tell that the search is too wide.
 */
export async function listOrderLinesForExport(search: Omit<OrderSearch, "limit" | "offset">, limit: number): Promise<OrderLineCsvRow[]> {
  const db = await database();
  return db
    .select(orderLineExportColumns)
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .leftJoin(users, eq(users.id, orders.userId))
    .where(searchConditions({ ...search, limit: 0, offset: 0 }))
    .orderBy(asc(orders.placedAt), asc(orders.id), asc(orderLines.lineNumber))
    .limit(limit);
}

export interface LastOrderedPrice {
  unitPriceMinor: number;
  quantity: number;
  placedAt: Date;
}

/**
 * What the company last paid per product: the unit price and quantity of the product's line on the
 * company's most recent order that was not rejected or cancelled (any orderer, any channel).
 */
export async function lastOrderedPrices(companyId: number, productIds: number[]): Promise<Map<number, LastOrderedPrice>> {
  if (productIds.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .selectDistinctOn([orderLines.productId], {
      productId: orderLines.productId,
      unitPriceMinor: orderLines.unitPriceMinor,
      quantity: orderLines.quantity,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(eq(orders.companyId, companyId), inArray(orderLines.productId, productIds), notInArray(orders.status, ["rejected", "cancelled"])))
    .orderBy(orderLines.productId, desc(orders.placedAt), desc(orderLines.id));
  return new Map(rows.map(({ productId, ...price }) => [productId!, price]));
}
