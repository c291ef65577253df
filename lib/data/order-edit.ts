import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { invoices, orderEvents, orderLines, orderShipments, orders, products, users, type PriceSourceSnapshot } from "@/db/schema";
import { exceedsBudget } from "@/lib/orders/budget";
import { exceedsCredit } from "@/lib/orders/credit";
import { EDITABLE_ORDER_STATUSES, planOrderEdit, type EditableLine, type EditPlan, type EditProblem, type PricedAddition } from "@/lib/orders/order-edit";
import { needsApproval } from "@/lib/orders/approval-rule";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { lockedBudgetUse } from "./cost-centers";
import { lockedCreditUse } from "./credit";
import { database } from "./database";

/** What stops a larger order: the orderer's own limit, the cost centre's budget, the customer's credit. */
export type EditGuard = "order_limit" | "budget" | "credit_limit";

/** An added line as the order keeps it: priced for the customer, with how (lib/admin/order-edit.ts). */
export type OrderAddition = PricedAddition & { priceSource: PriceSourceSnapshot; customerArticleNumber: string | null };

export type EditOutcome =
  | { ok: true; plan: EditPlan<OrderAddition>; order: { orderNumber: string; userId: number | null; companyId: number; status: string } }
  | { ok: false; reason: "not_found" | "not_editable" | "shipped" | "invoiced" }
  | { ok: false; reason: "problems"; problems: EditProblem[] }
  | { ok: false; reason: "guard"; guards: EditGuard[] };

/**
 * Changes a web order's lines in one transaction under the order's row lock (the lock every
 * confirmation, shipment, invoice and cancellation of it takes too): refuses an order that is no
 * longer editable, has shipped or been invoiced; plans the change (lib/orders/order-edit.ts) on the
 * lines as they are now; and, when the order grows, checks under their locks that it stays within
 * the orderer's order limit, the cost centre's budget and the customer's credit — an order staff
 * enlarge must not bypass the customer's own approval or our credit review. Then updates, deletes
 * and adds the lines, the order's totals, and records a `changed` event (webhooks: order.changed).
 */
export async function changeWebOrder(input: {
  orderId: number;
  /** Only an order of the customers this staff member may see (checked before, repeated here). */
  companyId: number;
  quantities: Record<string, number>;
  additions: OrderAddition[];
  unknownSkus: string[];
  parseProblems: EditProblem[];
  staffUserId: number;
  comment: (plan: EditPlan<OrderAddition>) => string;
  now: Date;
}): Promise<EditOutcome> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.companyId, input.companyId), eq(orders.source, "web")))
      .for("no key update");
    if (!order) return { ok: false, reason: "not_found" };
    if (!(EDITABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) return { ok: false, reason: "not_editable" };
    const [[shipment], [invoice], lineRows, [orderer]] = await Promise.all([
      tx.select({ id: orderShipments.id }).from(orderShipments).where(eq(orderShipments.orderId, order.id)).limit(1),
      tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.orderId, order.id)).limit(1),
      tx
        .select({ line: orderLines, minOrderQuantity: products.minOrderQuantity, orderMultiple: products.orderMultiple })
        .from(orderLines)
        .leftJoin(products, eq(products.id, orderLines.productId))
        .where(eq(orderLines.orderId, order.id))
        .orderBy(asc(orderLines.lineNumber)),
      order.userId === null ? Promise.resolve([]) : tx.select({ orderLimitMinor: users.orderLimitMinor }).from(users).where(eq(users.id, order.userId)),
    ]);
    if (shipment) return { ok: false, reason: "shipped" };
    if (invoice) return { ok: false, reason: "invoiced" };
    const lines: EditableLine[] = lineRows.map(({ line, minOrderQuantity, orderMultiple }) => ({
      lineNumber: line.lineNumber,
      productId: line.productId,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      vatRateBasisPoints: line.vatRateBasisPoints,
      fromQuote: line.priceSource.kind === "quote",
      rules: minOrderQuantity === null || orderMultiple === null ? null : { minOrderQuantity, orderMultiple },
    }));
    const planned = planOrderEdit({ ...input, lines, deliveryChargeMinor: order.deliveryChargeMinor });
    if (!planned.ok) return { ok: false, reason: "problems", problems: planned.problems };
    const { plan } = planned;

    if (plan.totals.subtotalMinor > order.subtotalMinor) {
      const guards: EditGuard[] = [];
      if (needsApproval(orderer?.orderLimitMinor ?? null, plan.totals.subtotalMinor)) guards.push("order_limit");
      if (order.costCenterId !== null) {
        // The period's committed amount counts this order as it was: compare without it.
        const budget = await lockedBudgetUse(tx, order.costCenterId, calendarDate(order.placedAt));
        if (budget && exceedsBudget({ ...budget, committedMinor: budget.committedMinor - order.subtotalMinor }, plan.totals.subtotalMinor)) guards.push("budget");
      }
      const credit = await lockedCreditUse(tx, order.companyId, order.id);
      if (credit && exceedsCredit(credit, plan.totals.totalMinor)) guards.push("credit_limit");
      if (guards.length > 0) return { ok: false, reason: "guard", guards };
    }

    for (const update of plan.updates) {
      await tx
        .update(orderLines)
        .set({ quantity: update.quantity, lineTotalMinor: update.lineTotalMinor })
        .where(and(eq(orderLines.orderId, order.id), eq(orderLines.lineNumber, update.lineNumber)));
    }
    if (plan.deletes.length > 0) {
      await tx.delete(orderLines).where(and(eq(orderLines.orderId, order.id), inArray(orderLines.lineNumber, plan.deletes)));
    }
    if (plan.inserts.length > 0) {
      await tx.insert(orderLines).values(
        plan.inserts.map((line) => ({
          orderId: order.id,
          lineNumber: line.lineNumber,
          productId: line.productId,
          sku: line.sku,
          name: line.name,
          unit: line.unit,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
          listPriceMinor: line.listPriceMinor,
          lineTotalMinor: line.lineTotalMinor,
          vatRateBasisPoints: line.vatRateBasisPoints,
          priceSource: line.priceSource,
          customerArticleNumber: line.customerArticleNumber,
        })),
      );
    }
    await tx
      .update(orders)
      .set({ subtotalMinor: plan.totals.subtotalMinor, vatMinor: plan.totals.vatMinor, totalMinor: plan.totals.totalMinor, vatBreakdown: plan.totals.breakdown })
      .where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      status: order.status,
      kind: "changed",
      userId: input.staffUserId,
      comment: input.comment(plan),
      createdAt: input.now,
    });
    return { ok: true, plan, order: { orderNumber: order.orderNumber, userId: order.userId, companyId: order.companyId, status: order.status } };
  });
}
