import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";

export const PRODUCT_RELATION_KINDS = ["accessory", "alternative", "successor"] as const;
export type ProductRelationKind = (typeof PRODUCT_RELATION_KINDS)[number];

/**
 * What a product page offers besides the product (lib/catalog/product-relations.ts): its accessories
 * ("Toebehoren") and alternatives, each in the admin's order, and for a product taken out of the shop
 * the one that replaces it (at most one successor per product). A relation to a product that is
 * inactive now stays stored and is simply not shown, so it comes back when the product does.
 * The primary key starts with product_id: a product page reads its relations with one index range.
 */
export const productRelations = pgTable(
  "product_relations",
  {
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PRODUCT_RELATION_KINDS }).notNull(),
    relatedProductId: integer("related_product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.kind, t.relatedProductId] }),
    uniqueIndex("product_relations_one_successor").on(t.productId).where(sql`${t.kind} = 'successor'`),
    // "Which products name this one": the foreign key's cascade, and the admin's "replaces" view.
    index("product_relations_related_idx").on(t.relatedProductId),
    check("product_relations_kind_known", sql`${t.kind} in ('accessory', 'alternative', 'successor')`),
    check("product_relations_not_itself", sql`${t.productId} <> ${t.relatedProductId}`),
    check("product_relations_position_non_negative", sql`${t.position} >= 0`),
  ],
);

export type ProductRelation = typeof productRelations.$inferSelect;
