import "server-only";
import { and, eq, getTableName, sql, type Column, type Placeholder, type SQL } from "drizzle-orm";
import { companyPriceLists, priceListEntries, priceLists } from "@/db/schema";
import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";
import type { Db } from "@/db/client";
import { jsonValue, preparedStatement } from "./prepared-sql";

/**
 * Every contract-price candidate of a customer for a set of products, in ONE query (a listing
 * page prices all its products at once). Validity is decided by the pricing module, not here.
 */
export async function listContractCandidates(
  companyId: number,
  productIds: number[],
): Promise<Map<number, ContractPriceCandidate[]>> {
  if (productIds.length === 0) return new Map();
  return byProduct(await (await contractCandidates()).execute({ companyId, productIds: [...new Set(productIds)] }));
}

function byProduct(rows: Iterable<ContractPriceCandidate & { productId: number }>): Map<number, ContractPriceCandidate[]> {
  const grouped = new Map<number, ContractPriceCandidate[]>();
  for (const { productId, ...candidate } of rows) {
    const list = grouped.get(productId);
    if (list) list.push(candidate);
    else grouped.set(productId, [candidate]);
  }
  return grouped;
}

/** What a candidate row holds: the selection of contractCandidatesQuery, and the keys of contractCandidatesJsonSql. */
const candidateColumns = {
  productId: priceListEntries.productId,
  priceListId: priceLists.id,
  priceListCode: priceLists.code,
  priceListName: priceLists.name,
  priority: companyPriceLists.priority,
  currency: priceLists.currency,
  listValidFrom: priceLists.validFrom,
  listValidTo: priceLists.validTo,
  entryId: priceListEntries.id,
  kind: priceListEntries.kind,
  priceMinor: priceListEntries.priceMinor,
  discountBasisPoints: priceListEntries.discountBasisPoints,
  tiers: priceListEntries.tiers,
  validFrom: priceListEntries.validFrom,
  validTo: priceListEntries.validTo,
};

const quoted = (column: Column) => `"${getTableName(column.table)}"."${column.name}"`;

/**
 * listContractCandidates as a subquery for a hand-written statement: one JSON array of the
 * customer's (`companyIdSql`, e.g. "$4") candidates for the products whose ids `productIdsSql`
 * selects; read it back with contractCandidatesFromJson. Same tables, joins and columns.
 */
export function contractCandidatesJsonSql(companyIdSql: string, productIdsSql: string): string {
  const fields = Object.entries(candidateColumns).map(([key, column]) => `'${key}', ${quoted(column)}`);
  return `select coalesce(jsonb_agg(jsonb_build_object(${fields.join(", ")})), '[]'::jsonb)
     from "${getTableName(companyPriceLists)}"
     join "${getTableName(priceLists)}" on ${quoted(priceLists.id)} = ${quoted(companyPriceLists.priceListId)}
     join "${getTableName(priceListEntries)}" on ${quoted(priceListEntries.priceListId)} = ${quoted(priceLists.id)}
     where ${quoted(companyPriceLists.companyId)} = ${companyIdSql} and ${quoted(priceListEntries.productId)} in (${productIdsSql})`;
}

/** The JSON array of contractCandidatesJsonSql as listContractCandidates returns it, each value through its column's mapping. */
export function contractCandidatesFromJson(json: unknown): Map<number, ContractPriceCandidate[]> {
  const rows = jsonValue<Record<string, unknown>[]>(json ?? []).map((record) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(candidateColumns)) {
      const value = record[key];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as unknown as ContractPriceCandidate & { productId: number };
  });
  return byProduct(rows);
}

/**
 * The query behind listContractCandidates with placeholders `companyId` and `productIds` (an array),
 * built but not run: the benchmark floor sends the same SQL. One statement text for any number of
 * products, built once per database (drizzle assembling it per page was part of the ~7 % of a
 * listing's CPU it spent building SQL) and prepared by postgres.js per connection (parsing and
 * planning cost three times its execution: 1.2 → 0.3 ms per listing page).
 */
export function contractCandidatesQuery(db: Db) {
  const companyId: Placeholder<"companyId", number> = sql.placeholder("companyId");
  const productIds: Placeholder<"productIds", number[]> = sql.placeholder("productIds");
  return db
    .select(candidateColumns)
    .from(companyPriceLists)
    .innerJoin(priceLists, eq(priceLists.id, companyPriceLists.priceListId))
    .innerJoin(priceListEntries, eq(priceListEntries.priceListId, priceLists.id))
    .where(and(eq(companyPriceLists.companyId, companyId), sql`${priceListEntries.productId} = any(${productIds}::int[])`));
}

const contractCandidates = preparedStatement((db) => contractCandidatesQuery(db).prepare("contract_candidates"));

/**
 * The SQL twin of inAssortment (lib/catalog/assortment.ts) for a customer whose assortment is
 * `contract`: true for a product row when one of the customer's price lists prices it on `day` (an
 * ISO calendar date) — the checks of candidateEligibility: the list's and the entry's inclusive
 * windows, and the list's currency the product's. Uncorrelated on purpose: PostgreSQL hashes the
 * customer's (product, currency) pairs once and probes them per product row (a correlated EXISTS
 * re-planned the price-list join per row: 690 ms for a top-level category's brand facets with a
 * 25,000-entry contract, 22 ms so; BENCHMARKS.md, twenty-sixth pass). Migration 0047's indexes keep
 * both sides index-only.
 */
export function contractAssortmentSql(
  product: { id: Column; currency: Column },
  companyId: number | Placeholder<string, number>,
  day: string | Placeholder<string, string>,
): SQL {
  return sql`(${product.id}, ${product.currency}) in (select ${priceListEntries.productId}, ${priceLists.currency} from ${companyPriceLists}
    join ${priceLists} on ${priceLists.id} = ${companyPriceLists.priceListId}
    join ${priceListEntries} on ${priceListEntries.priceListId} = ${companyPriceLists.priceListId}
    where ${companyPriceLists.companyId} = ${companyId} and ${contractWindowsSql(day)})`;
}

/**
 * The day lies in the price list's and in the entry's inclusive window (candidateEligibility's date
 * checks), for a statement that joins price_lists and price_list_entries.
 */
function contractWindowsSql(day: string | Placeholder<string, string>): SQL {
  const onDay = sql`${day}::date`;
  return sql`(${priceLists.validFrom} is null or ${priceLists.validFrom} <= ${onDay}) and (${priceLists.validTo} is null or ${onDay} <= ${priceLists.validTo})
      and (${priceListEntries.validFrom} is null or ${priceListEntries.validFrom} <= ${onDay}) and (${priceListEntries.validTo} is null or ${onDay} <= ${priceListEntries.validTo})`;
}
