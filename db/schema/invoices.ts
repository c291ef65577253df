import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { companies, users } from "./companies";
import { orders } from "./orders";
import { orderShipments, outboundMessages } from "./purchase-orders";

/**
 * Invoicing (EINVOICE.md). An issued invoice or credit note is immutable: the `invoices_immutable`
 * trigger (migration 0007) rejects every UPDATE except of `paid_at` and every DELETE, and
 * `invoice_lines` rows cannot change at all. Every rendering (UBL, NLCIUS, cXML, PDF, HTML) is
 * produced from the `document` snapshot, so they always show the same numbers.
 */

/** Delivery channels a customer can receive invoices on (several may apply). */
export const INVOICE_CHANNELS = ["peppol", "nlcius", "cxml", "email"] as const;
export type InvoiceChannel = (typeof INVOICE_CHANNELS)[number];

/**
 * How VAT is applied to a customer's invoices. `auto`: NL customer → domestic rates; EU customer
 * with a VAT ID → intra-community supply (K); outside the EU → export (G).
 */
export const VAT_TREATMENTS = ["auto", "domestic", "reverse_charge", "intra_community", "export", "exempt"] as const;
export type VatTreatmentSetting = (typeof VAT_TREATMENTS)[number];

/** Our own company's master data for invoices: exactly one row (id 1). */
export const supplierProfile = pgTable(
  "supplier_profile",
  {
    id: integer("id").primaryKey().default(1),
    legalName: text("legal_name").notNull(),
    tradingName: text("trading_name"),
    kvkNumber: text("kvk_number").notNull(),
    vatId: text("vat_id").notNull(),
    /** Peppol participant id: ICD scheme (0106 KvK, 0190 OIN, 9944 NL VAT, 0088 GLN) and value. */
    peppolScheme: text("peppol_scheme").notNull(),
    peppolId: text("peppol_id").notNull(),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    countryCode: text("country_code").notNull().default("NL"),
    iban: text("iban").notNull(),
    bic: text("bic"),
    email: text("email").notNull(),
    phone: text("phone"),
    /** Default payment terms for customers without their own. */
    paymentTermsDays: integer("payment_terms_days").notNull().default(30),
    /** Delivery charge on web orders excl. VAT (minor units; 0: none), waived from `freeDeliveryFromMinor` (goods excl. VAT; null: never). */
    deliveryChargeMinor: integer("delivery_charge_minor").notNull().default(0),
    freeDeliveryFromMinor: integer("free_delivery_from_minor"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("supplier_profile_single_row", sql`${t.id} = 1`),
    check("supplier_profile_delivery_charge", sql`${t.deliveryChargeMinor} >= 0 and coalesce(${t.freeDeliveryFromMinor}, 0) >= 0`),
  ],
);

/**
 * Gap-free numbering: one counter row per series and year, incremented with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the transaction that inserts the invoice, so
 * a rolled-back invoice gives its number back and concurrent creators queue on the row lock.
 */
export const invoiceCounters = pgTable(
  "invoice_counters",
  {
    series: text("series").notNull(),
    year: integer("year").notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

export const INVOICE_KINDS = ["invoice", "credit_note"] as const;

export const invoices = pgTable(
  "invoices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: INVOICE_KINDS }).notNull(),
    /** Human number, e.g. "F2026-00001" (invoice) or "C2026-00001" (credit note). */
    number: text("number").notNull(),
    series: text("series").notNull(),
    year: integer("year").notNull(),
    sequence: integer("sequence").notNull(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "restrict" }),
    /** Set when the invoice covers the shipped lines of one shipment. */
    shipmentId: integer("shipment_id").references(() => orderShipments.id, { onDelete: "restrict" }),
    /** Credit notes: the invoice they correct (BT-25). */
    creditedInvoiceId: integer("credited_invoice_id").references((): AnyPgColumn => invoices.id, { onDelete: "restrict" }),
    issueDate: date("issue_date").notNull(),
    dueDate: date("due_date"),
    currency: text("currency").notNull().default("EUR"),
    /** Language of the PDF / HTML rendering and of the e-mail. */
    locale: text("locale", { enum: ["nl", "en"] }).notNull().default("nl"),
    /** The complete protocol-neutral document every format is rendered from. */
    document: jsonb("document").$type<InvoiceDocument>().notNull(),
    lineExtensionMinor: integer("line_extension_minor").notNull(),
    allowanceTotalMinor: integer("allowance_total_minor").notNull(),
    chargeTotalMinor: integer("charge_total_minor").notNull(),
    /** Of the charges, the order's delivery charge (billed once, with the order's first invoice). */
    deliveryChargeMinor: integer("delivery_charge_minor").notNull().default(0),
    taxExclusiveMinor: integer("tax_exclusive_minor").notNull(),
    taxMinor: integer("tax_minor").notNull(),
    payableMinor: integer("payable_minor").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Payment is not part of the document: the one column that may change after issue. */
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invoices_number_unique").on(t.number),
    uniqueIndex("invoices_series_year_sequence_unique").on(t.series, t.year, t.sequence),
    index("invoices_company_issue_idx").on(t.companyId, t.issueDate),
    index("invoices_order_idx").on(t.orderId),
    index("invoices_credited_idx").on(t.creditedInvoiceId),
    check("invoices_payable_adds_up", sql`${t.payableMinor} = ${t.taxExclusiveMinor} + ${t.taxMinor}`),
    check("invoices_credit_note_references_invoice", sql`(${t.kind} = 'credit_note') = (${t.creditedInvoiceId} is not null)`),
  ],
);

/**
 * One row per document line, so "what has been invoiced / credited already" is a query: invoice
 * lines point at the order line they bill; credit note lines carry the credited invoice line's
 * `lineId`.
 */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    /** The document line id (InvoiceLine.id). */
    lineId: text("line_id").notNull(),
    orderLineNumber: integer("order_line_number"),
    quantity: integer("quantity").notNull(),
    netMinor: integer("net_minor").notNull(),
  },
  (t) => [
    uniqueIndex("invoice_lines_invoice_line_unique").on(t.invoiceId, t.lineId),
    check("invoice_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export const INVOICE_DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type InvoiceDeliveryStatus = (typeof INVOICE_DELIVERY_STATUSES)[number];

/**
 * Delivery of an invoice on one channel, written in the transaction that issues the invoice (so a
 * document is never issued without its deliveries) and worked off by the invoice delivery worker.
 * A resend puts the same row back to pending.
 */
export const invoiceDeliveries = pgTable(
  "invoice_deliveries",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    channel: text("channel", { enum: INVOICE_CHANNELS }).notNull(),
    status: text("status", { enum: INVOICE_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** Access point message id / outbox file, mail outbox id… whatever the channel hands back. */
    externalReference: text("external_reference"),
    /** cXML channel: the outbound message that carries the InvoiceDetailRequest. */
    outboundMessageId: integer("outbound_message_id").references(() => outboundMessages.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invoice_deliveries_invoice_channel_unique").on(t.invoiceId, t.channel),
    index("invoice_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // The outbound worker mirrors each cXML attempt onto its delivery row by this column.
    index("invoice_deliveries_outbound_idx").on(t.outboundMessageId).where(sql`${t.outboundMessageId} is not null`),
  ],
);

export const invoicesRelations = relations(invoices, ({ one, many }) => ({
  company: one(companies, { fields: [invoices.companyId], references: [companies.id] }),
  order: one(orders, { fields: [invoices.orderId], references: [orders.id] }),
  lines: many(invoiceLines),
  deliveries: many(invoiceDeliveries),
}));
export const invoiceLinesRelations = relations(invoiceLines, ({ one }) => ({
  invoice: one(invoices, { fields: [invoiceLines.invoiceId], references: [invoices.id] }),
}));
export const invoiceDeliveriesRelations = relations(invoiceDeliveries, ({ one }) => ({
  invoice: one(invoices, { fields: [invoiceDeliveries.invoiceId], references: [invoices.id] }),
}));

export type SupplierProfile = typeof supplierProfile.$inferSelect;
export type NewSupplierProfile = typeof supplierProfile.$inferInsert;
export type Invoice = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type InvoiceDelivery = typeof invoiceDeliveries.$inferSelect;
