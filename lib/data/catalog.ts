import "server-only";
import { and, asc, count, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { categories, products, type Category, type Product } from "@/db/schema";
import { database } from "./database";

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

export async function listCategories(): Promise<Category[]> {
  const db = await database();
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
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

/** One page of a category (its own products and its sub-categories'), with brand facets. */
export async function listProductsInCategory(
  categoryIds: number[],
  filters: ProductFilters,
  page: { offset: number; limit: number },
): Promise<ProductPage> {
  const db = await database();
  const inCategory = inArray(products.categoryId, categoryIds);
  const where = and(inCategory, ...filterConditions(filters));
  const brandWhere = and(inCategory, ...filterConditions({ inStock: filters.inStock }));
  const [items, [totalRow], brands] = await Promise.all([
    db.select(productColumns).from(products).where(where).orderBy(asc(products.nameNl), asc(products.id)).limit(page.limit).offset(page.offset),
    db.select({ total: count() }).from(products).where(where),
    db
      .select({ brand: products.brand, count: count() })
      .from(products)
      .where(brandWhere)
      .groupBy(products.brand)
      .orderBy(asc(products.brand)),
  ]);
  return { items, total: totalRow?.total ?? 0, brands };
}

export async function getProductBySku(sku: string): Promise<ProductRow | null> {
  const db = await database();
  const [row] = await db.select(productColumns).from(products).where(eq(products.sku, sku));
  return row ?? null;
}

export async function listProductsByIds(ids: number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  const db = await database();
  return db.select(productColumns).from(products).where(inArray(products.id, ids));
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
  const filter = filterConditions(filters);

  const exactIds = await db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        sql`(${products.sku} = ${query} or ${products.gtin} = ${query} or lower(${products.manufacturerPartNumber}) = lower(${query}))`,
        ...filter,
      ),
    )
    .limit(20);

  const tsquery = toPrefixTsQuery(query);
  const matchQuery = tsquery
    ? sql`(to_tsquery('dutch', ${tsquery}) || to_tsquery('english', ${tsquery}) || to_tsquery('simple', ${tsquery}))`
    : null;

  let mode: SearchResult["mode"] = exactIds.length ? "exact" : "none";
  let matchWhere: SQL | undefined;
  let rank: SQL | undefined;
  if (matchQuery) {
    const ftsWhere = and(sql`${products.searchVector} @@ ${matchQuery}`, ...filter);
    const [hit] = await db.select({ id: products.id }).from(products).where(ftsWhere).limit(1);
    if (hit) {
      matchWhere = ftsWhere;
      rank = sql`ts_rank_cd(${products.searchVector}, ${matchQuery})`;
      if (mode === "none") mode = "fulltext";
    } else if (!exactIds.length) {
      matchWhere = and(sql`(${query} <% ${products.nameNl} or ${query} <% ${products.nameEn})`, ...filter);
      rank = sql`greatest(word_similarity(${query}, ${products.nameNl}), word_similarity(${query}, ${products.nameEn}))`;
      mode = "fuzzy";
    }
  }

  const exact = exactIds.map((r) => r.id);
  const exactMatch = exact.length ? inArray(products.id, exact) : undefined;
  const where = exactMatch && matchWhere ? sql`(${exactMatch} or ${matchWhere})` : (exactMatch ?? matchWhere);
  if (!where) return { items: [], total: 0, brands: [], mode: "none" };
  const ordering: SQL[] = [];
  if (exactMatch) ordering.push(sql`case when ${exactMatch} then 0 else 1 end`);
  if (rank) ordering.push(sql`${rank} desc`);
  ordering.push(asc(products.id));

  const [items, [totalRow], brands] = await Promise.all([
    db
      .select(productColumns)
      .from(products)
      .where(where)
      .orderBy(...ordering)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(products).where(where),
    db.select({ brand: products.brand, count: count() }).from(products).where(where).groupBy(products.brand).orderBy(asc(products.brand)),
  ]);
  const total = totalRow?.total ?? 0;
  return { items, total, brands, mode: total === 0 ? "none" : mode };
}
