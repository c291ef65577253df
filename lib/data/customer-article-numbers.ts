import "server-only";
import { contractAssortmentSql } from "./prices";
import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { companies, customerArticleNumbers, products } from "@/db/schema";
import { SUGGESTION_COLUMNS, type ProductSuggestion } from "./cart-bulk";
import { database } from "./database";
import { preparedStatement } from "./prepared-sql";
import { escapeLike } from "./sql";

/** A company's own article numbers for some products (a listing page, a cart): prepared, one round trip. */
const numbersForProducts = preparedStatement((db) =>
  db
    .select({ productId: customerArticleNumbers.productId, articleNumber: customerArticleNumbers.articleNumber })
    .from(customerArticleNumbers)
    .where(and(eq(customerArticleNumbers.companyId, sql.placeholder("companyId")), sql`${customerArticleNumbers.productId} = any(${sql.placeholder("productIds")}::integer[])`))
    .prepare("customer_article_numbers_for_products"),
);

export async function articleNumbersForProducts(companyId: number, productIds: number[]): Promise<Map<number, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await (await numbersForProducts()).execute({ companyId, productIds: [...new Set(productIds)] });
  return new Map(rows.map((row) => [row.productId, row.articleNumber]));
}

/** Quick order and every signed-in search look numbers up: prepared, on the (company, lower(number)) index. */
const productsForNumbers = preparedStatement((db) =>
  db
    .select({ productId: customerArticleNumbers.productId, key: sql<string>`lower(${customerArticleNumbers.articleNumber})` })
    .from(customerArticleNumbers)
    .where(
      and(
        eq(customerArticleNumbers.companyId, sql.placeholder("companyId")),
        sql`lower(${customerArticleNumbers.articleNumber}) = any(${sql.placeholder("numbers")}::text[])`,
      ),
    )
    .prepare("customer_article_numbers_lookup"),
);

/** Which products a company's own numbers point at, keyed by the number in lower case (matching is case-insensitive). */
export async function productIdsByArticleNumbers(companyId: number, numbers: string[]): Promise<Map<string, number>> {
  const lower = [...new Set(numbers.map((n) => n.trim().toLowerCase()).filter((n) => n !== "" && n.length <= 40))];
  if (lower.length === 0) return new Map();
  const rows = await (await productsForNumbers()).execute({ companyId, numbers: lower });
  return new Map(rows.map((row) => [row.key, row.productId]));
}

export interface ArticleNumberRow {
  productId: number;
  sku: string;
  nameNl: string;
  nameEn: string;
  articleNumber: string;
  updatedAt: Date;
}

/** One page of a company's numbers, searched in our SKU, their number and the product name; by their number. */
export async function listArticleNumbers(
  companyId: number,
  options: { query?: string; offset: number; limit: number },
): Promise<{ items: ArticleNumberRow[]; total: number }> {
  const db = await database();
  const pattern = options.query ? `%${escapeLike(options.query)}%` : null;
  const where = and(
    eq(customerArticleNumbers.companyId, companyId),
    pattern
      ? or(ilike(customerArticleNumbers.articleNumber, pattern), ilike(products.sku, pattern), ilike(products.nameNl, pattern), ilike(products.nameEn, pattern))
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        productId: products.id,
        sku: products.sku,
        nameNl: products.nameNl,
        nameEn: products.nameEn,
        articleNumber: customerArticleNumbers.articleNumber,
        updatedAt: customerArticleNumbers.updatedAt,
      })
      .from(customerArticleNumbers)
      .innerJoin(products, eq(products.id, customerArticleNumbers.productId))
      .where(where)
      .orderBy(asc(sql`lower(${customerArticleNumbers.articleNumber})`))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(customerArticleNumbers).innerJoin(products, eq(products.id, customerArticleNumbers.productId)).where(where),
  ]);
  return { items, total: total?.total ?? 0 };
}

/** Every number of a company with our SKU, for the CSV export. */
export async function listAllArticleNumbers(companyId: number): Promise<{ sku: string; articleNumber: string }[]> {
  const db = await database();
  return db
    .select({ sku: products.sku, articleNumber: customerArticleNumbers.articleNumber })
    .from(customerArticleNumbers)
    .innerJoin(products, eq(products.id, customerArticleNumbers.productId))
    .where(eq(customerArticleNumbers.companyId, companyId))
    .orderBy(asc(products.sku));
}

/**
 * Applies a set of changes for one company atomically: each product gets the given number, or
 * loses its number (null). A number given to one product is taken from whichever product had it
 * (the list being applied is the customer's word on it); the caller has made sure the set itself
 * names every product and every number at most once.
 */
export async function applyArticleNumbers(
  companyId: number,
  userId: number,
  changes: { productId: number; articleNumber: string | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  const db = await database();
  const assigned = changes.flatMap((c) => (c.articleNumber === null ? [] : [{ productId: c.productId, articleNumber: c.articleNumber }]));
  await db.transaction(async (tx) => {
    // One writer per company at a time (the company row, so also before it has any number): two imports
    // naming the same number for different products would otherwise both pass and one fail on the index.
    await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId)).for("update");
    await tx.delete(customerArticleNumbers).where(
      and(
        eq(customerArticleNumbers.companyId, companyId),
        or(
          inArray(customerArticleNumbers.productId, changes.map((c) => c.productId)),
          assigned.length ? inArray(sql`lower(${customerArticleNumbers.articleNumber})`, assigned.map((a) => a.articleNumber.toLowerCase())) : sql`false`,
        ),
      ),
    );
    if (assigned.length) {
      await tx.insert(customerArticleNumbers).values(assigned.map((a) => ({ companyId, productId: a.productId, articleNumber: a.articleNumber, updatedByUserId: userId })));
    }
  });
}

/**
 * Quick order's autocomplete: a company's active products whose own number starts with `prefix`
 * (case-insensitive), by number, with what a suggestion shows — one statement.
 */
export async function suggestByArticleNumberPrefix(
  companyId: number,
  prefix: string,
  limit: number,
  /** A contract-assortment customer's day (lib/data/prices.ts contractAssortmentSql): only its contract's products. */
  contractDay?: string,
): Promise<(ProductSuggestion & { articleNumber: string })[]> {
  const db = await database();
  return db
    .select({ ...SUGGESTION_COLUMNS, articleNumber: customerArticleNumbers.articleNumber })
    .from(customerArticleNumbers)
    .innerJoin(products, eq(products.id, customerArticleNumbers.productId))
    .where(
      and(
        eq(customerArticleNumbers.companyId, companyId),
        eq(products.active, true),
        sql`lower(${customerArticleNumbers.articleNumber}) like ${`${escapeLike(prefix.toLowerCase())}%`}`,
        contractDay === undefined ? undefined : contractAssortmentSql(products, companyId, contractDay),
      ),
    )
    .orderBy(asc(sql`lower(${customerArticleNumbers.articleNumber})`))
    .limit(limit);
}
