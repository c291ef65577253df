import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  companies,
  invoiceLines,
  invoices,
  orderLines,
  orderShipments,
  orders,
  returnRequestLines,
  returnRequests,
  users,
  type ReturnReason,
  type ReturnStatus,
} from "@/db/schema";
import type { Db } from "@/db/client";
import { calendarDate } from "@/lib/pricing/calendar-date";
import {
  allocateReturnCredit,
  checkReturnLines,
  returnableQuantities,
  returnDeadline,
  type ReturnReasonCode,
  type ReturnRequestProblem,
  type ReturnStatus as RuleStatus,
  type InvoicedLine,
  type ReturnedLine,
} from "@/lib/returns/return-rules";
import { managedBy } from "./customers";
import { database } from "./database";
import { issueCreditNoteIn, type CreditNoteContext, type PlanOutcome } from "./invoices";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

// The pure rules name the statuses and reasons themselves (they import nothing from db/); the lists must agree.
const statusesAgree: [ReturnStatus] extends [RuleStatus] ? ([RuleStatus] extends [ReturnStatus] ? true : never) : never = true;
const reasonsAgree: [ReturnReason] extends [ReturnReasonCode] ? ([ReturnReasonCode] extends [ReturnReason] ? true : never) : never = true;
void statusesAgree;
void reasonsAgree;

/**
 * Returns (RMA) in the database. A request is checked against what the order shipped and what
 * earlier returns reported under a lock on the order's row, so two requests at once cannot return
 * the same goods twice; every status change checks the status in its own UPDATE; completion
 * issues its credit notes and records them in one transaction. The callers in lib/returns decide
 * who may act.
 */

export interface ReturnLineView {
  orderLineNumber: number;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  reason: ReturnReason;
  receivedQuantity: number | null;
}

export interface ReturnView {
  id: number;
  returnNumber: string;
  companyId: number;
  companyName: string;
  orderId: number;
  orderNumber: string;
  orderUserId: number | null;
  requestedBy: { id: number; name: string; email: string };
  status: ReturnStatus;
  buyerComment: string | null;
  staffComment: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  completedByName: string | null;
  completedAt: Date | null;
  completionNote: string | null;
  creditNoteNumbers: string[];
  /** The same credit notes with their ids (staff's links). */
  creditNotes: { id: number; number: string }[];
  createdAt: Date;
  lines: ReturnLineView[];
}

export interface ReturnableOrderLine {
  lineNumber: number;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  /** Shipped, less what earlier returns reported. */
  returnable: number;
}

export interface ReturnableOrder {
  orderId: number;
  orderNumber: string;
  /** Who placed it (plain buyers return only their own orders' goods). */
  orderUserId: number | null;
  /** Last day a return can be reported (RETURN_WINDOW_DAYS after the last shipment); null: nothing shipped. */
  deadline: string | null;
  lines: ReturnableOrderLine[];
}

async function readReturnable(executor: Db | Tx, order: { id: number; orderNumber: string; userId: number | null }): Promise<ReturnableOrder> {
  const [lines, shipments, returned] = await Promise.all([
    executor
      .select({ lineNumber: orderLines.lineNumber, sku: orderLines.sku, name: orderLines.name, unit: orderLines.unit, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.lineNumber)),
    executor
      .select({ lines: orderShipments.lines, createdAt: orderShipments.createdAt })
      .from(orderShipments)
      .where(eq(orderShipments.orderId, order.id)),
    executor
      .select({ returnId: returnRequests.id, status: returnRequests.status, orderLineNumber: returnRequestLines.orderLineNumber, quantity: returnRequestLines.quantity })
      .from(returnRequestLines)
      .innerJoin(returnRequests, eq(returnRequests.id, returnRequestLines.returnRequestId))
      .where(eq(returnRequests.orderId, order.id)),
  ]);
  const returnable = returnableQuantities({
    lines,
    shipped: shipments.flatMap((shipment) => shipment.lines),
    returns: returned.map((row) => ({ status: row.status, lines: [{ orderLineNumber: row.orderLineNumber, quantity: row.quantity }] })),
  });
  const lastShipped = shipments.reduce<Date | null>((last, shipment) => (last === null || shipment.createdAt > last ? shipment.createdAt : last), null);
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    orderUserId: order.userId,
    deadline: returnDeadline(lastShipped === null ? null : calendarDate(lastShipped)),
    lines: lines.map((line) => ({ ...line, returnable: returnable.get(line.lineNumber) ?? 0 })),
  };
}

/** What of an order of this company can still be returned, and until when. Null: no such order. */
export async function getReturnableOrder(companyId: number, orderId: number): Promise<ReturnableOrder | null> {
  const db = await database();
  const [order] = await db
    .select({ id: orders.id, orderNumber: orders.orderNumber, userId: orders.userId })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.companyId, companyId)));
  return order ? readReturnable(db, order) : null;
}

export type CreateReturnOutcome =
  /** `order`: the order as the request was checked against (its number and lines, before this return). */
  | { ok: true; id: number; returnNumber: string; order: ReturnableOrder }
  | { ok: false; problem: ReturnRequestProblem | { problem: "not_found" } | { problem: "window_closed"; deadline: string | null } };

/**
 * Stores a return request with its lines, checked under a lock on the order's row (FOR NO KEY
 * UPDATE: the order's other readers and the returns' foreign keys are not blocked) against what
 * is still returnable on `today`.
 */
export async function createReturnRequest(input: {
  companyId: number;
  orderId: number;
  /** Only an order this user placed (a plain buyer's own); otherwise not found. */
  placedBy?: number;
  userId: number;
  buyerComment: string | null;
  lines: { orderLineNumber: number; quantity: number; reason: ReturnReason }[];
  today: string;
}): Promise<CreateReturnOutcome> {
  const db = await database();
  return db.transaction(async (tx): Promise<CreateReturnOutcome> => {
    const [order] = await tx
      .select({ id: orders.id, orderNumber: orders.orderNumber, userId: orders.userId })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.companyId, input.companyId), input.placedBy === undefined ? undefined : eq(orders.userId, input.placedBy)))
      .for("no key update");
    if (!order) return { ok: false, problem: { problem: "not_found" } };
    const returnable = await readReturnable(tx, order);
    if (returnable.deadline === null || returnable.deadline < input.today) return { ok: false, problem: { problem: "window_closed", deadline: returnable.deadline } };
    const problem = checkReturnLines(input.lines, new Map(returnable.lines.map((line) => [line.lineNumber, line.returnable])));
    if (problem) return { ok: false, problem };
    const [created] = await tx
      .insert(returnRequests)
      .values({ companyId: input.companyId, orderId: order.id, requestedBy: input.userId, buyerComment: input.buyerComment })
      .returning({ id: returnRequests.id, returnNumber: returnRequests.returnNumber });
    if (!created) throw new Error("return insert returned nothing");
    const byNumber = new Map(returnable.lines.map((line) => [line.lineNumber, line]));
    await tx.insert(returnRequestLines).values(
      input.lines.map((line) => {
        const orderLine = byNumber.get(line.orderLineNumber)!;
        return {
          returnRequestId: created.id,
          orderLineNumber: line.orderLineNumber,
          sku: orderLine.sku,
          name: orderLine.name,
          unit: orderLine.unit,
          quantity: line.quantity,
          reason: line.reason,
        };
      }),
    );
    return { ok: true, ...created, order: returnable };
  });
}

export interface ReturnSummary {
  id: number;
  returnNumber: string;
  companyId: number;
  companyName: string;
  orderId: number;
  orderNumber: string;
  requesterName: string;
  status: ReturnStatus;
  createdAt: Date;
  lineCount: number;
  /** Σ reported quantities of its lines. */
  quantity: number;
  /** Σ received (and credited) quantities once completed; null before (nothing recorded yet). */
  receivedQuantity: number | null;
}

export interface ReturnSearch {
  /** A customer's returns (buyer side); absent for staff, who pass `managerId` or nothing (admins). */
  companyId?: number;
  /** Only returns of orders this user placed, or that this user reported (plain buyers). */
  ownBy?: number;
  /** Only the customers assigned to this account manager. */
  managerId?: number | null;
  orderId?: number;
  statuses?: ReturnStatus[];
  limit: number;
  offset: number;
}

export async function searchReturns(search: ReturnSearch): Promise<{ items: ReturnSummary[]; total: number }> {
  const db = await database();
  const conditions: SQL[] = [];
  if (search.companyId !== undefined) conditions.push(eq(returnRequests.companyId, search.companyId));
  if (search.ownBy !== undefined) {
    conditions.push(sql`(${returnRequests.requestedBy} = ${search.ownBy} or ${returnRequests.orderId} in (select ${orders.id} from ${orders} where ${orders.userId} = ${search.ownBy}))`);
  }
  if (search.managerId !== undefined && search.managerId !== null) conditions.push(managedBy(returnRequests.companyId, search.managerId));
  if (search.orderId !== undefined) conditions.push(eq(returnRequests.orderId, search.orderId));
  if (search.statuses && search.statuses.length > 0) conditions.push(inArray(returnRequests.status, search.statuses));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [items, [totalRow]] = await Promise.all([
    search.limit === 0
      ? []
      : db
          .select({
            id: returnRequests.id,
            returnNumber: returnRequests.returnNumber,
            companyId: returnRequests.companyId,
            companyName: companies.name,
            orderId: returnRequests.orderId,
            orderNumber: orders.orderNumber,
            requesterName: users.name,
            status: returnRequests.status,
            createdAt: returnRequests.createdAt,
            lineCount: sql<number>`(select count(*)::int from ${returnRequestLines} where ${returnRequestLines.returnRequestId} = ${returnRequests.id})`,
            quantity: sql<number>`(select coalesce(sum(${returnRequestLines.quantity}), 0)::int from ${returnRequestLines} where ${returnRequestLines.returnRequestId} = ${returnRequests.id})`,
            // sum() of no recorded quantity is null: a return not completed has received nothing yet, not 0.
            receivedQuantity: sql<number | null>`(select sum(${returnRequestLines.receivedQuantity})::int from ${returnRequestLines} where ${returnRequestLines.returnRequestId} = ${returnRequests.id})`,
          })
          .from(returnRequests)
          .innerJoin(companies, eq(companies.id, returnRequests.companyId))
          .innerJoin(orders, eq(orders.id, returnRequests.orderId))
          .innerJoin(users, eq(users.id, returnRequests.requestedBy))
          .where(where)
          .orderBy(desc(returnRequests.createdAt), desc(returnRequests.id))
          .limit(search.limit)
          .offset(search.offset),
    db.select({ total: count() }).from(returnRequests).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

/** Requests waiting for staff's decision, for the admin navigation's badge (served by return_requests_open_idx). */
export async function countReturnsToDecide(managerId: number | null): Promise<number> {
  const { total } = await searchReturns({ managerId, statuses: ["requested"], limit: 0, offset: 0 });
  return total;
}

const requester = alias(users, "return_requester");
const decider = alias(users, "return_decider");
const completer = alias(users, "return_completer");

/** Returns with their lines and credit notes: three queries however many (the API lists up to 200). */
async function readReturns(where: SQL): Promise<ReturnView[]> {
  const db = await database();
  const rows = await db
    .select({
      request: returnRequests,
      companyName: companies.name,
      orderNumber: orders.orderNumber,
      orderUserId: orders.userId,
      requester: { id: requester.id, name: requester.name, email: requester.email },
      decidedByName: decider.name,
      completedByName: completer.name,
    })
    .from(returnRequests)
    .innerJoin(companies, eq(companies.id, returnRequests.companyId))
    .innerJoin(orders, eq(orders.id, returnRequests.orderId))
    .innerJoin(requester, eq(requester.id, returnRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, returnRequests.decidedBy))
    .leftJoin(completer, eq(completer.id, returnRequests.completedBy))
    .where(where);
  if (rows.length === 0) return [];
  const numbers = rows.flatMap((row) => row.request.creditNoteNumbers);
  const [lines, creditNotes] = await Promise.all([
    db
      .select({
        returnRequestId: returnRequestLines.returnRequestId,
        orderLineNumber: returnRequestLines.orderLineNumber,
        sku: returnRequestLines.sku,
        name: returnRequestLines.name,
        unit: returnRequestLines.unit,
        quantity: returnRequestLines.quantity,
        reason: returnRequestLines.reason,
        receivedQuantity: returnRequestLines.receivedQuantity,
      })
      .from(returnRequestLines)
      .where(inArray(returnRequestLines.returnRequestId, rows.map((row) => row.request.id)))
      .orderBy(asc(returnRequestLines.orderLineNumber)),
    numbers.length === 0
      ? []
      : db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.number, numbers)).orderBy(asc(invoices.id)),
  ]);
  return rows.map(({ request, ...row }) => ({
    id: request.id,
    returnNumber: request.returnNumber,
    companyId: request.companyId,
    companyName: row.companyName,
    orderId: request.orderId,
    orderNumber: row.orderNumber,
    orderUserId: row.orderUserId,
    requestedBy: row.requester,
    status: request.status,
    buyerComment: request.buyerComment,
    staffComment: request.staffComment,
    decidedByName: row.decidedByName,
    decidedAt: request.decidedAt,
    completedByName: row.completedByName,
    completedAt: request.completedAt,
    completionNote: request.completionNote,
    creditNoteNumbers: request.creditNoteNumbers,
    creditNotes: creditNotes.filter((note) => request.creditNoteNumbers.includes(note.number)),
    createdAt: request.createdAt,
    lines: lines.filter((line) => line.returnRequestId === request.id).map(({ returnRequestId: _id, ...line }) => line),
  }));
}

async function readReturn(where: SQL): Promise<ReturnView | null> {
  return (await readReturns(where))[0] ?? null;
}

/** These returns, in the order of `ids` (ids of no return are left out). */
export async function getReturnsByIds(ids: readonly number[]): Promise<ReturnView[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await readReturns(inArray(returnRequests.id, [...ids]))).map((request) => [request.id, request]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function getReturnById(id: number): Promise<ReturnView | null> {
  return readReturn(eq(returnRequests.id, id));
}

/** By its number (unique across customers); the caller checks who may see it. */
export function getReturnByNumber(returnNumber: string): Promise<ReturnView | null> {
  return readReturn(eq(returnRequests.returnNumber, returnNumber));
}

export function getCompanyReturn(companyId: number, returnNumber: string): Promise<ReturnView | null> {
  return readReturn(and(eq(returnRequests.companyId, companyId), eq(returnRequests.returnNumber, returnNumber))!);
}

/** Staff's decision on a request; false when it is no longer waiting for one (decided meanwhile). */
export async function decideReturn(input: {
  returnId: number;
  status: Extract<ReturnStatus, "approved" | "rejected">;
  staffUserId: number;
  comment: string | null;
  now: Date;
}): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(returnRequests)
    .set({ status: input.status, staffComment: input.comment, decidedBy: input.staffUserId, decidedAt: input.now })
    .where(and(eq(returnRequests.id, input.returnId), eq(returnRequests.status, "requested")))
    .returning({ id: returnRequests.id });
  return updated.length === 1;
}

/** The customer withdraws a request staff have not decided on; false otherwise. */
export async function cancelReturn(input: { returnId: number; companyId: number; userId: number; now: Date }): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(returnRequests)
    .set({ status: "cancelled", decidedBy: input.userId, decidedAt: input.now })
    .where(and(eq(returnRequests.id, input.returnId), eq(returnRequests.companyId, input.companyId), eq(returnRequests.status, "requested")))
    .returning({ id: returnRequests.id });
  return updated.length === 1;
}

export type CompleteReturnOutcome<F> =
  | { ok: true; creditNotes: { id: number; number: string }[] }
  | { ok: false; failure: { error: "not_found" } | { error: "not_approved" } | { error: "not_invoiced"; uncovered: (ReturnedLine & { sku: string })[] } | { error: "credit_failed"; failure: F } };

/** The invoice lines of these invoices that bill an order line, each with what is not credited yet. */
async function openInvoiceLines(executor: Db | Tx, invoiceIds: number[]): Promise<InvoicedLine[]> {
  if (invoiceIds.length === 0) return [];
  // Two plain queries rather than a correlated subquery over aliases: drizzle leaves the columns of a
  // single-table select unqualified and renders an alias inside sql`` by its name only, which
  // PostgreSQL cannot resolve ("relation credit_lines does not exist").
  const [billed, credited] = await Promise.all([
    executor
      .select({ invoiceId: invoiceLines.invoiceId, lineId: invoiceLines.lineId, orderLineNumber: invoiceLines.orderLineNumber, quantity: invoiceLines.quantity })
      .from(invoiceLines)
      .where(inArray(invoiceLines.invoiceId, invoiceIds)),
    executor
      .select({ invoiceId: invoices.creditedInvoiceId, lineId: invoiceLines.lineId, quantity: sql<number>`sum(${invoiceLines.quantity})::int` })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(inArray(invoices.creditedInvoiceId, invoiceIds))
      .groupBy(invoices.creditedInvoiceId, invoiceLines.lineId),
  ]);
  const creditedOf = new Map(credited.map((row) => [`${row.invoiceId}:${row.lineId}`, Number(row.quantity)]));
  return billed.flatMap((row) =>
    row.orderLineNumber === null
      ? []
      : [{ invoiceId: row.invoiceId, lineId: row.lineId, orderLineNumber: row.orderLineNumber, open: row.quantity - (creditedOf.get(`${row.invoiceId}:${row.lineId}`) ?? 0) }],
  );
}

/** Per order line: invoiced and not yet credited, over all of the order's invoices (what a return can credit today). */
export async function creditableByOrderLine(orderId: number): Promise<Map<number, number>> {
  const db = await database();
  const orderInvoices = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, "invoice")));
  const open = new Map<number, number>();
  for (const line of await openInvoiceLines(db, orderInvoices.map((invoice) => invoice.id))) {
    open.set(line.orderLineNumber, (open.get(line.orderLineNumber) ?? 0) + Math.max(0, line.open));
  }
  return open;
}

class CreditFailed<F> extends Error {
  constructor(readonly failure: F) {
    super("credit note plan failed");
  }
}

/**
 * Completes an approved return: records what arrived per line and credits it, one credit note per
 * invoice that billed it (allocateReturnCredit), all in one transaction: the return's row and the
 * order's invoices are locked, so a credit note issued meanwhile by hand is counted and nothing is
 * credited twice. Goods not invoiced yet are refused (invoice first), so the credit is never short.
 */
export async function completeReturn<F>(input: {
  returnId: number;
  staffUserId: number;
  /** Per order line number; lines absent count as 0 received. */
  received: ReadonlyMap<number, number>;
  comment: string | null;
  now: Date;
  planCreditNote: (context: CreditNoteContext, lines: { lineId: string; quantity: number }[]) => PlanOutcome<F>;
}): Promise<CompleteReturnOutcome<F>> {
  const db = await database();
  try {
    return await db.transaction(async (tx): Promise<CompleteReturnOutcome<F>> => {
      const [request] = await tx.select().from(returnRequests).where(eq(returnRequests.id, input.returnId)).for("update");
      if (!request) return { ok: false, failure: { error: "not_found" } };
      if (request.status !== "approved") return { ok: false, failure: { error: "not_approved" } };
      const lines = await tx.select().from(returnRequestLines).where(eq(returnRequestLines.returnRequestId, request.id));
      const received = lines
        .map((line) => ({ orderLineNumber: line.orderLineNumber, quantity: Math.min(line.quantity, input.received.get(line.orderLineNumber) ?? 0) }))
        .filter((line) => line.quantity > 0);
      const creditNotes: { id: number; number: string }[] = [];
      if (received.length > 0) {
        // Lock the order's invoices in id order (as every credit note of them does) before reading what is open.
        const orderInvoices = await tx
          .select({ id: invoices.id })
          .from(invoices)
          .where(and(eq(invoices.orderId, request.orderId), eq(invoices.kind, "invoice")))
          .orderBy(asc(invoices.id))
          .for("update");
        const invoiced = await openInvoiceLines(tx, orderInvoices.map((invoice) => invoice.id));
        const allocation = allocateReturnCredit(
          received,
invoiced);
        if (allocation.uncovered.length > 0) {
          const skuOf = new Map(lines.map((line) => [line.orderLineNumber, line.sku]));
          return { ok: false, failure: { error: "not_invoiced", uncovered: allocation.uncovered.map((line) => ({ ...line, sku: skuOf.get(line.orderLineNumber) ?? "" })) } };
        }
        for (const credit of allocation.credits) {
          const issued = await issueCreditNoteIn(tx, credit.invoiceId, (context) => input.planCreditNote(context, credit.lines));
          if (!issued) throw new Error(`invoice ${credit.invoiceId} vanished while crediting return ${request.returnNumber}`);
          if (!issued.ok) throw new CreditFailed(issued.failure);
          creditNotes.push(issued.invoice);
        }
      }
      for (const line of lines) {
        await tx
          .update(returnRequestLines)
          .set({ receivedQuantity: Math.min(line.quantity, input.received.get(line.orderLineNumber) ?? 0) })
          .where(eq(returnRequestLines.id, line.id));
      }
      await tx
        .update(returnRequests)
        .set({
          status: "completed",
          completedBy: input.staffUserId,
          completedAt: input.now,
          creditNoteNumbers: creditNotes.map((note) => note.number),
          completionNote: input.comment,
        })
        .where(eq(returnRequests.id, request.id));
      return { ok: true, creditNotes };
    });
  } catch (error) {
    if (error instanceof CreditFailed) return { ok: false, failure: { error: "credit_failed", failure: error.failure as F } };
    throw error;
  }
}
