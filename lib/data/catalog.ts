import "server-only";
import { cache } from "react";
import { and, asc, count, eq, gt, sql, type SQL } from "drizzle-orm";
import { attributeDefinitions, categories, productNameVector, products, searchWords, skuKey, type Category, type Product } from "@/db/schema";
import type { AttributeCount, AttributeFilters } from "@/lib/catalog/attributes";
import { skuKeyOf } from "@/lib/catalog/sku-key";
import type { Db } from "@/db/client";
import { database, preparedDatabase } from "./database";
import { preparedPerDatabase, preparedStatement, selectionFromJson } from "./prepared-sql";
import { contractAssortmentSql } from "./prices";
import { q } from "./sql";

export type ProductRow = Omit<Product, "searchVector" | "updatedAt" | "stockAsOf">;

/** A product as the shop and the product import read it (every column but the search vector and timestamps). */
export const productColumns = {
  id: products.id,
  sku: products.sku,
  categoryId: products.categoryId,
  nameNl: products.nameNl,
  nameEn: products.nameEn,
  descriptionNl: products.descriptionNl,
  descriptionEn: products.descriptionEn,
  brand: products.brand,
  manufacturer: products.manufacturer,
  manufacturerPartNumber: products.manufacturerPartNumber,
  gtin: products.gtin,
  unspsc: products.unspsc,
  unit: products.unit,
  packSize: products.packSize,
  contentUnit: products.contentUnit,
  minOrderQuantity: products.minOrderQuantity,
  orderMultiple: products.orderMultiple,
  leadTimeDays: products.leadTimeDays,
  stock: products.stock,
  listPriceMinor: products.listPriceMinor,
  listPriceTiers: products.listPriceTiers,
  currency: products.currency,
  vatRateBasisPoints: products.vatRateBasisPoints,
  attributes: products.attributes,
  active: products.active,
  imageKey: products.imageKey,
  hasDocuments: products.hasDocuments,
};

export interface ProductFilters {
  /** Which products by their `active` flag; the shop's default is the active ones (the back office also searches the others). */
  activity?: ProductActivity;
  brand?: string;
  inStock?: boolean;
  /** Products carrying each of these attribute values (`attributes @> filters`). */
  attributes?: AttributeFilters;
  /**
   * For a customer whose assortment is `contract` (lib/catalog/assortment.ts): only the products its
   * price lists price on `day` (ISO calendar date, Europe/Amsterdam). See contractAssortmentFilter.
   */
  contract?: { companyId: number; day: string };
}

export interface ProductPage {
  items: ProductRow[];
  total: number;
  brands: { brand: string; count: number }[];
  /**
   * How many of the products carry each value of each filterable attribute (with the attribute's
   * names and the value's English label, so the page needs no read of the definitions), every count
   * with the other filters applied but not its own attribute's (so a chosen value can be swapped for
   * another). Empty where the page offers no attribute filters.
   */
  attributeCounts: AttributeCount[];
}

const hasAttributeFilters = (filters: ProductFilters) => filters.attributes !== undefined && Object.keys(filters.attributes).length > 0;

export function listCategoriesQuery(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
}

// Built once per database (every shop page reads the categories).
const categoriesQuery = preparedStatement((db) => listCategoriesQuery(db).prepare("catalog_categories"));

/**
 * Once per request (React's cache: the page and its generateMetadata title share the read; outside a
 * React render each call reads).
 */
export const listCategories = cache(async (): Promise<Category[]> => (await categoriesQuery()).execute());

const categoryBySlug = preparedStatement((db) =>
  db.select().from(categories).where(eq(categories.slug, sql.placeholder("slug"))).prepare("catalog_category_by_slug"),
);

/** Every category page reads its category first: prepared. */
export async function getCategoryBySlug(slug: string): Promise<Category | null> {
  const [row] = await (await categoryBySlug()).execute({ slug });
  return row ?? null;
}

function filterConditions(filters: ProductFilters): SQL[] {
  const activity = filters.activity ?? "active";
  // Never empty: the statements put the filter after "and".
  const conditions: SQL[] = [activity === "all" ? sql`true` : eq(products.active, activity === "active")];
  if (filters.brand) conditions.push(eq(products.brand, filters.brand));
  if (filters.inStock) conditions.push(gt(products.stock, 0));
  if (hasAttributeFilters(filters)) conditions.push(sql`${products.attributes} @> ${JSON.stringify(filters.attributes)}::jsonb`);
  if (filters.contract) conditions.push(contractAssortmentSql(products, filters.contract.companyId, filters.contract.day));
  return conditions;
}

/**
 * What varies between the statements of category pages: each shape is one statement text (with
 * placeholders for the values, see categoryPageValues), built once per database and prepared by
 * postgres.js per connection. drizzle assembling the SQL per request was part of the ~7 % of a
 * listing's CPU it spent building SQL (BENCHMARKS.md, fourth pass).
 */
export interface CategoryPageShape {
  /** Several categories (with sub-categories): merged per-category scans. */
  merged: boolean;
  brand: boolean;
  inStock: boolean;
  /** Filtered on attribute values: another statement, so the unfiltered pages' plans stay as they were. */
  attributes?: boolean;
  /** A contract-assortment customer's page: another statement, so everybody else's stays as it was. */
  contract?: boolean;
}

export function categoryPageShape(categoryIds: number[], filters: ProductFilters): CategoryPageShape {
  return {
    merged: categoryIds.length > 1,
    brand: !!filters.brand,
    inStock: !!filters.inStock,
    ...(hasAttributeFilters(filters) ? { attributes: true } : {}),
    ...(filters.contract ? { contract: true } : {}),
  };
}

/** The placeholder values of a category page's statements. */
export function categoryPageValues(categoryIds: number[], filters: ProductFilters, page: { offset: number; limit: number }) {
  return {
    categoryId: categoryIds[0] ?? 0,
    categoryIds,
    brand: filters.brand ?? "",
    attributes: JSON.stringify(filters.attributes ?? {}),
    offset: page.offset,
    limit: page.limit,
    perCategoryLimit: page.offset + page.limit,
    companyId: filters.contract?.companyId ?? 0,
    day: filters.contract?.day ?? "",
  };
}

function shapeConditions(shape: Pick<CategoryPageShape, "brand" | "inStock" | "contract" | "attributes">): SQL[] {
  const conditions: SQL[] = [eq(products.active, true)];
  if (shape.brand) conditions.push(eq(products.brand, sql.placeholder("brand")));
  if (shape.inStock) conditions.push(gt(products.stock, 0));
  if (shape.attributes) conditions.push(sql`${products.attributes} @> ${sql.placeholder("attributes")}::jsonb`);
  if (shape.contract) conditions.push(contractAssortmentSql(products, sql.placeholder("companyId"), sql.placeholder("day")));
  return conditions;
}

/**
 * The queries of a category page of this shape, built but not run (the benchmark floor sends the
 * same SQL). No count query: the brand facets count the same rows (see totalFromBrands). The
 * attribute facets only for a category without sub-categories (`attributes` null otherwise): a
 * group's products mix every child's attributes, and counting them all cost a pass over up to a
 * quarter of the catalogue per page; the filters themselves work everywhere.
 */
export function categoryPageQueries(db: Db, shape: CategoryPageShape) {
  // One category: equality keeps the ordered scan of products_category_name_idx in the generic plan.
  const inCategory = shape.merged ? sql`${products.categoryId} = any(${sql.placeholder("categoryIds")}::int[])` : eq(products.categoryId, sql.placeholder("categoryId"));
  return {
    items: shape.merged
      ? mergedCategoryItems(db, shape)
      : db
          .select(productColumns)
          .from(products)
          .where(and(inCategory, ...shapeConditions(shape)))
          .orderBy(asc(products.nameNl), asc(products.id))
          .limit(sql.placeholder("limit"))
          .offset(sql.placeholder("offset")),
    brands: db
      .select({ brand: products.brand, count: count() })
      .from(products)
      .where(and(inCategory, ...shapeConditions({ brand: false, inStock: shape.inStock, contract: shape.contract, attributes: shape.attributes })))
      .groupBy(products.brand)
      .orderBy(asc(products.brand)),
    attributes: shape.merged ? null : attributeFacetQuery(db, inCategory, shape),
  };
}

/**
 * Per filterable attribute and value, how many of the page's products carry it: every other filter
 * applies, the attribute filters except the counted attribute's own (`filters - key`), so the
 * counts say what choosing another value of it would show. The products are first counted per
 * distinct set of attributes (a category of 1,900 has a few dozen), from
 * products_category_attributes_idx alone, and only those sets are taken apart (3.3 → 1.6 ms). The
 * definition's names, position and the value's English label come along (see ProductPage).
 */
function attributeFacetQuery(db: Db, inCategory: SQL, shape: CategoryPageShape) {
  const combinations = db
    .select({ attributes: sql<Record<string, string>>`${products.attributes}`.as("attributes"), count: sql<number>`count(*)`.as("count") })
    .from(products)
    .where(and(inCategory, ...shapeConditions({ brand: shape.brand, inStock: shape.inStock, contract: shape.contract })))
    .groupBy(products.attributes)
    .as("combination");
  const definition = (column: string) => sql.raw(`"definition"."${column}"`);
  const counted = (column: string) => sql.raw(`"counted"."${column}"`);
  const countedPairs = db
    .select({ key: sql<string>`"pair"."key"`.as("key"), value: sql<string>`"pair"."value"`.as("value"), count: sql<number>`sum("combination"."count")::int`.as("count") })
    .from(combinations)
    .crossJoinLateral(sql`jsonb_each_text("combination"."attributes") as "pair"("key", "value")`)
    .where(shape.attributes ? sql`"combination"."attributes" @> (${sql.placeholder("attributes")}::jsonb - "pair"."key")` : undefined)
    .groupBy(sql`"pair"."key"`, sql`"pair"."value"`)
    .as("counted");
  return db
    .select({
      key: sql<string>`${counted("key")}`,
      value: sql<string>`${counted("value")}`,
      count: sql<number>`${counted("count")}`.mapWith(Number),
      nameNl: sql<string>`${definition("name_nl")}`,
      nameEn: sql<string>`${definition("name_en")}`,
      position: sql<number>`${definition("position")}`,
      valueLabelEn: sql<string | null>`${definition("value_labels_en")} ->> ${counted("value")}`,
    })
    .from(countedPairs)
    .innerJoin(sql`${attributeDefinitions} as "definition"`, sql`${definition("key")} = ${counted("key")} and ${definition("filterable")}`);
}

/**
 * The page of a category with sub-categories: the first offset+limit products of EACH category in
 * name order (an ordered scan of products_category_name_idx per category), merged. Same rows and
 * order as one `category_id in (…) order by name_nl, id` query, without sorting the whole group.
 */
function mergedCategoryItems(db: Db, shape: CategoryPageShape) {
  const perCategory = db
    .select(productColumns)
    .from(products)
    .where(and(sql`${q(products.categoryId)} = "category"."id"`, ...shapeConditions(shape)))
    .orderBy(asc(products.nameNl), asc(products.id))
    .limit(sql.placeholder("perCategoryLimit"))
    .as("product");
  const fields = Object.fromEntries(Object.keys(productColumns).map((key) => [key, perCategory[key as keyof typeof productColumns]]));
  return db
    .select(fields as unknown as typeof productColumns)
    .from(sql`unnest(${sql.placeholder("categoryIds")}::int[]) as "category"("id")`)
    .crossJoinLateral(perCategory)
    .orderBy(asc(perCategory.nameNl), asc(perCategory.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"));
}

function prepareCategoryPage(db: Db, shape: CategoryPageShape) {
  const queries = categoryPageQueries(db, shape);
  const name = `catalog_${shape.merged ? "merged" : "single"}${shape.brand ? "_brand" : ""}${shape.inStock ? "_stock" : ""}${shape.attributes ? "_attributes" : ""}${shape.contract ? "_contract" : ""}`;
  return {
    items: queries.items.prepare(`${name}_items`),
    brands: queries.brands.prepare(`${name}_brands`),
    attributes: queries.attributes?.prepare(`${name}_attributes`) ?? null,
  };
}
// Per database, the prepared statements of each shape met so far (at most 32).
const categoryPageStatements = preparedPerDatabase(() => new Map<string, ReturnType<typeof prepareCategoryPage>>());

/**
 * The number of matching products, from the brand facets: they group the same rows (every product
 * has a brand), minus the brand filter, so with a brand filter the total is that brand's count.
 * Saves a second pass over every matching row.
 */
export function totalFromBrands(brands: { brand: string; count: number }[], brandFilter?: string): number {
  if (brandFilter !== undefined && brandFilter !== "") return brands.find((b) => b.brand === brandFilter)?.count ?? 0;
  return brands.reduce((sum, b) => sum + b.count, 0);
}

/** One page of a category (its own products and its sub-categories'), with brand and attribute facets. */
export async function listProductsInCategory(
  categoryIds: number[],
  filters: ProductFilters,
  page: { offset: number; limit: number },
): Promise<ProductPage> {
  if (categoryIds.length === 0) return { items: [], total: 0, brands: [], attributeCounts: [] };
  const db = await preparedDatabase();
  const shape = categoryPageShape(categoryIds, filters);
  const byShape = categoryPageStatements(db);
  const key = JSON.stringify(shape);
  let statements = byShape.get(key);
  if (!statements) byShape.set(key, (statements = prepareCategoryPage(db, shape)));
  // Prepared statements (postgres.js keeps them per connection and statement text): parsing and
  // planning them again cost about a third of their database time (floor: 1.9 → 1.3 ms per page).
  const values = categoryPageValues(categoryIds, filters, page);
  const [items, brands, attributeCounts] = await Promise.all([
    statements.items.execute(values),
    statements.brands.execute(values),
    statements.attributes ? statements.attributes.execute(values) : [],
  ]);
  return { items, total: totalFromBrands(brands, filters.brand), brands, attributeCounts };
}

/** One product by SKU, through the prepared statement of listProductsBySkus (planned once, not per page). */
export const getProductBySku = cache(async (sku: string): Promise<ProductRow | null> => {
  const [row] = await (await productsBySkus()).execute({ skus: [sku] });
  return row ?? null;
});

/** Products by SKU in one query (a procurement document's lines); unknown SKUs are simply absent. */
// Prepared, with the keys as one array parameter: one statement text for any number of products
// (the OrderRequest, punchout setup, cart and reorder paths read their products this way).
const productsBySkus = preparedStatement((db) =>
  db.select(productColumns).from(products).where(sql`${products.sku} = any(${sql.placeholder("skus")})`).prepare("products_by_skus"),
);
const productsByIds = preparedStatement((db) =>
  db.select(productColumns).from(products).where(sql`${products.id} = any(${sql.placeholder("ids")})`).prepare("products_by_ids"),
);

export async function listProductsBySkus(skus: string[]): Promise<Map<string, ProductRow>> {
  const unique = [...new Set(skus)];
  if (unique.length === 0) return new Map();
  const rows = await (await productsBySkus()).execute({ skus: unique });
  return new Map(rows.map((row) => [row.sku, row]));
}

export type ProductActivity = "all" | "active" | "inactive";

/** The back office's product list: every product (inactive ones too), by SKU, a page at a time. */
export async function listProductsForAdmin(filter: { activity: ProductActivity; offset: number; limit: number }): Promise<{ items: ProductRow[]; total: number }> {
  const db = await database();
  const where = filter.activity === "all" ? undefined : eq(products.active, filter.activity === "active");
  const [items, [totalRow]] = await Promise.all([
    db.select(productColumns).from(products).where(where).orderBy(asc(products.sku)).limit(filter.limit).offset(filter.offset),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

/** The column names of a ProductRow, for hand-written SQL (`select ${PRODUCT_ROW_COLUMNS} from "products"`). */
export const PRODUCT_ROW_COLUMNS = Object.values(productColumns)
  .map((column) => `"${column.name}"`)
  .join(", ");

/** A product row that a statement returned as JSON (`to_jsonb(p)`), mapped like the selects above. */
export function productRowFromJson(json: unknown): ProductRow {
  return selectionFromJson(productColumns, json) as ProductRow;
}

/** Products by id, in no particular order. */
export async function listProductsByIds(ids: number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return (await productsByIds()).execute({ ids: [...new Set(ids)] });
}

/** The words of free text as the search reads them: lower case, letters and digits only, at most 8. */
function searchWordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/**
 * Turns free text into a prefix tsquery string ("kopie:* & papier:*"): words only, so user
 * input can never inject tsquery operators. With `weight` every word must occur with that weight
 * ("kopie:*A & papier:*A": in the product name, see products.searchVector).
 */
export function toPrefixTsQuery(text: string, weight?: "A"): string | null {
  const words = searchWordsOf(text);
  return words.length ? words.map((w) => `${w}:*${weight ?? ""}`).join(" & ") : null;
}

/**
 * The search's tsquery string: like toPrefixTsQuery, but a number ("30", the "3" of "3-voudig")
 * matches only itself, not every number it begins ("300", "3000", …): such a prefix matched thousands
 * of products to intersect with the other words (10–25 ms in the GIN index for one search), and
 * "pedaalemmerzakken 30" means 30 litres, not 300.
 */
export function toSearchTsQuery(text: string): string | null {
  const words = searchWordsOf(text);
  return words.length ? words.map((w) => (/^\p{N}+$/u.test(w) ? w : `${w}:*`)).join(" & ") : null;
}

/**
 * At most this many matching products are ranked, counted and offered as brand facets per search
 * (5 pages); a broader query shows "120+" and asks to be refined. Ranking, counting and faceting
 * every match of a broad term cost more than a plain `@@ … order by ts_rank` query (issue 8);
 * with the bound a search costs the same whatever the number of matches. Products whose NAME
 * contains every word are taken first, so the ranked candidates hold the best matches (name hits,
 * weight A, outrank brand and description hits).
 */
export const SEARCH_CANDIDATE_LIMIT = 120;

export interface SearchResult extends ProductPage {
  /** How the results were found: identifiers, full text, or typo-tolerant similarity. */
  mode: "exact" | "fulltext" | "fuzzy" | "none";
  /**
   * True when more products match than were ranked (SEARCH_CANDIDATE_LIMIT): `total` and the brand
   * counts are then lower bounds over the ranked candidates.
   */
  truncated: boolean;
}

/**
 * The Dutch, English and simple readings of a prefix tsquery string OR-ed together, each distinct
 * reading once: usually two or all three are identical ('papier':* | 'papier':* | 'papier':*), and
 * every duplicate makes the GIN scan and ts_rank do the work again (same matches and ranks, 2–3×
 * the time). As a subquery the planner cannot mistake the duplicates for a broad term and fall back
 * to a table scan. Null when `tsquery` is null.
 */
function readings(tsquery: SQL): SQL {
  return sql`(select string_agg(distinct '(' || reading::text || ')', ' | ')::tsquery
    from unnest(array[to_tsquery('dutch', ${tsquery}), to_tsquery('english', ${tsquery}), to_tsquery('simple', ${tsquery})]) as reading
    where reading::text <> '')`;
}

/**
 * The typo fallback's tsquery string, computed in SQL: each typed word (3+ characters, not only
 * digits) replaced by the name word(s) most similar to it (trigram similarity over search_words, at
 * least pg_trgm.similarity_threshold, ties OR-ed, at most 3), other words kept as typed; a word with
 * no similar name word is left out. Null when nothing remains.
 */
function correctedTsQuery(text: string): SQL {
  const groups = searchWordsOf(text).map((word) =>
    word.length < 3 || /^\p{N}+$/u.test(word)
      ? sql`${toSearchTsQuery(word)}::text`
      : sql`(select string_agg("near"."word" || ':*', ' | ' order by "near"."word") from (
          select ${q(searchWords.word)} as "word", similarity(${q(searchWords.word)}, ${word}) as "s",
            max(similarity(${q(searchWords.word)}, ${word})) over () as "best"
          from ${searchWords} where ${q(searchWords.word)} % ${word}
          order by "s" desc, ${q(searchWords.word)} limit 3) as "near" where "near"."s" >= "near"."best")`,
  );
  if (groups.length === 0) return sql`null::text`;
  return sql`nullif(concat_ws(' & ', ${sql.join(
    groups.map((group) => sql`'(' || ${group} || ')'`),
    sql`, `,
  )}), '')`;
}

/**
 * Dutch writes compounds as one word: "werkhandschoenen", "montagehandschoenen" are gloves, and a
 * prefix search for "handschoenen" found neither. The full-text tsquery string, computed in SQL:
 * each typed word of 4+ letters OR-ed with the name words (search_words) that end in it after a
 * modifier of 3+ characters, either word with or without a plural or diminutive ending (handschoenen →
 * werkhandschoenen and montagehandschoen, papier → kopieerpapier; not lamp → clamp, pen → open); at
 * most COMPOUNDS_PER_WORD, shortest first.
 * Numbers match only themselves and short words only as prefixes, as in toSearchTsQuery.
 */
const COMPOUNDS_PER_WORD = 20;
const COMPOUND_ENDINGS = "tjes|tje|jes|je|es|en|s|n|e";
/** The typed word without a plural or diminutive ending ("handschoenen" → "handschoen"), if 4+ letters remain. */
function compoundBase(word: string): string {
  const base = word.replace(new RegExp(`(${COMPOUND_ENDINGS})$`), "");
  return base.length >= 4 ? base : word;
}

function compoundTsQuery(text: string): SQL | null {
  const words = searchWordsOf(text);
  if (words.length === 0) return null;
  const groups = words.map((word) => {
    if (/^\p{N}+$/u.test(word)) return sql`${word}::text`;
    if (word.length < 4) return sql`${`${word}:*`}::text`;
    const base = compoundBase(word);
    return sql`'(' || ${`${word}:*`}::text || coalesce((select ' | ' || string_agg("compound"."word" || ':*', ' | ' order by "compound"."word")
      from (select ${q(searchWords.word)} as "word" from ${searchWords}
        where ${q(searchWords.word)} like ${`%${base}%`} and ${q(searchWords.word)} ~ ${`^.{3,}(${word}|${base})(${COMPOUND_ENDINGS})?$`}
        order by length(${q(searchWords.word)}), ${q(searchWords.word)} limit ${COMPOUNDS_PER_WORD}) as "compound"), '') || ')'`;
  });
  return sql`concat_ws(' & ', ${sql.join(groups, sql`, `)})`;
}

/**
 * A whole search in ONE statement: the exact identifier hits (SKU, GTIN, manufacturer part number),
 * plus at most `limit` full-text candidates – name matches first, then the other matches – ranked
 * (exact hits first, then rank, then id), giving the products of the requested page in result order,
 * the brand facets of the candidates and their number (see readSearchMatch). `fuzzy` is the typo
 * fallback: the same full-text search for the name words most similar to the typed ones (see
 * correctedTsQuery). Null when the text holds nothing to match in full text.
 */
export function searchMatchQuery(
  db: Db,
  query: string,
  match: "fulltext" | "fuzzy",
  filters: ProductFilters,
  page: { offset: number; limit: number },
) {
  const filter = and(...filterConditions(filters))!;
  // One more than the bound, to know whether there are more.
  const limit = Math.max(SEARCH_CANDIDATE_LIMIT, page.offset + page.limit) + 1;
  const id = q(products.id);
  const brand = q(products.brand);
  const vector = q(products.searchVector);
  let typed: SQL;
  if (match === "fulltext") {
    const withCompounds = compoundTsQuery(query);
    if (!withCompounds) return null;
    typed = withCompounds;
  } else {
    typed = correctedTsQuery(query);
  }
  // ts_rank (weights: name 1.0, brand 0.4, description 0.2), as the plain `@@ … ts_rank` query:
  // ts_rank_cd (cover density) cost 4–5× as much, 0.25 ms of ~1 ms for 121 candidates.
  const rank = sql`ts_rank(${vector}, "q"."any")`;
  // "typed": the tsquery string, computed once (the typo fallback's correction reads search_words).
  // "named": the products whose name holds every word, from products_name_search_idx (`word:*A` on
  // search_vector had to read and recheck every product with the word anywhere: GIN cannot check
  // weights). "other" is only read when "named" stayed under the limit, i.e. holds ALL name
  // matches: the other matches are then the rest.
  const candidates = sql`"typed" as materialized (select ${typed} as "text"),
      "q" as materialized (select ${readings(sql`"typed"."text"`)} as "any" from "typed"),
      "named" as materialized (select ${id} as "id", ${brand} as "brand", ${rank} as "rank" from ${products}, "q"
        where ${productNameVector(products.nameNl, products.nameEn)} @@ "q"."any" and ${filter} limit ${limit}),
      "other" as materialized (select ${id} as "id", ${brand} as "brand", ${rank} as "rank" from ${products}, "q"
        where ${vector} @@ "q"."any" and ${filter} and not exists (select from "named" where "named"."id" = ${id})
        limit greatest(${limit} - (select count(*) from "named"), 0)),
      "candidates" as (select "id", "brand", 2 as "exact", "rank" from "named" union all select "id", "brand", 2, "rank" from "other")`;
  const exact = sql`select ${id} as "id", ${brand} as "brand", 0 as "exact", ${rank} as "rank" from ${products}, "q"
    where (${q(products.sku)} = ${query} or ${q(products.gtin)} = ${query} or lower(${q(products.manufacturerPartNumber)}) = lower(${query}))
      and ${filter}
    limit 20`;
  // A typed SKU fragment ("KP-0002", "000279", "kp-test", "kp000279"): the SKUs containing it, whatever
  // the case and punctuation, after the exact hits (products_sku_key_trgm_idx). Only for one token with a digit or a hyphen, so a
  // word search costs nothing more. A SKU typed with spaces ("KP 001150": spacedSkuKey) is looked for
  // whole in the same statement: its key is letters and digits only, so `like` without wildcards is
  // the key's equality.
  const fragment = skuFragment(query);
  const pattern = fragment ? `%${fragment}%` : spacedSkuKey(query);
  const partial = pattern
    ? // Ranked by SKU: the first SKU highest (ranks are compared descending).
      sql`select "id", "brand", 1 as "exact", (-row_number() over (order by "sku"))::real as "rank" from (
        select ${id} as "id", ${brand} as "brand", ${q(products.sku)} as "sku" from ${products}
        where ${skuKey(products.sku)} like ${pattern} and ${filter}
        order by ${q(products.sku)} limit ${limit}) as "containing"`
    : sql`select null::int as "id", null::text as "brand", 1 as "exact", 0::real as "rank" where false`;
  // Each candidate is ranked as it is read (at most `limit` rows). Exact hits first (also when they
  // match the text too), then SKUs containing the typed fragment (by SKU, also when their names
  // match the text), then by rank, then by id; a product found both ways keeps its first way's rank. The page's products come in the same statement
  // (one row per product in result order, the counts repeated, the brand facets in the first row
  // only; one row of nulls when the page is empty).
  const columns = Object.values(productColumns).map((c) => q(c));
  const statement = sql`with ${candidates},
    "exact" as materialized (${exact}),
    "partial" as materialized (${partial}),
    "ranked" as materialized (select "id", "brand", min("exact") as "exact", (array_agg("rank" order by "exact", "rank" desc))[1] as "rank"
      from (select * from "exact" union all select * from "partial" union all select * from "candidates") as "all" group by "id", "brand"),
    "page" as materialized (select "id", row_number() over (order by "exact", "rank" desc, "id") as "position"
      from (select "id", "exact", "rank" from "ranked" order by "exact", "rank" desc, "id" limit ${page.limit} offset ${page.offset}) as "slice"),
    "summary" as (select
      (select json_agg(json_build_array("facet"."brand", "facet"."count") order by "facet"."brand")
        from (select "brand", count(*)::int as "count" from "ranked" group by "brand") as "facet") as "brands",
      (select json_agg(json_build_array("facet"."key", "facet"."value", "facet"."count", "definition"."name_nl", "definition"."name_en",
          "definition"."position", "definition"."value_labels_en" ->> "facet"."value"))
        from (select "pair"."key", "pair"."value", count(*)::int as "count"
          from "ranked" join ${products} on ${id} = "ranked"."id" cross join lateral jsonb_each_text(${q(products.attributes)}) as "pair"("key", "value")
          group by "pair"."key", "pair"."value") as "facet"
        join ${attributeDefinitions} as "definition" on "definition"."key" = "facet"."key" and "definition"."filterable") as "attributeFacets",
      (select count(*) from "exact")::int + (select count(*) from "partial")::int as "exactCount",
      (select count(*) from "candidates")::int as "candidateCount")
    select case when coalesce("item"."position", 1) = 1 then "summary"."brands" end as "brands",
      case when coalesce("item"."position", 1) = 1 then "summary"."attributeFacets" end as "attributeFacets", "summary"."exactCount",
      "summary"."candidateCount", "item".* from "summary" left join lateral (
      select ${sql.join(columns, sql`, `)}, "page"."position" from "page" join ${products} on ${id} = "page"."id") as "item" on true
    order by "item"."position"`;
  const fields = Object.fromEntries(
    Object.entries(productColumns).map(([key, c]) => [key, sql`"result".${sql.identifier(c.name)}`.mapWith(c)]),
  ) as { [K in keyof typeof productColumns]: SQL.Aliased<ProductRow[K]> | SQL<ProductRow[K]> };
  return db
    .select({
      ...fields,
      brands: sql<[string, number][] | null>`"result"."brands"`,
      attributeCounts: sql<AttributeCountTuple[] | null>`"result"."attributeFacets"`,
      exactCount: sql<number>`"result"."exactCount"`,
      candidateCount: sql<number>`"result"."candidateCount"`,
    })
    .from(sql`(${statement}) as "result"`);
}

/**
 * The typed text as a SKU fragment to look for inside SKUs (as skuKey reads them: upper case, letters
 * and digits only, so "kp000279" finds KP-000279): one token of 3–40 characters with a digit or a
 * hyphen, 3+ letters or digits once read so; else null.
 */
export function skuFragment(query: string): string | null {
  if (!/^\S{3,40}$/u.test(query) || !/[\p{N}-]/u.test(query)) return null;
  const key = skuKeyOf(query);
  return key.length >= 3 ? key : null;
}

/**
 * A SKU typed with spaces ("KP 001150", "kp 00-1150"), as skuKey reads it: 2–4 words, each with a digit
 * or of at most 4 characters (a SKU's letter prefix), with a digit in all, 3–40 characters once read so;
 * else null. Word searches ("papier a4", "pedaalemmerzakken 30") are never one: a word of 5+ letters.
 */
export function spacedSkuKey(query: string): string | null {
  const words = query.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 4 || !words.every((word) => /\p{N}/u.test(word) || word.length <= 4)) return null;
  const key = skuKeyOf(query);
  return key.length >= 3 && key.length <= 40 && /[0-9]/.test(key) ? key : null;
}

/** An AttributeCount as the search statement's JSON carries it: key, value, count, names, position, English label. */
type AttributeCountTuple = [string, string, number, string, string, number, string | null];

export type SearchMatchRow = Omit<ProductRow, "id"> & {
  id: number | null;
  brands: [string, number][] | null;
  attributeCounts: AttributeCountTuple[] | null;
  exactCount: number;
  candidateCount: number;
};

/** What searchMatchQuery's rows mean: the page's products in order, facets, total, mode. */
export function readSearchMatch(
  rows: SearchMatchRow[],
  match: "fulltext" | "fuzzy",
  page: { offset: number; limit: number },
): SearchResult {
  const summary = rows[0];
  const brands = (summary?.brands ?? []).map(([brand, count]) => ({ brand, count }));
  const attributeCounts = (summary?.attributeCounts ?? []).map(([key, value, count, nameNl, nameEn, position, valueLabelEn]) => ({
    key,
    value,
    count,
    nameNl,
    nameEn,
    position,
    valueLabelEn,
  }));
  const total = totalFromBrands(brands);
  const limit = Math.max(SEARCH_CANDIDATE_LIMIT, page.offset + page.limit);
  const truncated = (summary?.candidateCount ?? 0) > limit;
  const mode: SearchResult["mode"] = total === 0 ? "none" : (summary?.exactCount ?? 0) > 0 ? "exact" : match;
  const items = rows.flatMap(({ brands: _b, attributeCounts: _a, exactCount: _e, candidateCount: _c, ...product }) => (product.id === null ? [] : [product as ProductRow]));
  return { items, brands, attributeCounts, total: truncated ? Math.min(total, limit) : total, truncated, mode };
}

/**
 * Search: exact SKU / GTIN / manufacturer part number hits first, then Dutch + English full text
 * (prefix, numbers exact, ranked over a bounded candidate set, see SEARCH_CANDIDATE_LIMIT), and when
 * neither finds anything the typo fallback: the same full-text search for the name words closest to
 * the typed ones (trigram similarity over search_words). Products are found from indexes (btree,
 * GIN tsvector). One statement (two for the typo fallback).
 */
export async function searchProducts(
  text: string,
  filters: ProductFilters,
  page: { offset: number; limit: number },
): Promise<SearchResult> {
  const db = await preparedDatabase();
  const query = text.trim().slice(0, 200);
  const none: SearchResult = { items: [], total: 0, brands: [], attributeCounts: [], mode: "none", truncated: false };
  if (!query) return none;

  // Prepared (per connection, by statement text): the statement is long, planning it each time
  // cost as much as running it.
  const run = (match: "fulltext" | "fuzzy") => searchMatchQuery(db, query, match, filters, page)!.prepare("catalog_search").execute() as Promise<SearchMatchRow[]>;
  let match: "fulltext" | "fuzzy" = toPrefixTsQuery(query) ? "fulltext" : "fuzzy";
  let found = readSearchMatch(await run(match), match, page);
  if (match === "fulltext" && found.mode === "none") {
    // Neither an identifier nor a word matched: typo-tolerant fallback.
    match = "fuzzy";
    found = readSearchMatch(await run(match), match, page);
  }
  return found.mode === "none" ? none : found;
}

/** Ids of the whole active assortment, ascending (a catalogue export of everything). */
export async function listActiveProductIds(): Promise<number[]> {
  const db = await database();
  const rows = await db.select({ id: products.id }).from(products).where(eq(products.active, true)).orderBy(asc(products.id));
  return rows.map((row) => row.id);
}
