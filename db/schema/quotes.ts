import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { companies, users } from "./companies";
import { orders } from "./orders";

/**
 * Quotes (RFQ): a buyer asks for a price on a cart's lines, an account manager answers with a
 * price per line and a validity date, the buyer accepts it into their cart (shop or punchout) and
 * orders it once at the quoted prices (lib/quotes).
 *
 * requested → quoted → accepted → ordered; a request can be rejected by staff, a quote declined by
 * the buyer; a quote past its valid_until is expired (derived, see lib/quotes/quote-rules.ts).
 */
export const QUOTE_STATUSES = ["requested", "quoted", "accepted", "ordered", "declined", "rejected"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const quoteNumberSequence = pgSequence("quote_number_seq", { startWith: 2001 });

export const quotes = pgTable(
  "quotes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Shown to buyers, sent as OCI NEW_ITEM-EXT_QUOTE_ID (at most 35 characters). */
    quoteNumber: text("quote_number")
      .notNull()
      .default(sql`('Q' || nextval('quote_number_seq'))`),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: QUOTE_STATUSES }).notNull().default("requested"),
    currency: text("currency").notNull().default("EUR"),
    buyerComment: text("buyer_comment"),
    /** The account manager's answer (conditions, delivery), or the reason for a rejection. */
    staffComment: text("staff_comment"),
    /** Last calendar day (Europe/Amsterdam) the quoted prices hold; set when quoted. */
    validUntil: date("valid_until"),
    quotedBy: integer("quoted_by").references(() => users.id),
    quotedAt: timestamp("quoted_at", { withTimezone: true }),
    /** Accepted, declined, rejected: who and when. */
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    /** The order that used the quote (a checkout, or a procurement system's OrderRequest). */
    orderId: integer("order_id").references(() => orders.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("quotes_quote_number_unique").on(t.quoteNumber),
    index("quotes_company_created_idx").on(t.companyId, t.createdAt),
    index("quotes_status_created_idx").on(t.status, t.createdAt),
  ],
);

export const quoteLines = pgTable(
  "quote_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    quoteId: integer("quote_id")
      .notNull()
      .references(() => quotes.id, { onDelete: "cascade" }),
    lineNumber: integer("line_number").notNull(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    /** The buyer's price when they asked (their contract price then), for the account manager's reference. */
    requestedUnitPriceMinor: integer("requested_unit_price_minor").notNull(),
    /** The quoted net unit price; null until quoted. Holds for exactly `quantity` units. */
    quotedUnitPriceMinor: integer("quoted_unit_price_minor"),
  },
  (t) => [
    uniqueIndex("quote_lines_quote_line_unique").on(t.quoteId, t.lineNumber),
    uniqueIndex("quote_lines_quote_product_unique").on(t.quoteId, t.productId),
    check("quote_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("quote_lines_quoted_price_not_negative", sql`${t.quotedUnitPriceMinor} >= 0`),
  ],
);

export const quotesRelations = relations(quotes, ({ many, one }) => ({
  lines: many(quoteLines),
  company: one(companies, { fields: [quotes.companyId], references: [companies.id] }),
}));
export const quoteLinesRelations = relations(quoteLines, ({ one }) => ({
  quote: one(quotes, { fields: [quoteLines.quoteId], references: [quotes.id] }),
  product: one(products, { fields: [quoteLines.productId], references: [products.id] }),
}));

export type Quote = typeof quotes.$inferSelect;
export type QuoteLine = typeof quoteLines.$inferSelect;
