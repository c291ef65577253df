import "server-only";
import { contractAssortmentSql } from "./prices";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { cartLines, carts, products, skuKey } from "@/db/schema";
import { listProductsByIds, skuFragment, spacedSkuKey, type ProductRow } from "./catalog";
import { database } from "./database";
import { escapeLike } from "./sql";

/** Bulk look-ups and writes behind quick order, favorites "add all" and reorder. */

/**
 * Products by SKU (case-insensitive) or GTIN, inactive ones included so callers can tell
 * "unknown" from "no longer available". One query for up to a thousand codes.
 */
export async function findProductsByCodes(codes: string[]): Promise<ProductRow[]> {
  const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  if (unique.length === 0) return [];
  const db = await database();
  const upper = unique.map((c) => c.toUpperCase());
  const ids = await db
    .select({ id: products.id })
    .from(products)
    .where(or(inArray(sql`upper(${products.sku})`, upper), inArray(products.gtin, unique)));
  return listProductsByIds(ids.map((r) => r.id));
}

/** At most this many products per key: enough to name the candidates of an ambiguous code. */
const SKU_KEY_CANDIDATES = 5;

/**
 * Products whose SKU reads as the key once case and punctuation are dropped (skuKey: KP-001150 for
 * "KP001150"), per key, by SKU, at most SKU_KEY_CANDIDATES each, inactive ones included – for codes
 * typed without the SKU's punctuation. One statement; each key is looked up in
 * products_sku_key_trgm_idx (its `=` support), which has no plan for `= any(array)`: hence the lateral join.
 */
export async function findProductsBySkuKeys(keys: string[]): Promise<Map<string, ProductRow[]>> {
  const unique = [...new Set(keys.filter((key) => key !== ""))];
  if (unique.length === 0) return new Map();
  const db = await database();
  const candidate = db
    .select({ id: products.id })
    .from(products)
    .where(sql`${skuKey(products.sku)} = "key"."key"`)
    .orderBy(asc(products.sku))
    .limit(SKU_KEY_CANDIDATES)
    .as("candidate");
  const found = await db
    .select({ key: sql<string>`"key"."key"`, id: candidate.id })
    .from(sql`unnest(${sql.param(unique)}::text[]) as "key"("key")`)
    .crossJoinLateral(candidate);
  const byId = new Map((await listProductsByIds(found.map((row) => row.id))).map((product) => [product.id, product]));
  const byKey = new Map<string, ProductRow[]>();
  for (const { key, id } of found) byKey.set(key, [...(byKey.get(key) ?? []), byId.get(id)!]);
  // Not redundant with the statement: its ORDER BY sits in the lateral subquery (it picks which candidates its
  // LIMIT keeps), the outer select has none, and it sorts in the database's collation, which may not be code
  // point order (an ICU "en"/"nl" one puts "qo-7788" before "QO-7788" before "QO7788"). The candidates a buyer is
  // shown as ambiguous come in code point order whatever the database.
  for (const list of byKey.values()) list.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return byKey;
}

/** Current quantity per product in a cart. */
export async function getCartQuantities(cartId: number): Promise<Map<number, number>> {
  const db = await database();
  const rows = await db.select({ productId: cartLines.productId, quantity: cartLines.quantity }).from(cartLines).where(eq(cartLines.cartId, cartId));
  return new Map(rows.map((r) => [r.productId, r.quantity]));
}

/** Adds quantities to a cart in one statement (existing lines grow, new lines are appended). */
export async function addCartQuantities(cartId: number, items: { productId: number; quantity: number }[]): Promise<void> {
  if (items.length === 0) return;
  const merged = new Map<number, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  const db = await database();
  await db.transaction(async (tx) => {
    await tx
      .insert(cartLines)
      .values([...merged].map(([productId, quantity]) => ({ cartId, productId, quantity })))
      .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.productId], set: { quantity: sql`${cartLines.quantity} + excluded.quantity` } });
    await tx.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, cartId));
  });
}

export interface ProductSuggestion {
  sku: string;
  nameNl: string;
  nameEn: string;
  gtin: string | null;
  unit: string;
  /** With contentUnit, what one unit holds ("per pak à 250 vel": lib/catalog/pack-text.ts). */
  packSize: number;
  contentUnit: string | null;
  minOrderQuantity: number;
  orderMultiple: number;
}

/** What an autocomplete suggestion shows of a product (also for the customer's own numbers, lib/data/customer-article-numbers.ts). */
export const SUGGESTION_COLUMNS = {
  sku: products.sku,
  nameNl: products.nameNl,
  nameEn: products.nameEn,
  gtin: products.gtin,
  unit: products.unit,
  packSize: products.packSize,
  contentUnit: products.contentUnit,
  minOrderQuantity: products.minOrderQuantity,
  orderMultiple: products.orderMultiple,
};

/**
 * Autocomplete for quick order: SKU or GTIN prefix first, then the SKUs containing a typed SKU
 * fragment whatever its case and punctuation ("001150", "kp0011", "KP 0011": skuFragment and
 * spacedSkuKey, as the search reads them), then product names (full text, prefix words). Active
 * products only; at most `limit`.
 */
export async function suggestProducts(
  text: string,
  tsquery: string | null,
  limit: number,
  /** A contract-assortment customer's (lib/data/catalog.ts ProductFilters.contract): only its contract's products. */
  contract?: { companyId: number; day: string },
): Promise<ProductSuggestion[]> {
  const query = text.trim().slice(0, 64);
  if (query.length < 2) return [];
  const db = await database();
  const prefix = `${escapeLike(query)}%`;
  const columns = { id: products.id, ...SUGGESTION_COLUMNS };
  const inAssortment = contract ? contractAssortmentSql(products, contract.companyId, contract.day) : undefined;
  const byCode = await db
    .select(columns)
    .from(products)
    .where(and(eq(products.active, true), or(sql`upper(${products.sku}) like ${prefix.toUpperCase()}`, sql`${products.gtin} like ${prefix}`), inAssortment))
    .orderBy(asc(products.sku))
    .limit(limit);
  let rows = byCode;
  // Typed with spaces ("kp 0011") the SKU's start is a fragment too.
  const fragment = skuFragment(query) ?? spacedSkuKey(query);
  if (rows.length < limit && fragment) {
    // Only when the prefixes left room: the prefix statement stays as it was.
    const byFragment = await db
      .select(columns)
      .from(products)
      .where(and(eq(products.active, true), sql`${skuKey(products.sku)} like ${`%${fragment}%`}`, inAssortment))
      .orderBy(asc(products.sku))
      .limit(limit);
    const seen = new Set(rows.map((r) => r.id));
    rows = [...rows, ...byFragment.filter((r) => !seen.has(r.id))].slice(0, limit);
  }
  if (rows.length < limit && tsquery) {
    const match = sql`(to_tsquery('dutch', ${tsquery}) || to_tsquery('english', ${tsquery}) || to_tsquery('simple', ${tsquery}))`;
    const byName = await db
      .select(columns)
      .from(products)
      .where(and(eq(products.active, true), sql`${products.searchVector} @@ ${match}`, inAssortment))
      .orderBy(sql`ts_rank_cd(${products.searchVector}, ${match}) desc`, asc(products.id))
      .limit(limit);
    const seen = new Set(rows.map((r) => r.id));
    rows = [...rows, ...byName.filter((r) => !seen.has(r.id))].slice(0, limit);
  }
  return rows.map(({ id: _id, ...rest }) => rest);
}
