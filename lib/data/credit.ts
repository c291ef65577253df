import "server-only";
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { accountManagerCustomers, companies, invoices, orders, purchaseOrders } from "@/db/schema";
import { CREDIT_COMMITTED_STATUSES, exceedsCredit, type CreditUse } from "@/lib/orders/credit";
import { database } from "./database";
import { jsonValue } from "./prepared-sql";
import type { Tx } from "./quotes";

const COMMITTED = CREDIT_COMMITTED_STATUSES.map((status) => `'${status}'`).join(", ");

/**
 * A company's credit use as one JSON value (null when it has no credit limit), for the company given
 * as an SQL expression; `exceptOrderId` leaves one order out (a purchase order being replaced by its
 * next version counts with its new amount only). The sums run only for a company with a limit: the
 * intake of every other customer's OrderRequest reads one more column and nothing else (issue 8).
 * Credit notes count against unpaid invoices until paid back; an order counts with what has not been
 * invoiced of it yet (invoices, not credit notes: a credit note corrects an invoice, not the order).
 */
export function creditUseJsonSql(companyId: string, exceptOrderId = "null"): string {
  return `(select case when c."credit_limit_minor" is null then null else jsonb_build_object(
    'limitMinor', c."credit_limit_minor",
    'unpaidInvoicesMinor', (select coalesce(sum(case when i."kind" = 'invoice' then i."payable_minor" else -i."payable_minor" end), 0)
      from "invoices" i where i."company_id" = c."id" and i."paid_at" is null),
    'uninvoicedOrdersMinor', (select coalesce(sum(greatest(o."total_minor" - coalesce((select sum(i."payable_minor") from "invoices" i
        where i."order_id" = o."id" and i."kind" = 'invoice'), 0), 0)), 0)
      from "orders" o where o."company_id" = c."id" and o."status" in (${COMMITTED}) and o."id" is distinct from ${exceptOrderId})) end
  from "companies" c where c."id" = ${companyId})`;
}

/** The JSON of creditUseJsonSql as numbers (sums of integers arrive as numbers or numeric strings). */
export function creditUseFromJson(json: unknown): CreditUse | null {
  const value = jsonValue<Record<keyof CreditUse, number | string> | null>(json);
  if (!value) return null;
  return { limitMinor: Number(value.limitMinor), unpaidInvoicesMinor: Number(value.unpaidInvoicesMinor), uninvoicedOrdersMinor: Number(value.uninvoicedOrdersMinor) };
}

const integerLiteral = (id: number): string => {
  if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return String(id);
};

async function readCreditUse(db: Pick<Tx, "execute">, companyId: number, exceptOrderId?: number): Promise<CreditUse | null> {
  const except = exceptOrderId === undefined ? "null" : integerLiteral(exceptOrderId);
  const result = await db.execute<{ credit: unknown }>(sql.raw(`select ${creditUseJsonSql(integerLiteral(companyId), except)} as "credit"`));
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { credit: unknown }[] }).rows;
  return creditUseFromJson(rows[0]?.credit ?? null);
}

/** What the customer owes and may still order on account (null: no credit limit). */
export async function getCreditUse(companyId: number): Promise<CreditUse | null> {
  return readCreditUse(await database(), companyId);
}

/**
 * Inside an order's transaction: locks the customer's row (FOR NO KEY UPDATE: foreign keys to it
 * still pass), so two orders of a customer with a credit limit are checked one after the other,
 * then reads its credit use (without `exceptOrderId`: a purchase order being replaced counts with its
 * new amount only). Customers without a limit are not locked.
 */
export async function lockedCreditUse(tx: Tx, companyId: number, exceptOrderId?: number): Promise<CreditUse | null> {
  const [company] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, companyId), isNotNull(companies.creditLimitMinor)))
    .for("no key update");
  if (!company) return null;
  // A statement of its own, after the lock: under READ COMMITTED it sees what the previous holder committed.
  return readCreditUse(tx, companyId, exceptOrderId);
}

/**
 * Inside an order's transaction, at the moment the order would reach us (placed without approval, or
 * approved): the customer's credit, locked, and whether this order goes beyond it.
 */
export async function lockedCreditCheck(tx: Tx, companyId: number, orderTotalMinor: number): Promise<{ credit: CreditUse | null; hold: boolean }> {
  const credit = await lockedCreditUse(tx, companyId);
  return { credit, hold: credit !== null && exceedsCredit(credit, orderTotalMinor) };
}

/** Sets the customer's credit limit (null: none); false when there is no such customer. */
export async function setCreditLimit(companyId: number, limitMinor: number | null): Promise<boolean> {
  const db = await database();
  const updated = await db.update(companies).set({ creditLimitMinor: limitMinor }).where(eq(companies.id, companyId)).returning({ id: companies.id });
  return updated.length > 0;
}

/** The customer's orders waiting for the supplier's review (credit holds and purchase orders with doubts), oldest first. */
export async function listOrdersToReview(companyId: number) {
  const db = await database();
  return db
    .select({ id: orders.id, orderNumber: orders.orderNumber, source: orders.source, totalMinor: orders.totalMinor, currency: orders.currency, placedAt: orders.placedAt })
    .from(orders)
    .where(and(eq(orders.companyId, companyId), eq(orders.status, "needs_review")))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .limit(50);
}

/** How many orders wait for staff review, of one account manager's customers (null: every customer). */
export async function countOrdersToReview(managerId: number | null): Promise<number> {
  const db = await database();
  const mine = managerId === null ? undefined : inArray(orders.companyId, db.select({ id: accountManagerCustomers.companyId }).from(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, managerId)));
  const [row] = await db.select({ n: count() }).from(orders).where(and(eq(orders.status, "needs_review"), mine));
  return row?.n ?? 0;
}

/**
 * The oldest orders waiting for staff review of one account manager's customers (null: every
 * customer), for the admin overview: with the customer, and the reason codes a purchase order was
 * held for (its header's and its current lines', each once). A web order has none: it is held for
 * its credit limit only (lib/data/orders.ts).
 */
export async function listOldestOrdersToReview(managerId: number | null, limit: number) {
  const db = await database();
  const mine = managerId === null ? undefined : inArray(orders.companyId, db.select({ id: accountManagerCustomers.companyId }).from(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, managerId)));
  return db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      source: orders.source,
      placedAt: orders.placedAt,
      companyId: orders.companyId,
      companyName: companies.name,
      buyerOrderId: purchaseOrders.buyerOrderId,
      reasonCodes: sql<string[] | null>`(select jsonb_agg(distinct r."code") from (
        select h->>'code' as "code" from jsonb_array_elements(coalesce(${purchaseOrders.header}->'reasons', '[]'::jsonb)) h
        union all
        select l->>'code' from "purchase_order_lines" pl cross join jsonb_array_elements(pl."reasons") l
         where pl."order_id" = ${purchaseOrders.orderId} and pl."revision" = ${purchaseOrders.revision}) r where r."code" is not null)`,
    })
    .from(orders)
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .where(and(eq(orders.status, "needs_review"), mine))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .limit(limit);
}

export interface OverdueInvoices {
  count: number;
  amountMinor: number;
  /** The earliest due date among them (ISO date), null when none is overdue. */
  oldestDueDate: string | null;
}

/** The customer's unpaid invoices past their due date on `today` (ISO date, the Netherlands'): what a credit controller looks at first. */
export async function getOverdueInvoices(companyId: number, today: string): Promise<OverdueInvoices> {
  const db = await database();
  const [row] = await db
    .select({ n: count(), amount: sql<string | number | null>`sum(${invoices.payableMinor})`, oldest: sql<string | null>`min(${invoices.dueDate})::text` })
    .from(invoices)
    .where(and(eq(invoices.companyId, companyId), eq(invoices.kind, "invoice"), isNull(invoices.paidAt), lt(invoices.dueDate, today)));
  return { count: row?.n ?? 0, amountMinor: Number(row?.amount ?? 0), oldestDueDate: row?.oldest ?? null };
}
