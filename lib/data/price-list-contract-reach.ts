import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { priceListEntries, priceLists, products } from "@/db/schema";
import { database } from "./database";

/**
 * What a change to a price list's entries needs to know about the customers that see only their
 * contract assortment (lib/admin/price-csv/contract-reach.ts decides): those customers, whether
 * another of their lists prices an active product on `day` (the checks of contractAssortmentSql in
 * ./prices.ts: both windows and the list's currency), this list's entries, and which of the
 * incoming products are active.
 */
export interface PriceListContractReach {
  customers: { companyId: number; name: string; hasOtherContractProducts: boolean }[];
  existing: { productId: number; validFrom: string | null; validTo: string | null; eligible: boolean }[];
  activeProductIds: Set<number>;
}

/** Null when no active customer of the list has the contract assortment (nothing more is read then). */
export async function getPriceListContractReach(priceListId: number, productIds: number[], day: string): Promise<PriceListContractReach | null> {
  const db = await database();
  const result = await db.execute<{ company_id: number; name: string; has_other: boolean }>(sql`
    select c."id" as "company_id", c."name", exists (
      select 1 from "company_price_lists" o
      join "price_lists" l on l."id" = o."price_list_id"
      join "price_list_entries" e on e."price_list_id" = o."price_list_id"
      join "products" p on p."id" = e."product_id" and p."currency" = l."currency" and p."active"
      where o."company_id" = c."id" and o."price_list_id" <> ${priceListId}
        and (l."valid_from" is null or l."valid_from" <= ${day}::date) and (l."valid_to" is null or ${day}::date <= l."valid_to")
        and (e."valid_from" is null or e."valid_from" <= ${day}::date) and (e."valid_to" is null or ${day}::date <= e."valid_to")
    ) as "has_other"
    from "company_price_lists" a
    join "companies" c on c."id" = a."company_id"
    where a."price_list_id" = ${priceListId} and c."assortment" = 'contract' and c."active"
    order by c."name"`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { company_id: number; name: string; has_other: boolean }[] }).rows;
  if (rows.length === 0) return null;
  const [existing, active] = await Promise.all([
    db
      .select({
        productId: priceListEntries.productId,
        validFrom: priceListEntries.validFrom,
        validTo: priceListEntries.validTo,
        eligible: sql<boolean>`${products.active} and ${products.currency} = ${priceLists.currency}`.mapWith(Boolean),
      })
      .from(priceListEntries)
      .innerJoin(products, eq(products.id, priceListEntries.productId))
      .innerJoin(priceLists, eq(priceLists.id, priceListEntries.priceListId))
      .where(eq(priceListEntries.priceListId, priceListId)),
    productIds.length
      ? db
          .select({ id: products.id })
          .from(products)
          // One array parameter: an import may hold far more products than PostgreSQL takes bind parameters.
          .where(and(eq(products.active, true), sql`${products.id} = any(${`{${productIds.join(",")}}`}::integer[])`))
      : Promise.resolve([]),
  ]);
  return {
    customers: rows.map((row) => ({ companyId: Number(row.company_id), name: row.name, hasOtherContractProducts: Boolean(row.has_other) })),
    existing,
    activeProductIds: new Set(active.map((row) => row.id)),
  };
}
