import { relations, sql, type SQL } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The words of a product's names as a tsvector, stemmed like weight A of products.search_vector; the
 * expression of products_name_search_idx (a query must use the same expression to use the index).
 */
/** A SKU as a search compares it: upper case, letters and digits only ("kp-000279" → "KP000279"). */
export function skuKey(sku: AnyPgColumn): SQL {
  return sql`regexp_replace(upper(${sku}), '[^A-Z0-9]', '', 'g')`;
}

export function productNameVector(nameNl: AnyPgColumn, nameEn: AnyPgColumn): SQL {
  return sql`(to_tsvector('dutch', ${nameNl}) || to_tsvector('english', ${nameEn}))`;
}

export const categories = pgTable(
  "categories",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer("parent_id").references((): AnyPgColumn => categories.id),
    slug: text("slug").notNull(),
    /** Our own category code (sent as OCI MATGROUP / EXT_CATEGORY_ID when configured). */
    code: text("code").notNull(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("categories_slug_unique").on(t.slug), uniqueIndex("categories_code_unique").on(t.code)],
);

/** A quantity tier on the list price: from `minQuantity` units on, each unit costs `priceMinor`. */
export interface ListPriceTier {
  minQuantity: number;
  priceMinor: number;
}

export const products = pgTable(
  "products",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sku: text("sku").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionNl: text("description_nl").notNull(),
    descriptionEn: text("description_en").notNull(),
    brand: text("brand").notNull(),
    manufacturer: text("manufacturer").notNull(),
    manufacturerPartNumber: text("manufacturer_part_number").notNull(),
    gtin: text("gtin"),
    unspsc: text("unspsc"),
    /** UN/ECE Recommendation 20 code (EA, PK, BX, PR, KGM, MTR, LTR, RO…). */
    unit: text("unit").notNull(),
    /** Units in one pack (e.g. a box of 500 sheets sold per BX has packSize 500 sheets). */
    packSize: integer("pack_size").notNull().default(1),
    /**
     * What the pack size counts, as a unit code of the same set as `unit` (lib/catalog/unit-names.ts):
     * a box sold per BX with packSize 500 and contentUnit XST holds 500 sheets (BMEcat CONTENT_UNIT,
     * NO_CU_PER_OU = packSize). Null: not said; the shop then says "500 per doos" without a noun.
     */
    contentUnit: text("content_unit"),
    minOrderQuantity: integer("min_order_quantity").notNull().default(1),
    orderMultiple: integer("order_multiple").notNull().default(1),
    leadTimeDays: integer("lead_time_days").notNull().default(1),
    stock: integer("stock").notNull().default(0),
    /**
     * The moment the stock level was true at in the system that reported it (the ERP's `asOf`, else
     * when it arrived): an older report never overwrites a newer one (lib/admin/stock-api.ts).
     */
    stockAsOf: timestamp("stock_as_of", { withTimezone: true }),
    listPriceMinor: integer("list_price_minor").notNull(),
    listPriceTiers: jsonb("list_price_tiers").$type<ListPriceTier[]>().notNull().default([]),
    currency: text("currency").notNull().default("EUR"),
    /** VAT rate in basis points: 2100 = 21 %, 900 = 9 %, 0. */
    vatRateBasisPoints: integer("vat_rate_basis_points").notNull(),
    /** Free-form attributes shown on the product page (colour, size, material…), by language-neutral key. */
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    /** The key of the main photo (product_images position 0), or null: the shop shows a placeholder. */
    imageKey: text("image_key"),
    /** Whether product_documents holds any for it: the product page reads them only then (no probe for most products). */
    hasDocuments: boolean("has_documents").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Full-text document over both languages. 'simple' for identifiers and brand (no stemming),
     * Dutch and English stemming for names (weight A) and descriptions (weight C).
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`
        setweight(to_tsvector('simple', coalesce(${products.brand}, '') || ' ' || coalesce(${products.manufacturer}, '')), 'B') ||
        setweight(to_tsvector('dutch', ${products.nameNl}), 'A') ||
        setweight(to_tsvector('english', ${products.nameEn}), 'A') ||
        setweight(to_tsvector('dutch', ${products.descriptionNl}), 'C') ||
        setweight(to_tsvector('english', ${products.descriptionEn}), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex("products_sku_unique").on(t.sku),
    // Quick order finds products by SKU case-insensitively and by GTIN, and its autocomplete by their
    // prefixes (lib/data/cart-bulk.ts): pattern ops answer both `=` and `LIKE 'prefix%'` in any collation.
    // Without them each look-up read all 100,000 products (110–170 ms; BENCHMARKS.md, 25th pass).
    index("products_sku_upper_idx").on(sql`upper(${t.sku}) text_pattern_ops`),
    // The search's SKU fragments ("KP-0002", "000279", "kp000279": lib/data/catalog.ts skuFragment) anywhere in
    // the SKU, read without case and punctuation (skuKey).
    index("products_sku_key_trgm_idx").using("gin", sql`${skuKey(t.sku)} gin_trgm_ops`),
    index("products_gtin_idx").on(sql`${t.gtin} text_pattern_ops`),
    index("products_mpn_lower_idx").on(sql`lower(${t.manufacturerPartNumber})`),
    index("products_category_idx").on(t.categoryId, t.id),
    index("products_brand_idx").on(t.brand),
    index("products_search_idx").using("gin", t.searchVector),
    // The name words alone (weight A of search_vector, without the weights): the search takes the
    // products whose NAME matches first (lib/data/catalog.ts searchMatchQuery). A weight in a tsquery
    // cannot be checked in products_search_idx, so `search_vector @@ 'word:*A'` read and rechecked
    // every product that has the word anywhere; this index answers it exactly.
    index("products_name_search_idx").using("gin", productNameVector(t.nameNl, t.nameEn)),
    index("products_name_nl_trgm_idx").using("gin", sql`${t.nameNl} gin_trgm_ops`),
    index("products_name_en_trgm_idx").using("gin", sql`${t.nameEn} gin_trgm_ops`),
    check("products_pack_size_positive", sql`${t.packSize} > 0`),
    check("products_min_order_positive", sql`${t.minOrderQuantity} > 0`),
    check("products_order_multiple_positive", sql`${t.orderMultiple} > 0`),
    check("products_list_price_non_negative", sql`${t.listPriceMinor} >= 0`),
    check("products_vat_rate_known", sql`${t.vatRateBasisPoints} in (0, 900, 2100)`),
  ],
);

/**
 * What a key of products.attributes means: its name in both languages, its place on the product page,
 * whether the shop offers it as a filter on category pages and in search, and the English words for
 * stored values that are Dutch ("blauw" → "blue"). A key without a definition still shows, under
 * the key itself; a value without an English label shows as stored (most are neutral: "A4", "5 l").
 */
export const attributeDefinitions = pgTable(
  "attribute_definitions",
  {
    /** As in products.attributes (1–40 characters, the product import's rule). */
    key: text("key").primaryKey(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
    filterable: boolean("filterable").notNull().default(false),
    valueLabelsEn: jsonb("value_labels_en").$type<Record<string, string>>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("attribute_definitions_key_length", sql`char_length(${t.key}) between 1 and 40`)],
);

export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;

/**
 * Every word (3+ characters, not only digits, lower case) that occurs in a product name, Dutch or
 * English: the typo fallback of the search finds the words closest to what was typed here (trigram
 * similarity over a few thousand words instead of over 2 × 100k names) and searches for those.
 * Filled and kept up to date by the trigger products_search_words (custom migration 0011); words of
 * names that changed or disappeared stay (harmless: a search for them finds fewer or no products).
 */
export const searchWords = pgTable("search_words", { word: text("word").primaryKey() }, (t) => [
  index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
]);

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: "tree" }),
  children: many(categories, { relationName: "tree" }),
  products: many(products),
}));
export const productsRelations = relations(products, ({ one }) => ({
  category: one(categories, { fields: [products.categoryId], references: [categories.id] }),
}));

export type Category = typeof categories.$inferSelect;
export type NewCategory = typeof categories.$inferInsert;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
