import "server-only";
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountManagerCustomers, companyPriceLists, priceAuditLog, type NewPriceAuditRow, type PriceAuditRow } from "@/db/schema";
import { database } from "./database";
import { q } from "./sql";

/** Who changed a price and through which channel; copied onto every audit row. */
export interface PriceChangeActor {
  userId: number | null;
  name: string;
  source: "editor" | "csv" | "api";
  /** Groups the rows of one import or API call. */
  batchId?: string | null;
}

export type AuditRowInput = Omit<NewPriceAuditRow, "id" | "createdAt" | "actorUserId" | "actorName" | "source" | "batchId">;

/**
 * Writes audit rows with the caller's transaction handle: the rows commit or roll back together
 * with the change they describe. Batched to stay under PostgreSQL's parameter limit.
 */
export async function writePriceAudit(tx: Db, actor: PriceChangeActor, rows: AuditRowInput[]): Promise<void> {
  // One JSON parameter per 5,000 rows (jsonb_to_recordset): far faster than thousands of bind parameters.
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000).map((row) => ({
      action: row.action,
      price_list_id: row.priceListId ?? null,
      price_list_code: row.priceListCode,
      product_id: row.productId ?? null,
      sku: row.sku ?? null,
      company_id: row.companyId ?? null,
      old_value: row.oldValue ?? null,
      new_value: row.newValue ?? null,
    }));
    await tx.execute(sql`
      insert into ${priceAuditLog} (actor_user_id, actor_name, source, batch_id, action, price_list_id, price_list_code, product_id, sku, company_id, old_value, new_value)
      select ${actor.userId}::int, ${actor.name}, ${actor.source}, ${actor.batchId ?? null}, r.action, r.price_list_id, r.price_list_code, r.product_id, r.sku, r.company_id, r.old_value, r.new_value
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(action text, price_list_id int, price_list_code text, product_id int, sku text, company_id int, old_value jsonb, new_value jsonb)`);
  }
}

export interface PriceAuditFilter {
  priceListId?: number;
  productId?: number;
  /** Changes that reach this customer: its assignments, and entries of lists currently assigned to it. */
  companyId?: number;
  source?: "editor" | "csv" | "api";
  actorUserId?: number;
  /** Half-open day range on created_at. */
  from?: Date;
  to?: Date;
  /** Scope of an account manager: only rows about lists or customers they may see (null: everything). */
  managerId: number | null;
}

function conditions(filter: PriceAuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.priceListId !== undefined) where.push(eq(priceAuditLog.priceListId, filter.priceListId));
  if (filter.productId !== undefined) where.push(eq(priceAuditLog.productId, filter.productId));
  if (filter.companyId !== undefined) {
    where.push(
      or(
        eq(priceAuditLog.companyId, filter.companyId),
        and(
          sql`${q(priceAuditLog.companyId)} is null`,
          inArray(
            priceAuditLog.priceListId,
            sql`(select ${q(companyPriceLists.priceListId)} from ${companyPriceLists} where ${q(companyPriceLists.companyId)} = ${filter.companyId})`,
          ),
        ),
      )!,
    );
  }
  if (filter.source) where.push(eq(priceAuditLog.source, filter.source));
  if (filter.actorUserId !== undefined) where.push(eq(priceAuditLog.actorUserId, filter.actorUserId));
  if (filter.from) where.push(gte(priceAuditLog.createdAt, filter.from));
  if (filter.to) where.push(lt(priceAuditLog.createdAt, filter.to));
  if (filter.managerId !== null) {
    // A manager sees rows about their customers, and rows of lists that are unassigned or assigned to one of theirs;
    // and every list-price change: the list price is every customer's (their own included) unless a fixed price covers it.
    const mine = sql`(select ${q(accountManagerCustomers.companyId)} from ${accountManagerCustomers} where ${q(accountManagerCustomers.staffUserId)} = ${filter.managerId})`;
    where.push(
      sql`(
        ${q(priceAuditLog.action)} = 'list_price_changed'
        or (${q(priceAuditLog.companyId)} is not null and ${q(priceAuditLog.companyId)} in ${mine})
        or (${q(priceAuditLog.companyId)} is null and ${q(priceAuditLog.priceListId)} is not null and (
          not exists (select 1 from ${companyPriceLists} where ${q(companyPriceLists.priceListId)} = ${q(priceAuditLog.priceListId)})
          or exists (select 1 from ${companyPriceLists} where ${q(companyPriceLists.priceListId)} = ${q(priceAuditLog.priceListId)} and ${q(companyPriceLists.companyId)} in ${mine})
        ))
      )`,
    );
  }
  return where;
}

/** Newest first, one page. */
export async function listPriceAudit(filter: PriceAuditFilter, page: { offset: number; limit: number }): Promise<{ items: PriceAuditRow[]; total: number }> {
  const db = await database();
  const where = and(...conditions(filter));
  const [items, [totalRow]] = await Promise.all([
    db.select().from(priceAuditLog).where(where).orderBy(desc(priceAuditLog.createdAt), desc(priceAuditLog.id)).limit(page.limit).offset(page.offset),
    db.select({ total: count() }).from(priceAuditLog).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}
