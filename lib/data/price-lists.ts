import "server-only";
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accountManagerCustomers,
  companies,
  companyPriceLists,
  priceListEntries,
  priceLists,
  productPurchasePrices,
  products,
  type ListPriceTier,
  type PriceEntrySnapshot,
  type PriceList,
  type PriceListTier,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { managedBy } from "./customers";
import { database } from "./database";
import { containsPattern, escapeLike, q } from "./sql";
import { writePriceAudit, type AuditRowInput, type PriceChangeActor } from "./price-audit";

/**
 * Price lists, their entries and their assignment to customers, as staff edit them. Every write
 * that can move a price writes its audit rows in the same transaction (see price-audit.ts).
 */

export interface PriceListCustomer {
  id: number;
  name: string;
  priority: number;
  /** Whether the asking account manager looks after this customer (always true for admins). */
  mine: boolean;
}

export interface PriceListSummary extends PriceList {
  entryCount: number;
  /**
   * The list's customers by priority and name: all of them from getPriceList, the first few from the
   * lists that show many price lists at once (a general staffel list can serve hundreds of customers).
   */
  customers: PriceListCustomer[];
  /** How many customers use the list, and how many of them the asking manager looks after. */
  customerCount: number;
  mineCount: number;
}

/** The columns of a price list every list/summary query returns. */
const priceListColumns = {
  id: priceLists.id,
  code: priceLists.code,
  name: priceLists.name,
  currency: priceLists.currency,
  validFrom: priceLists.validFrom,
  validTo: priceLists.validTo,
  createdAt: priceLists.createdAt,
};

/** Number of entries of the price list in the current row (correlated subquery). */
const entryCountOfList = () => sql<number>`(select count(*)::int from ${priceListEntries} where ${q(priceListEntries.priceListId)} = ${q(priceLists.id)})`;

interface CustomersOfList {
  count: number;
  mine: number;
  first: PriceListCustomer[];
}

/**
 * The customers of the price list in the current row, for the asking manager (null: an admin), in
 * one correlated subquery: their number, how many are the manager's, and the first `shown` of them
 * (null: all).
 */
function customersOf(managerId: number | null, shown: number | null) {
  const mine =
    managerId === null
      ? sql`true`
      : managedBy(companies.id, managerId);
  const inFirst = shown === null ? sql`true` : sql`x.position <= ${shown}`;
  return sql<CustomersOfList>`(
    select json_build_object(
      'count', count(*)::int,
      'mine', (count(*) filter (where x.mine))::int,
      'first', coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'priority', x.priority, 'mine', x.mine) order by x.position) filter (where ${inFirst}), '[]'::json))
    from (
      select ${q(companies.id)} as id, ${q(companies.name)} as name, ${q(companyPriceLists.priority)} as priority, ${mine} as mine,
             row_number() over (order by ${q(companyPriceLists.priority)}, ${q(companies.name)}, ${q(companies.id)}) as position
      from ${companyPriceLists} join ${companies} on ${q(companies.id)} = ${q(companyPriceLists.companyId)}
      where ${q(companyPriceLists.priceListId)} = ${q(priceLists.id)}) x)`;
}

function withCustomers<Row extends { customers: CustomersOfList }>({ customers, ...row }: Row): Omit<Row, "customers"> & Pick<PriceListSummary, "customers" | "customerCount" | "mineCount"> {
  return { ...row, customers: customers.first, customerCount: customers.count, mineCount: customers.mine };
}

/** Lists visible to a manager: unassigned ones and those assigned to at least one of their customers. */
function visibleTo(managerId: number | null): SQL | undefined {
  if (managerId === null) return undefined;
  return sql`(
    not exists (select 1 from ${companyPriceLists} where ${q(companyPriceLists.priceListId)} = ${q(priceLists.id)})
    or exists (select 1 from ${companyPriceLists} join ${accountManagerCustomers} on ${q(accountManagerCustomers.companyId)} = ${q(companyPriceLists.companyId)}
               where ${q(companyPriceLists.priceListId)} = ${q(priceLists.id)} and ${q(accountManagerCustomers.staffUserId)} = ${managerId})
  )`;
}

/**
 * One page of the price lists a manager may see (null: an admin, all), by code; searched in code,
 * name and the names of the customers that use a list (LIKE wildcards literal). Each row names its
 * first `customersShown` customers and counts the rest.
 */
export async function searchPriceLists(options: {
  managerId: number | null;
  query?: string;
  offset: number;
  limit: number;
  customersShown: number;
}): Promise<{ items: PriceListSummary[]; total: number }> {
  const db = await database();
  const query = options.query?.trim().slice(0, 100);
  const like = query ? containsPattern(query) : null;
  const usedByMatching = (pattern: string) =>
    sql`exists (select 1 from ${companyPriceLists} join ${companies} on ${q(companies.id)} = ${q(companyPriceLists.companyId)}
                where ${q(companyPriceLists.priceListId)} = ${q(priceLists.id)} and ${q(companies.name)} ilike ${pattern})`;
  const where = and(visibleTo(options.managerId), like ? or(ilike(priceLists.code, like), ilike(priceLists.name, like), usedByMatching(like)) : undefined);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        ...priceListColumns,
        entryCount: entryCountOfList(),
        customers: customersOf(options.managerId, options.customersShown),
      })
      .from(priceLists)
      .where(where)
      .orderBy(asc(priceLists.code))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(priceLists).where(where),
  ]);
  return { items: rows.map(withCustomers), total: counted?.total ?? 0 };
}

export interface PriceListOption {
  id: number;
  code: string;
  name: string;
}

/** Every price list a manager may see (null: an admin), by code, for a choice of list: no counts, no customers. */
export async function listPriceListOptions(managerId: number | null): Promise<PriceListOption[]> {
  const db = await database();
  return db
    .select({ id: priceLists.id, code: priceLists.code, name: priceLists.name })
    .from(priceLists)
    .where(visibleTo(managerId))
    .orderBy(asc(priceLists.code));
}

export async function getPriceList(id: number, managerId: number | null): Promise<PriceListSummary | null> {
  const db = await database();
  const [row] = await db
    .select({
      ...priceListColumns,
      entryCount: entryCountOfList(),
      customers: customersOf(managerId, null),
    })
    .from(priceLists)
    .where(eq(priceLists.id, id));
  return row ? withCustomers(row) : null;
}

export async function isPriceListCodeTaken(code: string, exceptId?: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: priceLists.id })
    .from(priceLists)
    .where(and(sql`lower(${q(priceLists.code)}) = lower(${code})`, exceptId === undefined ? undefined : sql`${q(priceLists.id)} <> ${exceptId}`));
  return !!row;
}

export interface PriceListHeader {
  name: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
}

export async function createPriceList(code: string, header: PriceListHeader, actor: PriceChangeActor): Promise<PriceList> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [list] = await tx.insert(priceLists).values({ code, ...header }).returning();
    if (!list) throw new Error("price list insert returned nothing");
    await writePriceAudit(tx, actor, [{ action: "list_created", priceListId: list.id, priceListCode: code, oldValue: null, newValue: header }]);
    return list;
  });
}

export async function updatePriceList(id: number, header: PriceListHeader, actor: PriceChangeActor): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const [old] = await tx.select().from(priceLists).where(eq(priceLists.id, id)).for("update");
    if (!old) throw new AppError("not_found", "price_list_not_found");
    const before: PriceListHeader = { name: old.name, currency: old.currency, validFrom: old.validFrom, validTo: old.validTo };
    if (JSON.stringify(before) === JSON.stringify(header)) return;
    await tx.update(priceLists).set(header).where(eq(priceLists.id, id));
    await writePriceAudit(tx, actor, [{ action: "list_updated", priceListId: id, priceListCode: old.code, oldValue: before, newValue: header }]);
  });
}

/** Deletes a list that no customer uses any more (its entries go with it; the audit keeps one row). */
export async function deletePriceList(id: number, actor: PriceChangeActor): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const [old] = await tx.select().from(priceLists).where(eq(priceLists.id, id)).for("update");
    if (!old) throw new AppError("not_found", "price_list_not_found");
    const [assigned] = await tx.select({ n: count() }).from(companyPriceLists).where(eq(companyPriceLists.priceListId, id));
    if ((assigned?.n ?? 0) > 0) throw new AppError("conflict", "price_list_in_use");
    const [entries] = await tx.select({ n: count() }).from(priceListEntries).where(eq(priceListEntries.priceListId, id));
    await writePriceAudit(tx, actor, [
      {
        action: "list_deleted",
        priceListId: id,
        priceListCode: old.code,
        oldValue: { name: old.name, currency: old.currency, validFrom: old.validFrom, validTo: old.validTo, entries: entries?.n ?? 0 },
        newValue: null,
      },
    ]);
    await tx.delete(priceLists).where(eq(priceLists.id, id));
  });
}

// ---------------------------------------------------------------------------------------------
// Entries

export interface GridProduct {
  id: number;
  sku: string;
  nameNl: string;
  nameEn: string;
  brand: string;
  unit: string;
  currency: string;
  listPriceMinor: number;
  listPriceTiers: ListPriceTier[];
  minOrderQuantity: number;
  orderMultiple: number;
  active: boolean;
  costMinor: number | null;
}

export interface StoredEntry extends PriceEntrySnapshot {
  id: number;
  updatedAt: Date;
}

export interface GridRow {
  product: GridProduct;
  entry: StoredEntry | null;
}

export type GridScope = "entries" | "all" | "missing";

const gridProductColumns = {
  id: products.id,
  sku: products.sku,
  nameNl: products.nameNl,
  nameEn: products.nameEn,
  brand: products.brand,
  unit: products.unit,
  currency: products.currency,
  listPriceMinor: products.listPriceMinor,
  listPriceTiers: products.listPriceTiers,
  minOrderQuantity: products.minOrderQuantity,
  orderMultiple: products.orderMultiple,
  active: products.active,
  costMinor: productPurchasePrices.costMinor,
};

const entryColumns = {
  id: priceListEntries.id,
  kind: priceListEntries.kind,
  priceMinor: priceListEntries.priceMinor,
  discountBasisPoints: priceListEntries.discountBasisPoints,
  tiers: priceListEntries.tiers,
  validFrom: priceListEntries.validFrom,
  validTo: priceListEntries.validTo,
  updatedAt: priceListEntries.updatedAt,
};

function productSearch(query: string | undefined): SQL | undefined {
  const text = query?.trim().slice(0, 100);
  if (!text) return undefined;
  const escaped = escapeLike(text);
  return or(
    eq(products.sku, text),
    ilike(products.sku, `${escaped}%`),
    ilike(products.nameNl, `%${escaped}%`),
    ilike(products.nameEn, `%${escaped}%`),
    ilike(products.brand, `${escaped}%`),
    ilike(products.manufacturerPartNumber, `${escaped}%`),
  );
}

/** One page of the price grid: products with this list's entry (or none), ordered by SKU. */
export async function listPriceGrid(
  priceListId: number,
  options: { query?: string; scope: GridScope; offset: number; limit: number },
): Promise<{ rows: GridRow[]; total: number }> {
  const db = await database();
  const joinOn = and(eq(priceListEntries.productId, products.id), eq(priceListEntries.priceListId, priceListId));
  const where = and(productSearch(options.query), options.scope === "missing" ? isNull(priceListEntries.id) : undefined);
  const base = () => {
    const from = db.select({ product: gridProductColumns, entry: entryColumns }).from(products);
    return options.scope === "entries" ? from.innerJoin(priceListEntries, joinOn) : from.leftJoin(priceListEntries, joinOn);
  };
  const counter = () => {
    const from = db.select({ total: count() }).from(products);
    return options.scope === "entries" ? from.innerJoin(priceListEntries, joinOn) : from.leftJoin(priceListEntries, joinOn);
  };
  const [rows, [totalRow]] = await Promise.all([
    base()
      .leftJoin(productPurchasePrices, eq(productPurchasePrices.productId, products.id))
      .where(where)
      .orderBy(asc(products.sku))
      .limit(options.limit)
      .offset(options.offset),
    counter().where(where),
  ]);
  return {
    rows: rows.map((row) => ({ product: row.product, entry: row.entry?.id ? { ...row.entry, tiers: normalizeTiers(row.entry.kind, row.entry.tiers) } : null })),
    total: totalRow?.total ?? 0,
  };
}

export async function getGridProduct(productId: number): Promise<GridProduct | null> {
  const db = await database();
  const [row] = await db
    .select(gridProductColumns)
    .from(products)
    .leftJoin(productPurchasePrices, eq(productPurchasePrices.productId, products.id))
    .where(eq(products.id, productId));
  return row ?? null;
}

/** Tiers ascending, with only the field that belongs to the entry kind. */
export function normalizeTiers(kind: "fixed" | "discount", tiers: readonly PriceListTier[]): PriceListTier[] {
  return [...tiers]
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .map((t) =>
      kind === "fixed" ? { minQuantity: t.minQuantity, priceMinor: t.priceMinor ?? 0 } : { minQuantity: t.minQuantity, discountBasisPoints: t.discountBasisPoints ?? 0 },
    );
}

function toSnapshot(entry: PriceEntrySnapshot): PriceEntrySnapshot {
  return {
    kind: entry.kind,
    priceMinor: entry.kind === "fixed" ? entry.priceMinor : null,
    discountBasisPoints: entry.kind === "discount" ? entry.discountBasisPoints : null,
    tiers: normalizeTiers(entry.kind, entry.tiers),
    validFrom: entry.validFrom,
    validTo: entry.validTo,
  };
}

export function sameEntry(a: PriceEntrySnapshot, b: PriceEntrySnapshot): boolean {
  const x = toSnapshot(a);
  const y = toSnapshot(b);
  return (
    x.kind === y.kind &&
    x.priceMinor === y.priceMinor &&
    x.discountBasisPoints === y.discountBasisPoints &&
    x.validFrom === y.validFrom &&
    x.validTo === y.validTo &&
    x.tiers.length === y.tiers.length &&
    x.tiers.every((t, i) => t.minQuantity === y.tiers[i]!.minQuantity && t.priceMinor === y.tiers[i]!.priceMinor && t.discountBasisPoints === y.tiers[i]!.discountBasisPoints)
  );
}

async function lockList(tx: Db, priceListId: number): Promise<PriceList> {
  const [list] = await tx.select().from(priceLists).where(eq(priceLists.id, priceListId)).for("update");
  if (!list) throw new AppError("not_found", "price_list_not_found");
  return list;
}

/**
 * Creates or changes one entry. `expectedUpdatedAt` is the version the editor started from
 * (null: it believed there was no entry); if someone changed it meanwhile, nothing is written.
 */
export async function saveEntry(input: {
  priceListId: number;
  productId: number;
  entry: PriceEntrySnapshot;
  expectedUpdatedAt: Date | null | undefined;
  actor: PriceChangeActor;
  now: Date;
}): Promise<{ changed: boolean }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const list = await lockList(tx, input.priceListId);
    const [product] = await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.id, input.productId));
    if (!product) throw new AppError("not_found", "product_not_found");
    const [old] = await tx
      .select(entryColumns)
      .from(priceListEntries)
      .where(and(eq(priceListEntries.priceListId, input.priceListId), eq(priceListEntries.productId, input.productId)));
    if (input.expectedUpdatedAt !== undefined && !sameVersion(old?.updatedAt ?? null, input.expectedUpdatedAt)) {
      throw new AppError("conflict", "entry_changed_meanwhile", { sku: product.sku });
    }
    const next = toSnapshot(input.entry);
    if (old && sameEntry(old, next)) return { changed: false };
    await tx
      .insert(priceListEntries)
      .values({ priceListId: input.priceListId, productId: input.productId, ...next, updatedAt: input.now })
      .onConflictDoUpdate({ target: [priceListEntries.priceListId, priceListEntries.productId], set: { ...next, updatedAt: input.now } });
    await writePriceAudit(tx, input.actor, [
      {
        action: old ? "entry_updated" : "entry_created",
        priceListId: list.id,
        priceListCode: list.code,
        productId: product.id,
        sku: product.sku,
        oldValue: old ? toSnapshot(old) : null,
        newValue: next,
      },
    ]);
    return { changed: true };
  });
}

export async function deleteEntry(input: {
  priceListId: number;
  productId: number;
  expectedUpdatedAt: Date | undefined;
  actor: PriceChangeActor;
}): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const list = await lockList(tx, input.priceListId);
    const [old] = await tx
      .select({ ...entryColumns, sku: products.sku })
      .from(priceListEntries)
      .innerJoin(products, eq(products.id, priceListEntries.productId))
      .where(and(eq(priceListEntries.priceListId, input.priceListId), eq(priceListEntries.productId, input.productId)));
    if (!old) throw new AppError("not_found", "entry_not_found");
    if (input.expectedUpdatedAt !== undefined && !sameVersion(old.updatedAt, input.expectedUpdatedAt)) {
      throw new AppError("conflict", "entry_changed_meanwhile", { sku: old.sku });
    }
    await tx.delete(priceListEntries).where(eq(priceListEntries.id, old.id));
    await writePriceAudit(tx, input.actor, [
      { action: "entry_deleted", priceListId: list.id, priceListCode: list.code, productId: input.productId, sku: old.sku, oldValue: toSnapshot(old), newValue: null },
    ]);
  });
}

function sameVersion(a: Date | null, b: Date | null): boolean {
  // Timestamps round-trip through the browser as ISO strings with millisecond precision.
  return (a === null && b === null) || (a !== null && b !== null && Math.floor(a.getTime()) === Math.floor(b.getTime()));
}

// ---------------------------------------------------------------------------------------------
// Bulk: CSV import/export and the API

export interface ProductRef {
  id: number;
  sku: string;
  listPriceMinor: number;
  currency: string;
  costMinor: number | null;
}

/** Products by SKU (exact), looked up in chunks so 50,000 SKUs stay cheap. */
export async function lookupProductsBySku(skus: string[], onProgress?: (done: number, total: number) => void | Promise<void>): Promise<Map<string, ProductRef>> {
  const db = await database();
  const found = new Map<string, ProductRef>();
  const unique = [...new Set(skus)];
  for (let i = 0; i < unique.length; i += 5000) {
    if (i > 0) await onProgress?.(i, unique.length);
    const rows = await db
      .select({ id: products.id, sku: products.sku, listPriceMinor: products.listPriceMinor, currency: products.currency, costMinor: productPurchasePrices.costMinor })
      .from(products)
      .leftJoin(productPurchasePrices, eq(productPurchasePrices.productId, products.id))
      .where(inArray(products.sku, unique.slice(i, i + 5000)));
    for (const row of rows) found.set(row.sku, row);
  }
  return found;
}

export interface IncomingEntry {
  productId: number;
  sku: string;
  entry: PriceEntrySnapshot;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

interface ExistingEntry extends PriceEntrySnapshot {
  id: number;
  productId: number;
  sku: string;
}

async function loadExisting(tx: Db, priceListId: number): Promise<Map<number, ExistingEntry>> {
  const rows = await tx
    .select({ ...entryColumns, productId: priceListEntries.productId, sku: products.sku })
    .from(priceListEntries)
    .innerJoin(products, eq(products.id, priceListEntries.productId))
    .where(eq(priceListEntries.priceListId, priceListId));
  return new Map(rows.map((row) => [row.productId, row]));
}

function plan(existing: Map<number, ExistingEntry>, incoming: IncomingEntry[], replaceAll: boolean) {
  const writes: { incoming: IncomingEntry; old: ExistingEntry | null }[] = [];
  let unchanged = 0;
  const seen = new Set<number>();
  for (const item of incoming) {
    seen.add(item.productId);
    const old = existing.get(item.productId) ?? null;
    if (old && sameEntry(old, item.entry)) unchanged++;
    else writes.push({ incoming: item, old });
  }
  const deletes = replaceAll ? [...existing.values()].filter((e) => !seen.has(e.productId)) : [];
  return { writes, deletes, unchanged };
}

/**
 * The open carts a change to a list's prices reaches before it is applied (ANCHORS idea 6; Oro #105:
 * a price change that silently re-prices carts): carts of the list's customers that hold a product
 * whose entry would be created, changed or deleted — shop carts with lines, and carts of punchout
 * sessions still open at `now`. Their buyers see the new price when they next look (carts are priced
 * when shown, orders at checkout); carts already transferred to a procurement system keep their price.
 */
export interface OpenCartsReached {
  carts: number;
  customers: number;
}

async function openCartsHolding(db: Db, priceListId: number, productIds: number[], now: Date): Promise<OpenCartsReached> {
  if (productIds.length === 0) return { carts: 0, customers: 0 };
  const result = await db.execute<{ carts: number | string; customers: number | string }>(sql`
    select count(distinct c."id") as "carts", count(distinct c."company_id") as "customers"
    from "carts" c
    left join "punchout_sessions" s on s."id" = c."punchout_session_id"
    where c."company_id" in (select a."company_id" from "company_price_lists" a where a."price_list_id" = ${priceListId})
      and (c."punchout_session_id" is null or (s."status" in ('pending', 'active') and s."expires_at" > ${now.toISOString()}::timestamptz))
      and exists (select 1 from "cart_lines" l where l."cart_id" = c."id" and l."product_id" = any(${`{${productIds.join(",")}}`}::integer[]))`);
  const [row] = Array.isArray(result) ? result : (result as unknown as { rows: { carts: number | string; customers: number | string }[] }).rows;
  return { carts: Number(row?.carts ?? 0), customers: Number(row?.customers ?? 0) };
}

/** What an import would do, without writing anything, and the open carts it would reach. */
export async function previewEntryImport(
  priceListId: number,
  incoming: IncomingEntry[],
  replaceAll: boolean,
  now: Date,
): Promise<{ counts: ImportCounts; openCarts: OpenCartsReached }> {
  const db = await database();
  const { writes, deletes, unchanged } = plan(await loadExisting(db, priceListId), incoming, replaceAll);
  const changed = [...writes.map((w) => w.incoming.productId), ...deletes.map((d) => d.productId)];
  return {
    counts: { created: writes.filter((w) => !w.old).length, updated: writes.filter((w) => w.old).length, unchanged, deleted: deletes.length },
    openCarts: await openCartsHolding(db, priceListId, changed, now),
  };
}

/**
 * Applies many entries at once in ONE transaction: creates and updates (upsert in batches),
 * with `replaceAll` also deletes entries missing from `incoming`; audit rows go in the same
 * transaction. Aborting (`signal`) or any failure rolls everything back.
 */
export async function importEntries(input: {
  priceListId: number;
  incoming: IncomingEntry[];
  replaceAll: boolean;
  actor: PriceChangeActor;
  now: Date;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  signal?: AbortSignal;
  batchSize?: number;
}): Promise<ImportCounts> {
  const db = await database();
  const batchSize = input.batchSize ?? 2500;
  return db.transaction(async (tx) => {
    const list = await lockList(tx, input.priceListId);
    const { writes, deletes, unchanged } = plan(await loadExisting(tx, input.priceListId), input.incoming, input.replaceAll);
    const total = writes.length + deletes.length;
    let done = 0;
    await input.onProgress?.(0, total);
    for (let i = 0; i < writes.length; i += batchSize) {
      if (input.signal?.aborted) throw new AppError("conflict", "import_aborted");
      const batch = writes.slice(i, i + batchSize);
      await upsertEntries(tx, list.id, batch.map(({ incoming }) => ({ productId: incoming.productId, ...toSnapshot(incoming.entry) })), input.now);
      await writePriceAudit(
        tx,
        input.actor,
        batch.map(({ incoming, old }): AuditRowInput => ({
          action: old ? "entry_updated" : "entry_created",
          priceListId: list.id,
          priceListCode: list.code,
          productId: incoming.productId,
          sku: incoming.sku,
          oldValue: old ? toSnapshot(old) : null,
          newValue: toSnapshot(incoming.entry),
        })),
      );
      done += batch.length;
      await input.onProgress?.(done, total);
    }
    for (let i = 0; i < deletes.length; i += 5000) {
      if (input.signal?.aborted) throw new AppError("conflict", "import_aborted");
      const batch = deletes.slice(i, i + 5000);
      await tx.delete(priceListEntries).where(inArray(priceListEntries.id, batch.map((e) => e.id)));
      await writePriceAudit(
        tx,
        input.actor,
        batch.map((old): AuditRowInput => ({
          action: "entry_deleted",
          priceListId: list.id,
          priceListCode: list.code,
          productId: old.productId,
          sku: old.sku,
          oldValue: toSnapshot(old),
          newValue: null,
        })),
      );
      done += batch.length;
      await input.onProgress?.(done, total);
    }
    return { created: writes.filter((w) => !w.old).length, updated: writes.filter((w) => w.old).length, unchanged, deleted: deletes.length };
  });
}

/** Bulk upsert with one JSON parameter (jsonb_to_recordset) instead of nine bind parameters per row. */
async function upsertEntries(tx: Db, priceListId: number, rows: (PriceEntrySnapshot & { productId: number })[], now: Date): Promise<void> {
  const payload = rows.map((r) => ({
    product_id: r.productId,
    kind: r.kind,
    price_minor: r.priceMinor,
    discount_basis_points: r.discountBasisPoints,
    tiers: r.tiers,
    valid_from: r.validFrom,
    valid_to: r.validTo,
  }));
  await tx.execute(sql`
    insert into ${priceListEntries} (price_list_id, product_id, kind, price_minor, discount_basis_points, tiers, valid_from, valid_to, updated_at)
    select ${priceListId}::int, r.product_id, r.kind, r.price_minor, r.discount_basis_points, r.tiers, r.valid_from, r.valid_to, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
      as r(product_id int, kind text, price_minor int, discount_basis_points int, tiers jsonb, valid_from date, valid_to date)
    on conflict (price_list_id, product_id) do update set
      kind = excluded.kind, price_minor = excluded.price_minor, discount_basis_points = excluded.discount_basis_points,
      tiers = excluded.tiers, valid_from = excluded.valid_from, valid_to = excluded.valid_to, updated_at = excluded.updated_at`);
}

export interface ExportRow extends PriceEntrySnapshot {
  sku: string;
  nameNl: string;
  nameEn: string;
  listPriceMinor: number;
}

export async function listEntriesForExport(priceListId: number): Promise<ExportRow[]> {
  const db = await database();
  const rows = await db
    .select({
      sku: products.sku,
      nameNl: products.nameNl,
      nameEn: products.nameEn,
      listPriceMinor: products.listPriceMinor,
      kind: priceListEntries.kind,
      priceMinor: priceListEntries.priceMinor,
      discountBasisPoints: priceListEntries.discountBasisPoints,
      tiers: priceListEntries.tiers,
      validFrom: priceListEntries.validFrom,
      validTo: priceListEntries.validTo,
    })
    .from(priceListEntries)
    .innerJoin(products, eq(products.id, priceListEntries.productId))
    .where(eq(priceListEntries.priceListId, priceListId))
    .orderBy(asc(products.sku));
  return rows.map((row) => ({ ...row, tiers: normalizeTiers(row.kind, row.tiers) }));
}

/** One entry by list and SKU (for the API). */
export async function getEntryBySku(priceListId: number, sku: string): Promise<(StoredEntry & { sku: string; productId: number }) | null> {
  const db = await database();
  const [row] = await db
    .select({ ...entryColumns, sku: products.sku, productId: products.id })
    .from(priceListEntries)
    .innerJoin(products, eq(products.id, priceListEntries.productId))
    .where(and(eq(priceListEntries.priceListId, priceListId), eq(products.sku, sku)));
  return row ? { ...row, tiers: normalizeTiers(row.kind, row.tiers) } : null;
}

export async function getPriceListByCode(code: string): Promise<PriceList | null> {
  const db = await database();
  const [row] = await db.select().from(priceLists).where(eq(priceLists.code, code));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Customers ↔ price lists

export interface CompanyPriceList extends PriceList {
  priority: number;
  entryCount: number;
  /** Other customers that use the same list. */
  sharedWith: number;
}

export async function listCompanyPriceLists(companyId: number): Promise<CompanyPriceList[]> {
  const db = await database();
  return db
    .select({
      ...priceListColumns,
      priority: companyPriceLists.priority,
      entryCount: entryCountOfList(),
      sharedWith: sql<number>`(select count(*)::int - 1 from ${companyPriceLists} c2 where c2.price_list_id = ${q(priceLists.id)})`,
    })
    .from(companyPriceLists)
    .innerJoin(priceLists, eq(priceLists.id, companyPriceLists.priceListId))
    .where(eq(companyPriceLists.companyId, companyId))
    .orderBy(asc(companyPriceLists.priority), asc(priceLists.id));
}

/** Assigns a list to a customer, or changes its priority; audited with the customer. */
export async function assignPriceList(companyId: number, priceListId: number, priority: number, actor: PriceChangeActor): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const list = await lockList(tx, priceListId);
    const [old] = await tx
      .select({ priority: companyPriceLists.priority })
      .from(companyPriceLists)
      .where(and(eq(companyPriceLists.companyId, companyId), eq(companyPriceLists.priceListId, priceListId)));
    if (old?.priority === priority) return;
    await tx
      .insert(companyPriceLists)
      .values({ companyId, priceListId, priority })
      .onConflictDoUpdate({ target: [companyPriceLists.companyId, companyPriceLists.priceListId], set: { priority } });
    await writePriceAudit(tx, actor, [
      {
        action: old ? "priority_changed" : "list_assigned",
        priceListId,
        priceListCode: list.code,
        companyId,
        oldValue: old ? { priority: old.priority } : null,
        newValue: { priority },
      },
    ]);
  });
}

export async function unassignPriceList(companyId: number, priceListId: number, actor: PriceChangeActor): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const list = await lockList(tx, priceListId);
    const removed = await tx
      .delete(companyPriceLists)
      .where(and(eq(companyPriceLists.companyId, companyId), eq(companyPriceLists.priceListId, priceListId)))
      .returning({ priority: companyPriceLists.priority });
    if (removed.length === 0) throw new AppError("not_found", "assignment_not_found");
    await writePriceAudit(tx, actor, [
      { action: "list_unassigned", priceListId, priceListCode: list.code, companyId, oldValue: { priority: removed[0]!.priority }, newValue: null },
    ]);
  });
}

/**
 * Every entry of a product across the price lists a manager may see, each list with its first
 * `customersShown` customers and their count.
 */
export async function listProductEntries(
  productId: number,
  managerId: number | null,
  customersShown: number,
): Promise<(StoredEntry & { list: PriceListSummary })[]> {
  const db = await database();
  const rows = await db
    .select({
      entry: entryColumns,
      list: {
        ...priceListColumns,
        entryCount: sql<number>`0`,
        customers: customersOf(managerId, customersShown),
      },
    })
    .from(priceListEntries)
    .innerJoin(priceLists, eq(priceLists.id, priceListEntries.priceListId))
    .where(and(eq(priceListEntries.productId, productId), visibleTo(managerId)))
    .orderBy(asc(priceLists.code));
  return rows.map((row) => ({ ...row.entry, tiers: normalizeTiers(row.entry.kind, row.entry.tiers), list: withCustomers(row.list) }));
}
