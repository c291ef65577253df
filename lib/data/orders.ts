import "server-only";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import {
  cartLines,
  orderEvents,
  orderLines,
  orders,
  type NewOrder,
  type NewOrderLine,
  type Order,
  type OrderLine,
  type OrderStatus,
  viewAsEvents,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ApprovalReason } from "@/lib/orders/approval-rule";
import type { BudgetUse } from "@/lib/orders/budget";
import { creditHoldComment, type CreditUse } from "@/lib/orders/credit";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { lockedBudgetUse } from "./cost-centers";
import { lockedCreditCheck } from "./credit";
import { database } from "./database";
import { queueMailIn, type OutboxMessage } from "./mail-outbox";
import { markQuotesOrdered, type Tx } from "./quotes";
import { recordStandingOrderRun, type StandingOrderRunRecord } from "./standing-orders";

export interface NewOrderInput {
  order: Omit<NewOrder, "id" | "orderNumber" | "placedAt" | "status" | "approvalReasons">;
  /**
   * The purchasing policy (lib/orders/approval-rule.ts), applied in the transaction: the order's
   * cost centre row is locked and its budget period's committed amount read first, so two orders at
   * once cannot both fit in the last of a budget. Any reason returned makes it wait for approval.
   */
  approval: { at: Date; reasons: (budget: BudgetUse | null) => ApprovalReason[] };
  lines: Omit<NewOrderLine, "id" | "orderId">[];
  /** The cart lines this order consumes (checkout); they are deleted in the same transaction. */
  cart?: { cartId: number; lineIds: number[] };
  /** Set when a staff member places the order while viewing the shop as the user. */
  onBehalf?: { sessionId: number; staffUserId: number } | null;
  /** The quotes whose prices lines carry: each must still hold on `day`, and becomes ordered (markQuotesOrdered). */
  quotes?: { ids: number[]; day: string };
  /** The standing order run that places this order: recorded, and the standing order moved on, with it. */
  standingOrderRun?: Omit<StandingOrderRunRecord, "orderId" | "outcome"> & { at: Date };
  /** Builds the orderer's mail (the order confirmation) from the order as stored; queued with it (null: none). */
  mail?: (order: OrderForMail) => OutboxMessage | null;
}

/** An order as its mails tell it: read in the transaction that stores or changes it, so the mail says what was stored. */
export type OrderForMail = Pick<
  Order,
  | "id"
  | "orderNumber"
  | "status"
  | "source"
  | "userId"
  | "placedAt"
  | "poNumber"
  | "costCenter"
  | "costCenterId"
  | "requestedDeliveryDate"
  | "note"
  | "shipTo"
  | "billTo"
  | "currency"
  | "deliveryChargeMinor"
  | "subtotalMinor"
  | "vatBreakdown"
  | "totalMinor"
> & { lines: Pick<OrderLine, "lineNumber" | "sku" | "name" | "unit" | "quantity" | "unitPriceMinor" | "lineTotalMinor" | "customerArticleNumber">[] };

/** The order and its lines for a mail, inside the caller's transaction (after its changes). */
export async function readOrderForMail(tx: Pick<Tx, "select">, orderId: number): Promise<OrderForMail> {
  const [[order], lines] = await Promise.all([
    tx.select().from(orders).where(eq(orders.id, orderId)),
    tx
      .select({
        lineNumber: orderLines.lineNumber,
        sku: orderLines.sku,
        name: orderLines.name,
        unit: orderLines.unit,
        quantity: orderLines.quantity,
        unitPriceMinor: orderLines.unitPriceMinor,
        lineTotalMinor: orderLines.lineTotalMinor,
        customerArticleNumber: orderLines.customerArticleNumber,
      })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(orderLines.lineNumber)),
  ]);
  if (!order) throw new Error(`order ${orderId} not found for its mail`);
  return { ...order, lines };
}

/** Queues the mail `build` makes of the order as stored, in the caller's transaction. */
export async function queueOrderMail(tx: Tx, orderId: number, build: ((order: OrderForMail) => OutboxMessage | null) | undefined, now: Date): Promise<void> {
  if (!build) return;
  const mail = build(await readOrderForMail(tx, orderId));
  if (mail) await queueMailIn(tx, [mail], now);
}

/**
 * Stores an order with its lines and first status event and, in the same transaction, empties the
 * consumed cart lines, uses up its quotes, records its standing order run and queues the orderer's
 * mail (`mail`). If another request already consumed those lines (double submit), or any of those
 * steps no longer holds, nothing is written and a conflict is raised.
 */
export async function createOrder(
  input: NewOrderInput,
): Promise<{
  id: number;
  orderNumber: string;
  /** "needs_review": within the buyer's own rules but beyond the customer's credit limit, held for us (lib/orders/credit.ts). */
  status: "placed" | "awaiting_approval" | "needs_review";
  approvalReasons: ApprovalReason[];
  budget: BudgetUse | null;
  credit: CreditUse | null;
}> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (input.cart) {
      const consumed = await tx
        .delete(cartLines)
        .where(and(eq(cartLines.cartId, input.cart.cartId), inArray(cartLines.id, input.cart.lineIds)))
        .returning({ id: cartLines.id });
      if (consumed.length !== input.cart.lineIds.length) throw new AppError("conflict", "cart_changed");
    }
    // The order is placed at the caller's clock, the one its budget period is taken from.
    const placedAt = input.approval.at;
    const budget = input.order.costCenterId ? await lockedBudgetUse(tx, input.order.costCenterId, calendarDate(placedAt)) : null;
    const approvalReasons = input.approval.reasons(budget);
    // The buyer's approver decides first; the credit check is made when the order would reach us.
    const { credit, hold: creditHold } = approvalReasons.length > 0 ? { credit: null, hold: false } : await lockedCreditCheck(tx, input.order.companyId, input.order.totalMinor);
    const status = approvalReasons.length > 0 ? "awaiting_approval" : creditHold ? "needs_review" : "placed";
    const [created] = await tx
      .insert(orders)
      .values({ ...input.order, status, approvalReasons, placedAt })
      .returning({ id: orders.id, orderNumber: orders.orderNumber });
    if (!created) throw new Error("order insert returned nothing");
    await tx.insert(orderLines).values(input.lines.map((line) => ({ ...line, orderId: created.id })));
    await tx.insert(orderEvents).values({
      orderId: created.id,
      status,
      userId: input.order.userId ?? null,
      comment: creditHold && credit ? creditHoldComment(credit, input.order.totalMinor) : null,
    });
    if (input.quotes) await markQuotesOrdered(tx, { quoteIds: input.quotes.ids, companyId: input.order.companyId, orderId: created.id, day: input.quotes.day });
    if (input.standingOrderRun) {
      const { at, ...run } = input.standingOrderRun;
      // A run whose order is held for credit review did place it (its mail says it is held).
      await recordStandingOrderRun(tx, { ...run, outcome: status === "needs_review" ? "placed" : status, orderId: created.id }, at);
    }
    if (input.onBehalf && input.order.userId) {
      await tx.insert(viewAsEvents).values({
        sessionId: input.onBehalf.sessionId,
        staffUserId: input.onBehalf.staffUserId,
        targetUserId: input.order.userId,
        companyId: input.order.companyId,
        kind: "order_placed",
        orderId: created.id,
      });
    }
    await queueOrderMail(tx, created.id, input.mail, placedAt);
    return { ...created, status, approvalReasons, budget, credit };
  });
}

export type OrderSummary = Pick<
  Order,
  "id" | "orderNumber" | "status" | "poNumber" | "placedAt" | "totalMinor" | "subtotalMinor" | "currency" | "source"
> & { lineCount: number };

/** A company's orders, newest first; when `userId` is given only that user's. */
export async function listCompanyOrders(
  companyId: number,
  options: { userId?: number; limit?: number; offset?: number } = {},
): Promise<OrderSummary[]> {
  const db = await database();
  const where = options.userId === undefined
    ? eq(orders.companyId, companyId)
    : and(eq(orders.companyId, companyId), eq(orders.userId, options.userId));
  return db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      poNumber: orders.poNumber,
      placedAt: orders.placedAt,
      totalMinor: orders.totalMinor,
      subtotalMinor: orders.subtotalMinor,
      currency: orders.currency,
      source: orders.source,
      lineCount: count(orderLines.id),
    })
    .from(orders)
    .leftJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(where)
    .groupBy(orders.id)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}

export interface OrderDetail {
  order: Order;
  lines: OrderLine[];
  events: { status: OrderStatus; createdAt: Date; comment: string | null }[];
}

/** An order by number, only within the given company (another company's order is "not found"). */
export async function getCompanyOrder(companyId: number, orderNumber: string): Promise<OrderDetail | null> {
  const db = await database();
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.companyId, companyId), eq(orders.orderNumber, orderNumber)));
  if (!order) return null;
  const [lines, events] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.lineNumber)),
    db
      .select({ status: orderEvents.status, createdAt: orderEvents.createdAt, comment: orderEvents.comment })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
  ]);
  return { order, lines, events };
}

/** Records the order's number in the supplier's ERP; returns the previous one (undefined: no such order). */
export async function setOrderErpReference(orderId: number, reference: string | null, now: Date): Promise<{ previous: string | null } | undefined> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ erpReference: orders.erpReference })
      .from(orders)
      .where(eq(orders.id, orderId))
      .for("update");
    if (!current) return undefined;
    if (current.erpReference !== reference) {
      await tx.update(orders).set({ erpReference: reference, erpReferenceAt: reference === null ? null : now }).where(eq(orders.id, orderId));
    }
    return { previous: current.erpReference };
  });
}
