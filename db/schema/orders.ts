import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { companies, users } from "./companies";
import type { ApprovalReason } from "../../lib/orders/approval-rule";
import { costCenters } from "./cost-centers";
import { punchoutSessions } from "./punchout";
import { quoteLines } from "./quotes";

/** Carts live in the database. A user has one open shop cart; a punchout session gets its own. */
export const carts = pgTable(
  "carts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    /** Set for the cart of a punchout session; such a cart lives and dies with its session. */
    punchoutSessionId: integer("punchout_session_id").references((): AnyPgColumn => punchoutSessions.id, { onDelete: "cascade" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("carts_shop_cart_per_user").on(t.userId).where(sql`${t.punchoutSessionId} is null`),
    uniqueIndex("carts_punchout_session_unique").on(t.punchoutSessionId),
  ],
);

export const cartLines = pgTable(
  "cart_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cartId: integer("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    /** Set when the line came from an accepted quote: priced at the quote while it holds (lib/quotes/quote-rules.ts). */
    quoteLineId: integer("quote_line_id").references((): AnyPgColumn => quoteLines.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("cart_lines_cart_product_unique").on(t.cartId, t.productId), check("cart_lines_quantity_positive", sql`${t.quantity} > 0`)],
);

export const ORDER_STATUSES = [
  "awaiting_approval",
  "rejected",
  "placed",
  "needs_review",
  "accepted",
  "confirmed",
  "shipped",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderNumberSequence = pgSequence("order_number_seq", { startWith: 100001 });

/** Snapshot of an address as it was when the order was placed (addresses may change later). */
export interface AddressSnapshot {
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  externalId?: string | null;
}

export interface VatBreakdownRow {
  vatRateBasisPoints: number;
  taxableMinor: number;
  vatMinor: number;
}

export const orders = pgTable(
  "orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Human order number shown to buyers ("K100001"). */
    orderNumber: text("order_number")
      .notNull()
      .default(sql`('K' || nextval('order_number_seq'))`),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    /** Who placed it; null for orders that arrived from a procurement system without a mapped user. */
    userId: integer("user_id").references(() => users.id),
    source: text("source", { enum: ["web", "cxml", "oci"] }).notNull().default("web"),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    poNumber: text("po_number"),
    costCenter: text("cost_center"),
    /** The company's cost centre the order was placed on (its code is `costCenter`); counts against its budget. */
    costCenterId: integer("cost_center_id").references(() => costCenters.id),
    /** Why it waited for approval when placed (lib/orders/approval-rule.ts); empty when it did not. */
    approvalReasons: jsonb("approval_reasons").$type<ApprovalReason[]>().notNull().default([]),
    requestedDeliveryDate: date("requested_delivery_date"),
    note: text("note"),
    shipTo: jsonb("ship_to").$type<AddressSnapshot>().notNull(),
    billTo: jsonb("bill_to").$type<AddressSnapshot>(),
    currency: text("currency").notNull().default("EUR"),
    /** Excl. VAT: the lines plus the delivery charge (which the VAT breakdown includes, split over the lines' rates). */
    subtotalMinor: integer("subtotal_minor").notNull(),
    /** The delivery charge excl. VAT included in `subtotalMinor` (lib/pricing/delivery-charge.ts); invoiced with the order's first invoice. */
    deliveryChargeMinor: integer("delivery_charge_minor").notNull().default(0),
    vatMinor: integer("vat_minor").notNull(),
    totalMinor: integer("total_minor").notNull(),
    vatBreakdown: jsonb("vat_breakdown").$type<VatBreakdownRow[]>().notNull(),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The order's number in the supplier's ERP, reported back by it (API) or typed in by staff. */
    erpReference: text("erp_reference"),
    erpReferenceAt: timestamp("erp_reference_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("orders_order_number_unique").on(t.orderNumber),
    index("orders_company_placed_idx").on(t.companyId, t.placedAt),
    // "My orders": a buyer's own among every order of the customer (procurement systems send thousands).
    index("orders_company_user_placed_idx").on(t.companyId, t.userId, t.placedAt),
    // A cost centre's committed amount in a budget period.
    index("orders_cost_center_placed_idx").on(t.costCenterId, t.placedAt).where(sql`${t.costCenterId} is not null`),
    // Staff's review queue (the navigation's count, a customer's orders to review): only the few waiting rows.
    index("orders_needs_review_idx").on(t.companyId, t.placedAt).where(sql`${t.status} = 'needs_review'`),
    check("orders_total_adds_up", sql`${t.totalMinor} = ${t.subtotalMinor} + ${t.vatMinor}`),
    check("orders_delivery_charge_in_subtotal", sql`${t.deliveryChargeMinor} >= 0 and ${t.deliveryChargeMinor} <= ${t.subtotalMinor}`),
  ],
);

/** How a line's price came about, kept with the order so it can be explained later. */
export interface PriceSourceSnapshot {
  kind: "list" | "list_tier" | "contract" | "contract_tier" | "quote";
  /** kind "quote": the quote whose price the line carries. */
  quoteNumber?: string;
  priceListId?: number;
  priceListCode?: string;
  tierMinQuantity?: number;
}

export const orderLines = pgTable(
  "order_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    lineNumber: integer("line_number").notNull(),
    productId: integer("product_id").references(() => products.id),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
    listPriceMinor: integer("list_price_minor").notNull(),
    lineTotalMinor: integer("line_total_minor").notNull(),
    vatRateBasisPoints: integer("vat_rate_basis_points").notNull(),
    priceSource: jsonb("price_source").$type<PriceSourceSnapshot>().notNull(),
    /** The customer's own article number for the product when the order was placed (customer_article_numbers). */
    customerArticleNumber: text("customer_article_number"),
    /**
     * The delivery date we confirmed for the line when a purchase order was confirmed with changes
     * (lib/purchase-orders/order-responses.ts; sent in the ConfirmationRequest); null otherwise.
     */
    confirmedDeliveryDate: date("confirmed_delivery_date"),
  },
  (t) => [
    uniqueIndex("order_lines_order_line_unique").on(t.orderId, t.lineNumber),
    // Who bought a product (a safety data sheet's recipients, lib/data/product-documents.ts).
    index("order_lines_product_idx").on(t.productId),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** Status history: every transition with who and when. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    /**
     * `status`: the order reached `status`; `changed`: staff changed its lines (lib/orders/order-edit.ts), status unchanged;
     * `confirmation_sent`: staff sent the confirmation of an earlier decision to the buyer's system after all
     * (lib/purchase-orders/order-responses.ts sendMissedConfirmation), status unchanged.
     */
    kind: text("kind", { enum: ["status", "changed", "confirmation_sent"] }).notNull().default("status"),
    userId: integer("user_id").references(() => users.id),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.createdAt)],
);

export const cartsRelations = relations(carts, ({ many, one }) => ({
  lines: many(cartLines),
  user: one(users, { fields: [carts.userId], references: [users.id] }),
}));
export const cartLinesRelations = relations(cartLines, ({ one }) => ({
  cart: one(carts, { fields: [cartLines.cartId], references: [carts.id] }),
  product: one(products, { fields: [cartLines.productId], references: [products.id] }),
}));
export const ordersRelations = relations(orders, ({ many, one }) => ({
  lines: many(orderLines),
  events: many(orderEvents),
  company: one(companies, { fields: [orders.companyId], references: [companies.id] }),
  user: one(users, { fields: [orders.userId], references: [users.id] }),
}));
export const orderLinesRelations = relations(orderLines, ({ one }) => ({
  order: one(orders, { fields: [orderLines.orderId], references: [orders.id] }),
}));
export const orderEventsRelations = relations(orderEvents, ({ one }) => ({
  order: one(orders, { fields: [orderEvents.orderId], references: [orders.id] }),
}));

export type Cart = typeof carts.$inferSelect;
export type CartLine = typeof cartLines.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderLine = typeof orderLines.$inferSelect;
export type NewOrderLine = typeof orderLines.$inferInsert;
