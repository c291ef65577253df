import { relations, sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { companies, users } from "./companies";
import { orders } from "./orders";
import { priceLists, type PriceListTier } from "./pricing";

/** Which customers an account manager looks after. Admins see every customer without rows here. */
export const accountManagerCustomers = pgTable(
  "account_manager_customers",
  {
    staffUserId: integer("staff_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.companyId] }), index("account_manager_customers_company_idx").on(t.companyId)],
);

/** Purchase price per product (excl. VAT, minor units): the basis for the margin indication in the price editor. */
export const productPurchasePrices = pgTable(
  "product_purchase_prices",
  {
    productId: integer("product_id")
      .primaryKey()
      .references(() => products.id, { onDelete: "cascade" }),
    costMinor: integer("cost_minor").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("product_purchase_prices_cost_non_negative", sql`${t.costMinor} >= 0`)],
);

export const PRICE_CHANGE_SOURCES = ["editor", "csv", "api"] as const;
export type PriceChangeSource = (typeof PRICE_CHANGE_SOURCES)[number];

export const PRICE_AUDIT_ACTIONS = [
  "entry_created",
  "entry_updated",
  "entry_deleted",
  "list_created",
  "list_updated",
  "list_deleted",
  "list_assigned",
  "list_unassigned",
  "priority_changed",
  /**
   * The customer's assortment (companies.assortment) switched between the whole catalogue and its
   * contract assortment: it decides which products its buyers see at all, so it belongs with the
   * assignments that decide the contract assortment's content (no price list: price_list_code "").
   */
  "assortment_changed",
  /**
   * A product's list price or its tiers (products.list_price_minor / list_price_tiers) changed: the
   * price of every customer without a fixed contract price, and the base of every discount. Old and
   * new value as a fixed price-list entry (price and tiers, no window), with product and SKU, no list
   * (price_list_code ""). Written by lib/data/product-import.ts with the product's update.
   */
  "list_price_changed",
] as const;
export type PriceAuditAction = (typeof PRICE_AUDIT_ACTIONS)[number];

/** A price-list entry as the audit log keeps it (old and new value). */
export interface PriceEntrySnapshot {
  kind: "fixed" | "discount";
  priceMinor: number | null;
  discountBasisPoints: number | null;
  tiers: PriceListTier[];
  validFrom: string | null;
  validTo: string | null;
}

/** A price-list header or a customer assignment as the audit log keeps it. */
export interface PriceListSnapshot {
  name?: string;
  currency?: string;
  validFrom?: string | null;
  validTo?: string | null;
  priority?: number;
  entries?: number;
  /** assortment_changed: the customer's assortment before / after (lib/catalog/assortment.ts). */
  assortment?: "all" | "contract";
  /** assortment_changed to "contract": how many active products the contract assortment held that day. */
  products?: number;
}

export type PriceAuditValue = PriceEntrySnapshot | PriceListSnapshot;

/**
 * Every change that can move a customer's price: who, when, old → new, through which channel.
 * Written in the same transaction as the change itself. Names and codes are copied so the log
 * stays readable after a user, product or price list is gone.
 */
export const priceAuditLog = pgTable(
  "price_audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    source: text("source", { enum: PRICE_CHANGE_SOURCES }).notNull(),
    action: text("action", { enum: PRICE_AUDIT_ACTIONS }).notNull(),
    priceListId: integer("price_list_id").references(() => priceLists.id, { onDelete: "set null" }),
    priceListCode: text("price_list_code").notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    sku: text("sku"),
    /** Set for assignment changes (list ↔ customer); entry changes reach customers through their lists. */
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    oldValue: jsonb("old_value").$type<PriceAuditValue>(),
    newValue: jsonb("new_value").$type<PriceAuditValue>(),
    /** Groups the rows of one CSV import or API call. */
    batchId: text("batch_id"),
  },
  (t) => [
    index("price_audit_log_list_idx").on(t.priceListId, t.createdAt),
    index("price_audit_log_product_idx").on(t.productId, t.createdAt),
    index("price_audit_log_company_idx").on(t.companyId, t.createdAt),
    index("price_audit_log_created_idx").on(t.createdAt),
  ],
);

export const VIEW_AS_END_REASONS = ["exit", "replaced"] as const;

/**
 * "View shop as customer": a staff member browses the shop as one customer user, time-boxed.
 * The browser holds a random token in its own cookie; only its SHA-256 is stored. At most 60 minutes.
 */
export const viewAsSessions = pgTable(
  "view_as_sessions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text("token_hash").notNull(),
    staffUserId: integer("staff_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetUserId: integer("target_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason", { enum: VIEW_AS_END_REASONS }),
  },
  (t) => [
    uniqueIndex("view_as_sessions_token_unique").on(t.tokenHash),
    index("view_as_sessions_staff_idx").on(t.staffUserId, t.createdAt),
    index("view_as_sessions_company_idx").on(t.companyId, t.createdAt),
    check("view_as_sessions_time_box", sql`${t.expiresAt} > ${t.createdAt} and ${t.expiresAt} <= ${t.createdAt} + interval '60 minutes'`),
  ],
);

export const VIEW_AS_EVENT_KINDS = ["started", "page_view", "order_placed", "ended"] as const;
export type ViewAsEventKind = (typeof VIEW_AS_EVENT_KINDS)[number];

/** The audit of a view-as session: both identities on every row. */
export const viewAsEvents = pgTable(
  "view_as_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => viewAsSessions.id, { onDelete: "cascade" }),
    staffUserId: integer("staff_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetUserId: integer("target_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: VIEW_AS_EVENT_KINDS }).notNull(),
    path: text("path"),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("view_as_events_session_idx").on(t.sessionId, t.createdAt), index("view_as_events_company_idx").on(t.companyId, t.createdAt)],
);

export const USER_TOKEN_PURPOSES = ["invite", "password_reset"] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/** Single-use links for a customer user to set a password (invitation) or choose a new one (reset). */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: USER_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("user_tokens_token_unique").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId, t.purpose)],
);

/**
 * Outgoing e-mail, queued in the same transaction as what caused it. Delivery (SMTP or a mail API)
 * is a separate concern; staff never see the links inside.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    toEmail: text("to_email").notNull(),
    toName: text("to_name").notNull(),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    /** Files sent with the message (invoice PDFs), base64 so the row is the complete record. */
    attachments: jsonb("attachments").$type<{ filename: string; contentType: string; contentBase64: string }[]>().notNull().default([]),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_unsent_idx").on(t.createdAt).where(sql`${t.sentAt} is null`)],
);

/** Personal API keys of staff members for the admin API (bearer tokens; only the SHA-256 is stored). */
export const staffApiKeys = pgTable(
  "staff_api_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, to recognise it in the list. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    /**
     * What the key may do (lib/admin/api-scopes.ts), chosen when it is made: a stock feed's key cannot
     * read orders. Null only for keys made before scopes existed: those keep their owner's full reach.
     */
    scopes: text("scopes").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("staff_api_keys_token_unique").on(t.tokenHash), index("staff_api_keys_user_idx").on(t.userId)],
);

/** Every call made with a key (what it did, when, with what answer), for the key's owner to audit; kept 90 days. */
export const staffApiKeyCalls = pgTable(
  "staff_api_key_calls",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    keyId: integer("key_id")
      .notNull()
      .references(() => staffApiKeys.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    method: text("method").notNull(),
    /** Path and query, cut at 300 characters. */
    path: text("path").notNull(),
    status: integer("status").notNull(),
  },
  (t) => [index("staff_api_key_calls_key_idx").on(t.keyId, t.at)],
);

export const accountManagerCustomersRelations = relations(accountManagerCustomers, ({ one }) => ({
  staffUser: one(users, { fields: [accountManagerCustomers.staffUserId], references: [users.id] }),
  company: one(companies, { fields: [accountManagerCustomers.companyId], references: [companies.id] }),
}));
export const viewAsSessionsRelations = relations(viewAsSessions, ({ many }) => ({
  events: many(viewAsEvents),
}));
export const viewAsEventsRelations = relations(viewAsEvents, ({ one }) => ({
  session: one(viewAsSessions, { fields: [viewAsEvents.sessionId], references: [viewAsSessions.id] }),
}));

export type PriceAuditRow = typeof priceAuditLog.$inferSelect;
export type NewPriceAuditRow = typeof priceAuditLog.$inferInsert;
export type ViewAsSession = typeof viewAsSessions.$inferSelect;
export type ViewAsEvent = typeof viewAsEvents.$inferSelect;
export type UserToken = typeof userTokens.$inferSelect;
export type MailOutboxRow = typeof mailOutbox.$inferSelect;
export type StaffApiKey = typeof staffApiKeys.$inferSelect;
export type StaffApiKeyCall = typeof staffApiKeyCalls.$inferSelect;
