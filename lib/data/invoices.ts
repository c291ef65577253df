import "server-only";
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  addresses,
  companies,
  invoiceCounters,
  invoiceDeliveries,
  invoiceLines,
  invoices,
  orderLines,
  orderShipments,
  orders,
  products,
  purchaseOrders,
  supplierProfile,
  users,
  type Address,
  type Company,
  type Invoice,
  type InvoiceChannel,
  type InvoiceDelivery,
  type InvoiceLineRow,
  type Order,
  type OrderLine,
  type OrderShipment,
  type SupplierProfile,
} from "@/db/schema";
import type { Db } from "@/db/client";
import type { InvoiceDocument, InvoiceTotals } from "@/lib/einvoice/types";
import { database } from "./database";

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export type InvoiceWithDetails = Invoice & {
  lines: InvoiceLineRow[];
  deliveries: InvoiceDelivery[];
  companyName: string;
  orderNumber: string | null;
};

async function getInvoiceWhere(condition: SQL): Promise<InvoiceWithDetails | null> {
  const db = await database();
  const [row] = await db
    .select({ invoice: invoices, companyName: companies.name, orderNumber: orders.orderNumber })
    .from(invoices)
    .innerJoin(companies, eq(companies.id, invoices.companyId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .where(condition);
  if (!row) return null;
  const [lines, deliveries] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, row.invoice.id)).orderBy(asc(invoiceLines.id)),
    db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, row.invoice.id)).orderBy(asc(invoiceDeliveries.id)),
  ]);
  return { ...row.invoice, lines, deliveries, companyName: row.companyName, orderNumber: row.orderNumber ?? null };
}

export function getInvoiceById(id: number): Promise<InvoiceWithDetails | null> {
  return getInvoiceWhere(eq(invoices.id, id));
}

export function getInvoiceByNumber(number: string): Promise<InvoiceWithDetails | null> {
  return getInvoiceWhere(eq(invoices.number, number));
}

export interface InvoiceListRow {
  id: number;
  kind: Invoice["kind"];
  number: string;
  companyId: number;
  companyName: string;
  orderId: number | null;
  orderNumber: string | null;
  issueDate: string;
  dueDate: string | null;
  payableMinor: number;
  taxExclusiveMinor: number;
  currency: string;
  paidAt: Date | null;
  creditedInvoiceId: number | null;
  createdAt: Date;
}

/**
 * Invoices and credit notes, newest first. `companyIds` restricts to those customers (an empty list
 * matches nothing); `companyId` to one.
 */
export async function listInvoices(filter: {
  companyIds?: number[];
  companyId?: number;
  orderId?: number;
  kind?: "invoice" | "credit_note";
  limit?: number;
}): Promise<InvoiceListRow[]> {
  const db = await database();
  const conditions = [
    filter.companyIds ? inArray(invoices.companyId, filter.companyIds.length ? filter.companyIds : [-1]) : undefined,
    filter.companyId !== undefined ? eq(invoices.companyId, filter.companyId) : undefined,
    filter.orderId !== undefined ? eq(invoices.orderId, filter.orderId) : undefined,
    filter.kind ? eq(invoices.kind, filter.kind) : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      companyId: invoices.companyId,
      companyName: companies.name,
      orderId: invoices.orderId,
      orderNumber: orders.orderNumber,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      payableMinor: invoices.payableMinor,
      taxExclusiveMinor: invoices.taxExclusiveMinor,
      currency: invoices.currency,
      paidAt: invoices.paidAt,
      creditedInvoiceId: invoices.creditedInvoiceId,
      createdAt: invoices.createdAt,
    })
    .from(invoices)
    .innerJoin(companies, eq(companies.id, invoices.companyId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(invoices.issueDate), desc(invoices.id))
    .limit(filter.limit ?? 200);
  return rows.map((row) => ({ ...row, orderNumber: row.orderNumber ?? null }));
}

/** The one column that may change after issue (the immutability trigger allows only this). */
export async function setInvoicePaidAt(invoiceId: number, paidAt: Date | null): Promise<boolean> {
  const db = await database();
  const updated = await db.update(invoices).set({ paidAt }).where(eq(invoices.id, invoiceId)).returning({ id: invoices.id });
  return updated.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Issuing: everything in one transaction with the number from the gap-free counter
// ---------------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the invoice planner needs about an order, read inside the issuing transaction (order row locked). */
export interface OrderInvoicingContext {
  order: Order;
  /** With the product's current catalog names (null: the product is gone), to print a line in the document's language. */
  lines: (OrderLine & { gtin: string | null; productNames?: { nl: string; en: string } | null })[];
  company: Company;
  /** The customer's default bill-to address (first bill-to if none is marked default). */
  defaultBillTo: Address | null;
  /** The contact on the invoice. Not its language: that is the customer's (companies.document_locale). */
  orderingUser: { name: string; email: string } | null;
  supplier: SupplierProfile | null;
  /** Set for orders that came in as a cXML OrderRequest. */
  purchaseOrder: { buyerOrderId: string; payloadId: string; orderDate: string | null } | null;
  shipments: OrderShipment[];
  /** The shipment asked for (null when invoicing the whole order). */
  shipment: OrderShipment | null;
  /** Quantity already on invoices per order line number. Credit notes do not re-open lines. */
  invoicedByLine: Map<number, number>;
  /** An invoice for `shipment` exists already. */
  shipmentInvoiced: boolean;
  /** An earlier invoice of the order billed its delivery charge. */
  deliveryChargeInvoiced: boolean;
}

/** What the credit note planner needs, read inside the transaction (invoice row locked). */
export interface CreditNoteContext {
  invoice: Invoice;
  lines: InvoiceLineRow[];
  /** Quantity already credited per invoice line id. */
  creditedByLineId: Map<string, number>;
  /** An earlier credit note already credited the invoice's document-level allowances and charges. */
  allowancesChargesCredited: boolean;
  company: Company;
}

/** A fully planned document that only needs its number. */
export interface InvoiceDraft {
  kind: "invoice" | "credit_note";
  series: string;
  year: number;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  locale: "nl" | "en";
  companyId: number;
  orderId: number | null;
  shipmentId: number | null;
  creditedInvoiceId: number | null;
  createdByUserId: number | null;
  /** Of the charges, the order's delivery charge (0: none, or billed by an earlier invoice). */
  deliveryChargeMinor: number;
  channels: readonly InvoiceChannel[];
  /** The complete document for the number the transaction assigns (it is also the payment reference). */
  documentFor(number: string): InvoiceDocument;
  totals: InvoiceTotals;
  lines: { lineId: string; orderLineNumber: number | null; quantity: number; netMinor: number }[];
}

export type PlanOutcome<F> = { ok: true; draft: InvoiceDraft } | { ok: false; failure: F };
export type IssueOutcome<F> = { ok: true; invoice: { id: number; number: string } } | { ok: false; failure: F };

export function formatInvoiceNumber(series: string, year: number, sequence: number): string {
  return `${series}${year}-${String(sequence).padStart(5, "0")}`;
}

/**
 * Takes the next number of (series, year) and writes the document, its lines and one pending
 * delivery per channel. The counter row stays locked until commit, so concurrent issuers queue and
 * a rollback hands the number back: no gaps, no duplicates.
 */
async function insertDraft(tx: Tx, draft: InvoiceDraft): Promise<{ id: number; number: string }> {
  const [counter] = await tx
    .insert(invoiceCounters)
    .values({ series: draft.series, year: draft.year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [invoiceCounters.series, invoiceCounters.year],
      set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: invoiceCounters.lastNumber });
  if (!counter) throw new Error("invoice counter returned nothing");
  const number = formatInvoiceNumber(draft.series, draft.year, counter.lastNumber);
  const { totals } = draft;
  const [created] = await tx
    .insert(invoices)
    .values({
      kind: draft.kind,
      number,
      series: draft.series,
      year: draft.year,
      sequence: counter.lastNumber,
      companyId: draft.companyId,
      orderId: draft.orderId,
      shipmentId: draft.shipmentId,
      creditedInvoiceId: draft.creditedInvoiceId,
      issueDate: draft.issueDate,
      dueDate: draft.dueDate,
      currency: draft.currency,
      locale: draft.locale,
      document: draft.documentFor(number),
      lineExtensionMinor: totals.lineExtensionMinor,
      allowanceTotalMinor: totals.allowanceTotalMinor,
      chargeTotalMinor: totals.chargeTotalMinor,
      deliveryChargeMinor: draft.deliveryChargeMinor,
      taxExclusiveMinor: totals.taxExclusiveMinor,
      taxMinor: totals.taxMinor,
      payableMinor: totals.payableMinor,
      createdByUserId: draft.createdByUserId,
    })
    .returning({ id: invoices.id });
  if (!created) throw new Error("invoice insert returned nothing");
  await tx.insert(invoiceLines).values(draft.lines.map((line) => ({ ...line, invoiceId: created.id })));
  const channels = [...new Set(draft.channels)];
  if (channels.length) await tx.insert(invoiceDeliveries).values(channels.map((channel) => ({ invoiceId: created.id, channel })));
  return { id: created.id, number };
}

async function loadOrderContext(tx: Tx, orderId: number, shipmentId: number | null): Promise<OrderInvoicingContext | null> {
  // The order row lock serialises invoicing of one order, so two issuers never bill the same lines.
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!order) return null;
  const [lineRows, [company], billTos, [user], [supplier], [purchaseOrder], shipments, invoiced, deliveryInvoices] = await Promise.all([
    tx
      .select({ line: orderLines, gtin: products.gtin, nameNl: products.nameNl, nameEn: products.nameEn })
      .from(orderLines)
      .leftJoin(products, eq(products.id, orderLines.productId))
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(orderLines.lineNumber)),
    tx.select().from(companies).where(eq(companies.id, order.companyId)),
    tx
      .select()
      .from(addresses)
      .where(and(eq(addresses.companyId, order.companyId), eq(addresses.kind, "bill_to")))
      .orderBy(desc(addresses.isDefault), asc(addresses.id))
      .limit(1),
    order.userId === null
      ? Promise.resolve([])
      : tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, order.userId)),
    tx.select().from(supplierProfile).where(eq(supplierProfile.id, 1)),
    tx
      .select({ buyerOrderId: purchaseOrders.buyerOrderId, payloadId: purchaseOrders.payloadId, orderDate: purchaseOrders.orderDate })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.orderId, orderId)),
    tx.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(asc(orderShipments.id)),
    tx
      .select({
        lineNumber: invoiceLines.orderLineNumber,
        quantity: sql<number>`sum(${invoiceLines.quantity})::int`,
        shipmentId: invoices.shipmentId,
      })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, "invoice")))
      .groupBy(invoiceLines.orderLineNumber, invoices.shipmentId),
    order.deliveryChargeMinor > 0
      ? tx
          .select({ id: invoices.id })
          .from(invoices)
          .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, "invoice"), gt(invoices.deliveryChargeMinor, 0)))
          .limit(1)
      : Promise.resolve([]),
  ]);
  if (!company) return null;
  const shipment = shipmentId === null ? null : (shipments.find((s) => s.id === shipmentId) ?? null);
  if (shipmentId !== null && !shipment) return null;
  const invoicedByLine = new Map<number, number>();
  for (const row of invoiced) {
    if (row.lineNumber === null) continue;
    invoicedByLine.set(row.lineNumber, (invoicedByLine.get(row.lineNumber) ?? 0) + Number(row.quantity));
  }
  return {
    order,
    lines: lineRows.map(({ line, gtin, nameNl, nameEn }) => ({
      ...line,
      gtin: gtin ?? null,
      productNames: nameNl !== null && nameEn !== null ? { nl: nameNl, en: nameEn } : null,
    })),
    company,
    defaultBillTo: billTos[0] ?? null,
    orderingUser: user ?? null,
    supplier: supplier ?? null,
    purchaseOrder: purchaseOrder ?? null,
    shipments,
    shipment,
    invoicedByLine,
    shipmentInvoiced: shipmentId !== null && invoiced.some((row) => row.shipmentId === shipmentId),
    deliveryChargeInvoiced: deliveryInvoices.length > 0,
  };
}

/**
 * Issues an invoice for an order in one transaction: locks the order, reads what is left to bill,
 * lets `plan` (pure) build the document, then numbers and stores it with its deliveries.
 * Null when the order (or the shipment of that order) does not exist.
 */
export async function issueOrderDocument<F>(
  orderId: number,
  shipmentId: number | null,
  plan: (context: OrderInvoicingContext) => PlanOutcome<F>,
): Promise<IssueOutcome<F> | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const context = await loadOrderContext(tx, orderId, shipmentId);
    if (!context) return null;
    const outcome = plan(context);
    if (!outcome.ok) return outcome;
    return { ok: true as const, invoice: await insertDraft(tx, outcome.draft) };
  });
}

/**
 * Issues a credit note for an invoice in one transaction; the invoice row lock serialises credit
 * notes of one invoice so the credited quantities can never exceed the invoiced ones.
 * Null when the invoice does not exist.
 */
export async function issueCreditNoteDocument<F>(
  invoiceId: number,
  plan: (context: CreditNoteContext) => PlanOutcome<F>,
): Promise<IssueOutcome<F> | null> {
  const db = await database();
  return db.transaction((tx) => issueCreditNoteIn(tx, invoiceId, plan));
}

/**
 * The credit note of issueCreditNoteDocument inside a transaction the caller holds (a completed
 * return issues its credit notes with its own update, all or nothing).
 */
export async function issueCreditNoteIn<F>(
  tx: Tx,
  invoiceId: number,
  plan: (context: CreditNoteContext) => PlanOutcome<F>,
): Promise<IssueOutcome<F> | null> {
  // A row lock fires no UPDATE trigger: the immutable invoice can be locked.
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update");
  if (!invoice) return null;
  const [lines, credited, earlier, [company]] = await Promise.all([
    tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.id)),
    tx
      .select({ lineId: invoiceLines.lineId, quantity: sql<number>`sum(${invoiceLines.quantity})::int` })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(eq(invoices.creditedInvoiceId, invoiceId))
      .groupBy(invoiceLines.lineId),
    tx
      .select({ chargeTotalMinor: invoices.chargeTotalMinor, allowanceTotalMinor: invoices.allowanceTotalMinor })
      .from(invoices)
      .where(eq(invoices.creditedInvoiceId, invoiceId)),
    tx.select().from(companies).where(eq(companies.id, invoice.companyId)),
  ]);
  if (!company) return null;
  const outcome = plan({
    invoice,
    lines,
    creditedByLineId: new Map(credited.map((row) => [row.lineId, Number(row.quantity)])),
    allowancesChargesCredited: earlier.some((row) => row.chargeTotalMinor > 0 || row.allowanceTotalMinor > 0),
    company,
  });
  if (!outcome.ok) return outcome;
  return { ok: true as const, invoice: await insertDraft(tx, outcome.draft) };
}

// ---------------------------------------------------------------------------------------------
// The ERP's invoice feed (GET /admin/api/invoices)

const creditedInvoices = alias(invoices, "credited_invoices");

export interface InvoiceFeedRow {
  id: number;
  kind: "invoice" | "credit_note";
  number: string;
  companyId: number;
  companyName: string;
  companyVatId: string | null;
  erpCustomerNumber: string | null;
  orderNumber: string | null;
  creditedInvoiceNumber: string | null;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  lineExtensionMinor: number;
  allowanceTotalMinor: number;
  chargeTotalMinor: number;
  taxExclusiveMinor: number;
  taxMinor: number;
  payableMinor: number;
  paidAt: Date | null;
  createdAt: Date;
}

/**
 * Issued documents after `afterId` in id order, `number`: that one only. Ids come from a sequence
 * at INSERT, so a transaction that drew a lower id may still commit after a higher one is visible
 * (an invoice and a credit note issued at once use different counters and do not queue): a cursor
 * past the higher id would skip the lower one for good. The SHARE lock waits until every
 * transaction that is inserting invoices has ended and holds new inserts off for this one read, so
 * every id up to the last one returned is committed and no lower id can appear later.
 */
export async function listInvoiceFeed(filter: { afterId: number; limit: number; companyIds?: number[]; number?: string }): Promise<InvoiceFeedRow[]> {
  const db = await database();
  const conditions = [
    gt(invoices.id, filter.afterId),
    filter.companyIds ? inArray(invoices.companyId, filter.companyIds.length ? filter.companyIds : [-1]) : undefined,
    filter.number !== undefined ? eq(invoices.number, filter.number) : undefined,
  ].filter((c) => c !== undefined);
  const read = (tx: Pick<Db, "select">) =>
    tx
      .select({
        id: invoices.id,
        kind: invoices.kind,
        number: invoices.number,
        companyId: invoices.companyId,
        companyName: companies.name,
        companyVatId: companies.vatId,
        erpCustomerNumber: companies.erpCustomerNumber,
        orderNumber: orders.orderNumber,
        creditedInvoiceNumber: creditedInvoices.number,
        issueDate: invoices.issueDate,
        dueDate: invoices.dueDate,
        currency: invoices.currency,
        lineExtensionMinor: invoices.lineExtensionMinor,
        allowanceTotalMinor: invoices.allowanceTotalMinor,
        chargeTotalMinor: invoices.chargeTotalMinor,
        taxExclusiveMinor: invoices.taxExclusiveMinor,
        taxMinor: invoices.taxMinor,
        payableMinor: invoices.payableMinor,
        paidAt: invoices.paidAt,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .innerJoin(companies, eq(companies.id, invoices.companyId))
      .leftJoin(orders, eq(orders.id, invoices.orderId))
      .leftJoin(creditedInvoices, eq(creditedInvoices.id, invoices.creditedInvoiceId))
      .where(and(...conditions))
      .orderBy(asc(invoices.id))
      .limit(filter.limit);
  // One document by number needs no ordering guarantee.
  if (filter.number !== undefined) return read(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${invoices} in share mode`);
    return read(tx);
  });
}
