import "server-only";
import { sql } from "drizzle-orm";
import { database } from "./database";

export interface StockReport {
  sku: string;
  stock: number;
  asOf: Date;
}

export type StockRowOutcome = "updated" | "unchanged" | "stale" | "unknown_sku";

/**
 * Applies stock levels by SKU in one statement (one JSON parameter, any number of rows): a level
 * reported as of an earlier moment than the one stored is stale and changes nothing, so reports that
 * arrive out of order (retries, two ERP jobs) never put an older level back. Returns the outcome per
 * SKU. With `dryRun` it only reports.
 */
export async function applyStockLevels(reports: StockReport[], options: { dryRun: boolean }): Promise<Map<string, StockRowOutcome>> {
  const db = await database();
  const json = JSON.stringify(reports.map((r) => ({ sku: r.sku, stock: r.stock, as_of: r.asOf.toISOString() })));
  const rows = await db.execute<{ sku: string; outcome: StockRowOutcome }>(sql`
    with "input" as (
      select x."sku", x."stock", x."as_of" from json_to_recordset(${json}::json) as x("sku" text, "stock" integer, "as_of" timestamptz)
    ), "matched" as (
      select i."sku", i."stock", i."as_of", p."id", p."stock" as "current", p."stock_as_of" as "current_as_of"
      from "input" i left join "products" p on p."sku" = i."sku"
    ), "changed" as (
      -- The condition is on the row itself: PostgreSQL re-checks it on the newest version when a
      -- parallel report updated the product first, so the later asOf always wins.
      update "products" p set "stock" = m."stock", "stock_as_of" = m."as_of"
      from "matched" m
      where ${options.dryRun ? sql`false` : sql`true`} and p."id" = m."id"
        and (p."stock_as_of" is null or m."as_of" > p."stock_as_of")
      returning p."sku"
    )
    select m."sku",
      case when m."id" is null then 'unknown_sku'
           when ${options.dryRun ? sql`m."current_as_of" is not null and m."as_of" <= m."current_as_of"` : sql`m."sku" not in (select c."sku" from "changed" c)`} then 'stale'
           when m."current" = m."stock" then 'unchanged'
           else 'updated' end as "outcome"
    from "matched" m`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { sku: string; outcome: StockRowOutcome }[] }).rows;
  return new Map(list.map((row) => [row.sku, row.outcome]));
}
