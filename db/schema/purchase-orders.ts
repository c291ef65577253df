import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { orders } from "./orders";
import { punchoutConnections, punchoutTransferLines } from "./punchout";

/**
 * Per-connection purchase-order settings (PROTOCOLS.md §2.8–2.10): works for OCI and cXML
 * connections alike. `orderSecretHash` (scrypt) authenticates OrderRequests when set (OCI
 * connections need it; cXML connections fall back to their setup SharedSecret). Our own credentials
 * for documents we send back are stored encrypted (AES-256-GCM, lib/crypto/secret-box.ts).
 */
export const purchaseOrderSettings = pgTable(
  "purchase_order_settings",
  {
    connectionId: integer("connection_id")
      .primaryKey()
      .references(() => punchoutConnections.id, { onDelete: "cascade" }),
    orderSecretHash: text("order_secret_hash"),
    /** Allowed difference between the buyer's and our unit price, in basis points of ours. */
    priceToleranceBasisPoints: integer("price_tolerance_basis_points").notNull().default(0),
    autoConfirm: boolean("auto_confirm").notNull().default(false),
    /** Where ConfirmationRequest / ShipNoticeRequest documents go. */
    orderResponseUrl: text("order_response_url"),
    /** Our From/Sender identity towards this buyer and our SharedSecret, encrypted. */
    outboundFrom: jsonb("outbound_from").$type<{ domain: string; identity: string }[]>().notNull().default([]),
    outboundSharedSecretEncrypted: text("outbound_shared_secret_encrypted"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("purchase_order_settings_tolerance", sql`${t.priceToleranceBasisPoints} >= 0`)],
);

export const PURCHASE_ORDER_TYPES = ["new", "update", "delete"] as const;

/**
 * The cXML-specific header of an order that came in as an OrderRequest. One per (connection,
 * buyer orderID): the unique index makes parallel duplicates collapse into one order.
 */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    orderId: integer("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => punchoutConnections.id),
    buyerOrderId: text("buyer_order_id").notNull(),
    orderDate: text("order_date"),
    orderVersion: integer("order_version").notNull().default(1),
    /** Revision of the lines in purchase_order_lines that is current (update bumps it). */
    revision: integer("revision").notNull().default(1),
    /** payloadID of the OrderRequest (type new) — referenced by every document we send back. */
    payloadId: text("payload_id").notNull(),
    /** sha256 of the exact bytes of the "new" OrderRequest (a byte-identical re-send is not a conflict). */
    documentSha256: text("document_sha256").notNull(),
    deploymentMode: text("deployment_mode", { enum: ["test", "production"] }).notNull(),
    currency: text("currency").notNull(),
    buyerTotalMinor: integer("buyer_total_minor").notNull(),
    /** Everything else of the header: addresses, contacts, comments, extrinsics, accounting… */
    header: jsonb("header").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("purchase_orders_connection_order_unique").on(t.connectionId, t.buyerOrderId)],
);

/** A line as the buyer sent it, with the reconciliation outcome; every revision is kept. */
export interface PurchaseOrderLineReason {
  code:
    | "price_higher"
    | "price_lower"
    | "price_missing"
    /** A line's price, or (header) the Total or any amount, in another currency than ours: detail "USD ≠ EUR". */
    | "currency"
    | "unknown_product"
    | "invalid_quantity"
    | "not_in_transfer"
    | "unknown_ship_to"
    /** The line was transferred at a quote's price, which no longer holds (detail: quote number and why). */
    | "quote_lapsed"
    /** Header: the order goes beyond the customer's credit limit (detail: owed + order > limit, lib/orders/credit.ts). */
    | "credit_limit"
    /**
     * The customer's assortment is its contract and no price list of it prices the line's product on
     * the order date, nor does a quote that still applies (detail: the SKU; lib/purchase-orders/assortment-reason.ts).
     */
    | "not_in_assortment"
    /**
     * Header: the buyer's Total is not the sum of its lines (with or without its Shipping and Tax);
     * detail "<Total> ≠ <lines>" in minor units (lib/purchase-orders/header-reasons.ts).
     */
    | "total_mismatch";
  detail?: string;
}

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => purchaseOrders.orderId, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    lineNumber: integer("line_number").notNull(),
    supplierPartId: text("supplier_part_id").notNull(),
    supplierPartAuxiliaryId: text("supplier_part_auxiliary_id"),
    quantity: text("quantity").notNull(),
    unitOfMeasure: text("unit_of_measure"),
    buyerUnitPriceMinor: integer("buyer_unit_price_minor"),
    currency: text("currency"),
    ourUnitPriceMinor: integer("our_unit_price_minor"),
    description: text("description"),
    requestedDeliveryDate: text("requested_delivery_date"),
    productId: integer("product_id").references(() => products.id),
    transferLineId: integer("transfer_line_id").references(() => punchoutTransferLines.id),
    /** Distributions, comments, extrinsics, ship-to, classifications as sent. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    reasons: jsonb("reasons").$type<PurchaseOrderLineReason[]>().notNull().default([]),
  },
  (t) => [uniqueIndex("purchase_order_lines_revision_line_unique").on(t.orderId, t.revision, t.lineNumber)],
);

/**
 * Every OrderRequest document received (raw, SharedSecret redacted) with the Response we gave.
 * (connection, payloadID) is unique: a retry gets the stored Response and creates nothing.
 */
export const purchaseOrderDocuments = pgTable(
  "purchase_order_documents",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => punchoutConnections.id),
    payloadId: text("payload_id").notNull(),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    type: text("type", { enum: PURCHASE_ORDER_TYPES }).notNull(),
    buyerOrderId: text("buyer_order_id").notNull(),
    documentSha256: text("document_sha256").notNull(),
    rawDocument: text("raw_document").notNull(),
    responseXml: text("response_xml").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("purchase_order_documents_payload_unique").on(t.connectionId, t.payloadId),
    index("purchase_order_documents_order_idx").on(t.orderId),
  ],
);

export const OUTBOUND_MESSAGE_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboundMessageStatus = (typeof OUTBOUND_MESSAGE_STATUSES)[number];

/**
 * Transactional outbox for documents to buyers (ConfirmationRequest, ShipNoticeRequest). Written in
 * the same transaction as the business change; a worker delivers with retries and the SAME payloadID.
 * The body holds our SharedSecret only in encrypted form (`bodyEncrypted`).
 */
export const outboundMessages = pgTable(
  "outbound_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => punchoutConnections.id),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["confirmation", "ship_notice", "invoice"] }).notNull(),
    payloadId: text("payload_id").notNull(),
    url: text("url").notNull(),
    bodyEncrypted: text("body_encrypted").notNull(),
    status: text("status", { enum: OUTBOUND_MESSAGE_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbound_messages_payload_unique").on(t.payloadId),
    index("outbound_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("outbound_messages_order_idx").on(t.orderId),
  ],
);

/** A recorded shipment (ASN) of an order. */
export const orderShipments = pgTable(
  "order_shipments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    shipmentNumber: text("shipment_number").notNull(),
    carrier: text("carrier").notNull(),
    trackingNumber: text("tracking_number").notNull(),
    trackingUrl: text("tracking_url"),
    lines: jsonb("lines").$type<{ lineNumber: number; quantity: number }[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("order_shipments_number_unique").on(t.shipmentNumber), index("order_shipments_order_idx").on(t.orderId)],
);

export const purchaseOrdersRelations = relations(purchaseOrders, ({ one, many }) => ({
  order: one(orders, { fields: [purchaseOrders.orderId], references: [orders.id] }),
  connection: one(punchoutConnections, { fields: [purchaseOrders.connectionId], references: [punchoutConnections.id] }),
  lines: many(purchaseOrderLines),
}));
export const purchaseOrderLinesRelations = relations(purchaseOrderLines, ({ one }) => ({
  purchaseOrder: one(purchaseOrders, { fields: [purchaseOrderLines.orderId], references: [purchaseOrders.orderId] }),
}));

export type PurchaseOrderSettings = typeof purchaseOrderSettings.$inferSelect;
export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type NewPurchaseOrderLine = typeof purchaseOrderLines.$inferInsert;
export type PurchaseOrderDocument = typeof purchaseOrderDocuments.$inferSelect;
export type OutboundMessage = typeof outboundMessages.$inferSelect;
export type OrderShipment = typeof orderShipments.$inferSelect;
