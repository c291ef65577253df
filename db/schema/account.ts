import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { companies, users } from "./companies";

/**
 * Favorites lists ("bestellijsten"): named lists of products with a default quantity and a note
 * per line. A list belongs to one user of one company; a shared list is usable by everybody in
 * that company and editable by its owner and the company admins — and, when its owner says so
 * (`colleaguesMayEdit`), its lines by everybody in the company (a team's order template).
 */
export const favoriteLists = pgTable(
  "favorite_lists",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    shared: boolean("shared").notNull().default(false),
    /** Shared lists only: colleagues may change its lines (not its name, sharing or existence). */
    colleaguesMayEdit: boolean("colleagues_may_edit").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("favorite_lists_company_idx").on(t.companyId, t.shared),
    index("favorite_lists_owner_idx").on(t.ownerUserId),
    check("favorite_lists_name_not_blank", sql`length(trim(${t.name})) > 0`),
    check("favorite_lists_colleagues_edit_shared", sql`not ${t.colleaguesMayEdit} or ${t.shared}`),
  ],
);

export const favoriteListLines = pgTable(
  "favorite_list_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    listId: integer("list_id")
      .notNull()
      .references(() => favoriteLists.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** What "add to cart" uses for this line. */
    defaultQuantity: integer("default_quantity").notNull(),
    note: text("note"),
    /** Sort order within the list (the buyer can move lines up and down). */
    position: integer("position").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("favorite_list_lines_list_product_unique").on(t.listId, t.productId),
    index("favorite_list_lines_list_position_idx").on(t.listId, t.position),
    check("favorite_list_lines_quantity_positive", sql`${t.defaultQuantity} > 0`),
  ],
);

export const favoriteListsRelations = relations(favoriteLists, ({ many, one }) => ({
  lines: many(favoriteListLines),
  company: one(companies, { fields: [favoriteLists.companyId], references: [companies.id] }),
  owner: one(users, { fields: [favoriteLists.ownerUserId], references: [users.id] }),
}));
export const favoriteListLinesRelations = relations(favoriteListLines, ({ one }) => ({
  list: one(favoriteLists, { fields: [favoriteListLines.listId], references: [favoriteLists.id] }),
  product: one(products, { fields: [favoriteListLines.productId], references: [products.id] }),
}));

export type FavoriteList = typeof favoriteLists.$inferSelect;
export type FavoriteListLine = typeof favoriteListLines.$inferSelect;

/**
 * The customer's own article numbers ("eigen artikelnummers", the buyer's material numbers): per
 * company at most one per product and one product per number. Shown to the company's users beside
 * our SKU, accepted by quick order, carried into punchout carts (OCI MATNR where the connection asks
 * for it, cXML BuyerPartID), order lines and invoices (UBL BT-156). Company admins maintain them.
 */
export const customerArticleNumbers = pgTable(
  "customer_article_numbers",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** As the customer writes it (OCI MATNR: at most 40 characters). */
    articleNumber: text("article_number").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("customer_article_numbers_company_product_unique").on(t.companyId, t.productId),
    // One product per number, whatever the case the buyer types it in (quick order matches case-insensitively).
    uniqueIndex("customer_article_numbers_company_number_unique").on(t.companyId, sql`lower(${t.articleNumber})`),
    check("customer_article_numbers_length", sql`length(${t.articleNumber}) between 1 and 40 and ${t.articleNumber} = trim(${t.articleNumber})`),
  ],
);

export type CustomerArticleNumber = typeof customerArticleNumbers.$inferSelect;

/**
 * "Mail me when it is back in stock": a user's wish for a product that is out of stock. The stock
 * report that brings the product back mails the user and sets `notifiedAt` in one transaction
 * (lib/catalog/stock-alerts.ts); asking again later opens the same row again.
 */
export const stockAlerts = pgTable(
  "stock_alerts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("stock_alerts_user_product_unique").on(t.userId, t.productId),
    // A stock report looks up the open wishes of the products it changed.
    index("stock_alerts_open_product_idx").on(t.productId).where(sql`${t.notifiedAt} is null`),
  ],
);

export type StockAlert = typeof stockAlerts.$inferSelect;
