import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies } from "./companies";
import { products } from "./catalog";

/** A contract (price list) with an optional validity window; dates are inclusive calendar days. */
export const priceLists = pgTable(
  "price_lists",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("EUR"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("price_lists_code_unique").on(t.code),
    check("price_lists_window_ordered", sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);

/**
 * A quantity tier of a price-list entry. For a `fixed` entry `priceMinor` applies from `minQuantity`
 * units on; for a `discount` entry `discountBasisPoints` does.
 */
export interface PriceListTier {
  minQuantity: number;
  priceMinor?: number;
  discountBasisPoints?: number;
}

export const priceListEntries = pgTable(
  "price_list_entries",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    priceListId: integer("price_list_id")
      .notNull()
      .references(() => priceLists.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["fixed", "discount"] }).notNull(),
    /** Net unit price for `fixed` entries. */
    priceMinor: integer("price_minor"),
    /** Discount off the list price for `discount` entries, in basis points (1250 = 12.5 %). */
    discountBasisPoints: integer("discount_basis_points"),
    tiers: jsonb("tiers").$type<PriceListTier[]>().notNull().default([]),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("price_list_entries_list_product_unique").on(t.priceListId, t.productId),
    index("price_list_entries_product_idx").on(t.productId, t.priceListId),
    check(
      "price_list_entries_kind_value",
      sql`(${t.kind} = 'fixed' and ${t.priceMinor} is not null and ${t.priceMinor} >= 0 and ${t.discountBasisPoints} is null)
       or (${t.kind} = 'discount' and ${t.discountBasisPoints} between 0 and 10000 and ${t.priceMinor} is null)`,
    ),
    check("price_list_entries_window_ordered", sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);

/** Which price lists apply to a customer; lower `priority` wins when several lists price a product. */
export const companyPriceLists = pgTable(
  "company_price_lists",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    priceListId: integer("price_list_id")
      .notNull()
      .references(() => priceLists.id, { onDelete: "cascade" }),
    priority: integer("priority").notNull().default(100),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.priceListId] }), index("company_price_lists_list_idx").on(t.priceListId)],
);

export const priceListsRelations = relations(priceLists, ({ many }) => ({
  entries: many(priceListEntries),
  companies: many(companyPriceLists),
}));
export const priceListEntriesRelations = relations(priceListEntries, ({ one }) => ({
  priceList: one(priceLists, { fields: [priceListEntries.priceListId], references: [priceLists.id] }),
  product: one(products, { fields: [priceListEntries.productId], references: [products.id] }),
}));
export const companyPriceListsRelations = relations(companyPriceLists, ({ one }) => ({
  company: one(companies, { fields: [companyPriceLists.companyId], references: [companies.id] }),
  priceList: one(priceLists, { fields: [companyPriceLists.priceListId], references: [priceLists.id] }),
}));

export type PriceList = typeof priceLists.$inferSelect;
export type NewPriceList = typeof priceLists.$inferInsert;
export type PriceListEntry = typeof priceListEntries.$inferSelect;
export type NewPriceListEntry = typeof priceListEntries.$inferInsert;
