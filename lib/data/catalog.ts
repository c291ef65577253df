import "server-only";
import { and, asc, count, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { categories, products, type Category, type Product } from "@/db/schema";
import type { Db } from "@/db/client";
import { database } from "./database";
import { q } from "./sql";

export type ProductRow = Omit<Product, "searchVector" | "updatedAt">;

const productColumns = {
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
};

export interface ProductFilters {
  brand?: string;
  inStock?: boolean;
}

export interface ProductPage {
  items: ProductRow[];
  total: number;
  brands: { brand: string; count: number }[];
}

export function listCategoriesQuery(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
}

export async function listCategories(): Promise<Category[]> {
  return listCategoriesQuery(await database());
}

export async function getCategoryBySlug(slug: string): Promise<Category | null> {
  const db = await database();
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug));
  return row ?? null;
}

function filterConditions(filters: ProductFilters): SQL[] {
  const conditions: SQL[] = [eq(products.active, true)];
  if (filters.brand) conditions.push(eq(products.brand, filters.brand));
  if (filters.inStock) conditions.push(gt(products.stock, 0));
  return conditions;
}

/**
 * The queries of a category page, built but not run (the benchmark floor sends the same SQL). No
 * count query: the brand facets count the same rows (see totalFromBrands).
 */
export function categoryPageQueries(db: Db, categoryIds: number[], filters: ProductFilters, page: { offset: number; limit: number }) {
  const inCategory = inArray(products.categoryId, categoryIds);
  const where = and(inCategory, ...filterConditions(filters));
  const brandWhere = and(inCategory, ...filterConditions({ inStock: filters.inStock }));
  return {
    items: categoryIds.length > 1 ? mergedCategoryItems(db, categoryIds, filters, page) : db.select(productColumns).from(products).where(where).orderBy(asc(products.nameNl), asc(products.id)).limit(page.limit).offset(page.offset),
    brands: db
      .select({ brand: products.brand, count: count() })
      .from(products)
      .where(brandWhere)
      .groupBy(products.brand)
      .orderBy(asc(products.brand)),
  };
}

/**
 * The page of a category with sub-categories: the first offset+limit products of EACH category in
 * name order (an ordered scan of products_category_name_idx per category), merged. Same rows and
 * order as one `category_id in (…) order by name_nl, id` query, without sorting the whole group.
 */
function mergedCategoryItems(db: Db, categoryIds: number[], filters: ProductFilters, page: { offset: number; limit: number }) {
  const perCategory = db
    .select(productColumns)
    .from(products)
    .where(and(sql`${q(products.categoryId)} = "category"."id"`, ...filterConditions(filters)))
    .orderBy(asc(products.nameNl), asc(products.id))
    .limit(page.offset + page.limit)
    .as("product");
  const fields = Object.fromEntries(Object.keys(productColumns).map((key) => [key, perCategory[key as keyof typeof productColumns]]));
  return db
    .select(fields as unknown as typeof productColumns)
    .from(sql`unnest(${`{${categoryIds.map((id) => Math.trunc(id)).join(",")}}`}::int[]) as "category"("id")`)
    .crossJoinLateral(perCategory)
    .orderBy(asc(perCategory.nameNl), asc(perCategory.id))
    .limit(page.limit)
    .offset(page.offset);
}

/**
 * The number of matching products, from the brand facets: they group the same rows (every product
 * has a brand), minus the brand filter, so with a brand filter the total is that brand's count.
 * Saves a second pass over every matching row.
 */
export function totalFromBrands(brands: { brand: string; count: number }[], brandFilter?: string): number {
  if (brandFilter !== undefined && brandFilter !== "") return brands.find((b) => b.brand === brandFilter)?.count ?? 0;
  return brands.reduce((sum, b) => sum + b.count, 0);
}

/** One page of a category (its own products and its sub-categories'), with brand facets. */
export async function listProductsInCategory(
  categoryIds: number[],
  filters: ProductFilters,
  page: { offset: number; limit: number },
): Promise<ProductPage> {
  const queries = categoryPageQueries(await database(), categoryIds, filters, page);
  const [items, brands] = await Promise.all([queries.items, queries.brands]);
  return { items, total: totalFromBrands(brands, filters.brand), brands };
}

export async function getProductBySku(sku: string): Promise<ProductRow | null> {
  const db = await database();
  const [row] = await db.select(productColumns).from(products).where(eq(products.sku, sku));
  return row ?? null;
}

export async function listProductsByIds(ids: number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return productsByIdsQuery(await database(), ids);
}

/**
 * Turns free text into a prefix tsquery string ("kopie:* & papier:*"): words only, so user
 * input can never inject tsquery operators.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

export interface SearchResult extends ProductPage {
  /** How the results were found: identifiers, full text, or typo-tolerant similarity. */
  mode: "exact" | "fulltext" | "fuzzy" | "none";
}

/** Search step 1: products whose SKU, GTIN or manufacturer part number is exactly the query. */
export function searchExactQuery(db: Db, query: string, filters: ProductFilters) {
  return db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        sql`(${products.sku} = ${query} or ${products.gtin} = ${query} or lower(${products.manufacturerPartNumber}) = lower(${query}))`,
        ...filterConditions(filters),
      ),
    )
    .limit(20);
}

/**
 * The Dutch, English and simple readings of the query OR-ed together, each distinct reading once:
 * usually two or all three are identical ('papier':* | 'papier':* | 'papier':*), and every duplicate
 * makes the GIN scan and ts_rank_cd do the work again (same matches and ranks, 2–3× the time). As a
 * subquery the planner cannot mistake the duplicates for a broad term and fall back to a table scan.
 */
function fulltextMatch(query: string): SQL | null {
  const tsquery = toPrefixTsQuery(query);
  return tsquery
    ? sql`(select string_agg(distinct '(' || reading::text || ')', ' | ')::tsquery
           from unnest(array[to_tsquery('dutch', ${tsquery}), to_tsquery('english', ${tsquery}), to_tsquery('simple', ${tsquery})]) as reading
           where reading::text <> '')`
    : null;
}

/**
 * Search step 2: ONE pass over the matching rows – the exact hits plus the full-text matches (or,
 * as the typo fallback, the trigram matches) – giving the ids of the requested page in result order
 * and the brand facets, whose counts add up to the total. Ranking has to visit every match anyway;
 * a separate count or facet query would read them all again. Null when there is nothing to match.
 */
export function searchMatchQuery(
  db: Db,
  query: string,
  plan: { exactIds: number[]; match: "fulltext" | "fuzzy" | null },
  filters: ProductFilters,
  page: { offset: number; limit: number },
) {
  const filter = filterConditions(filters);
  let matchWhere: SQL | undefined;
  let rank: SQL | undefined;
  const matchQuery = fulltextMatch(query);
  if (plan.match === "fulltext" && matchQuery) {
    matchWhere = and(sql`${products.searchVector} @@ ${matchQuery}`, ...filter);
    rank = sql`ts_rank_cd(${products.searchVector}, ${matchQuery})`;
  } else if (plan.match === "fuzzy") {
    matchWhere = and(sql`(${query} <% ${products.nameNl} or ${query} <% ${products.nameEn})`, ...filter);
    rank = sql`greatest(word_similarity(${query}, ${products.nameNl}), word_similarity(${query}, ${products.nameEn}))`;
  }
  const exactMatch = plan.exactIds.length ? inArray(products.id, plan.exactIds) : undefined;
  const where = exactMatch && matchWhere ? sql`(${exactMatch} or ${matchWhere})` : (exactMatch ?? matchWhere);
  if (!where) return null;
  // Exact hits first, then by rank, then by id.
  const matches = db.$with("matches").as(
    db
      .select({
        id: products.id,
        brand: products.brand,
        exact: (exactMatch ? sql<number>`case when ${exactMatch} then 0 else 1 end` : sql<number>`0`).as("exact"),
        rank: (rank ?? sql<number>`0`).as("rank"),
      })
      .from(products)
      .where(where),
  );
  return db
    .with(matches)
    .select({
      ids: sql<number[] | null>`(select array_agg("page"."id" order by "page"."exact", "page"."rank" desc, "page"."id")
        from (select "id", "exact", "rank" from ${matches} order by "exact", "rank" desc, "id" limit ${page.limit} offset ${page.offset}) as "page")`,
      brands: sql<[string, number][] | null>`(select json_agg(json_build_array("facet"."brand", "facet"."count") order by "facet"."brand")
        from (select "brand", count(*)::int as "count" from ${matches} group by "brand") as "facet")`,
    })
    .from(sql`(values (1)) as "one"("x")`);
}

/** Products by id, in no particular order. */
export function productsByIdsQuery(db: Db, ids: number[]) {
  return db.select(productColumns).from(products).where(inArray(products.id, ids));
}

/**
 * Search: exact SKU / GTIN / manufacturer part number hits first, then Dutch + English
 * full-text (prefix, ranked), and when that finds nothing a trigram word-similarity fallback
 * for typos. Every branch is answered from an index (btree, GIN tsvector, GIN trigram).
 */
export async function searchProducts(
  text: string,
  filters: ProductFilters,
  page: { offset: number; limit: number },
): Promise<SearchResult> {
  const db = await database();
  const query = text.trim().slice(0, 200);
  if (!query) return { items: [], total: 0, brands: [], mode: "none" };

  const exactIds = (await searchExactQuery(db, query, filters)).map((r) => r.id);
  let match: "fulltext" | "fuzzy" | null = toPrefixTsQuery(query) ? "fulltext" : null;
  let queryFor = searchMatchQuery(db, query, { exactIds, match }, filters, page);
  if (!queryFor) return { items: [], total: 0, brands: [], mode: "none" };
  let [found] = await queryFor;
  let brands = (found?.brands ?? []).map(([brand, count]) => ({ brand, count }));
  if (match === "fulltext" && !exactIds.length && totalFromBrands(brands) === 0) {
    // Neither an identifier nor a word matched: typo-tolerant fallback.
    match = "fuzzy";
    queryFor = searchMatchQuery(db, query, { exactIds, match }, filters, page)!;
    [found] = await queryFor;
    brands = (found?.brands ?? []).map(([brand, count]) => ({ brand, count }));
  }
  const total = totalFromBrands(brands);
  const ids = found?.ids ?? [];
  const byId = new Map((ids.length ? await productsByIdsQuery(db, ids) : []).map((p) => [p.id, p]));
  const items = ids.flatMap((id) => byId.get(id) ?? []);
  const mode: SearchResult["mode"] = total === 0 ? "none" : exactIds.length ? "exact" : (match ?? "none");
  return { items, total, brands, mode };
}
