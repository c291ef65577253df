import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { productRelations, products, type ProductRelationKind } from "@/db/schema";
import {
  checkRelationTargets,
  namedSkus,
  RELATION_FIELDS,
  skusOf,
  successorCycle,
  type RelationField,
  type RelationProblem,
  type RelationSkus,
} from "@/lib/catalog/product-relations";
import { listProductsByIds, productColumns, type ProductRow } from "./catalog";
import { database } from "./database";
import { preparedStatement, runPrepared, runPreparedIn } from "./prepared-sql";

/** A product's accessories, alternatives and successor (db/schema/product-relations.ts). */

const KIND_OF: Record<RelationField, ProductRelationKind> = { accessories: "accessory", alternatives: "alternative", successor: "successor" };

/** Serialises successor changes, so two admins cannot close a loop between them (each check passing alone). */
const SUCCESSOR_LOCK_KEY = 727_301;

export interface ShopRelation {
  kind: ProductRelationKind;
  product: ProductRow;
}

const owner = alias(products, "owner");

// By the owner's SKU, so the product page runs it beside getProductBySku instead of after it: the
// owner through products_sku_unique, its relations through the primary key's product_id prefix.
// A product without relations costs these two index probes and returns nothing. Prepared: planned
// once per connection, like the product read itself.
const shopRelationsBySku = preparedStatement((db) =>
  db
    .select({ kind: productRelations.kind, ...productColumns })
    .from(productRelations)
    .innerJoin(owner, and(eq(owner.id, productRelations.productId), eq(owner.sku, sql.placeholder("sku"))))
    .innerJoin(products, eq(products.id, productRelations.relatedProductId))
    .where(eq(products.active, true))
    .orderBy(asc(productRelations.kind), asc(productRelations.position))
    .prepare("product_relations_shop_by_sku"),
);

/**
 * What a buyer may be shown of a product's relations, in the admin's order: only products that are in
 * the shop (an inactive one stays stored, and is back when it is reactivated).
 */
export async function listShopRelationsBySku(sku: string): Promise<ShopRelation[]> {
  const rows = await (await shopRelationsBySku()).execute({ sku });
  return rows.map(({ kind, ...product }) => ({ kind, product }));
}

// From each product along its successors (at most 10 steps; the stored chains have no loops) to
// the first one in the shop: a successor taken out of the shop in turn leads on to its own successor.
const ACTIVE_SUCCESSORS_SQL = `
with recursive chain(start_id, product_id, active, depth) as (
  select r.product_id, r.related_product_id, p.active, 1
  from product_relations r join products p on p.id = r.related_product_id
  where r.kind = 'successor' and r.product_id = any($1::int[])
  union all
  select c.start_id, r.related_product_id, p.active, c.depth + 1
  from chain c
  join product_relations r on r.product_id = c.product_id and r.kind = 'successor'
  join products p on p.id = r.related_product_id
  where not c.active and c.depth < 10
)
select distinct on (start_id) start_id as "startId", product_id as "productId"
from chain where active order by start_id, depth`;

/** The product in the shop that replaces each of these (discontinued) products, where there is one. */
export async function listActiveSuccessors(productIds: readonly number[]): Promise<Map<number, ProductRow>> {
  const unique = [...new Set(productIds)];
  if (unique.length === 0) return new Map();
  const links = await runPrepared<{ startId: number; productId: number }>(ACTIVE_SUCCESSORS_SQL, [unique]);
  if (links.length === 0) return new Map();
  const rows = new Map((await listProductsByIds(links.map((link) => Number(link.productId)))).map((row) => [row.id, row]));
  const successors = new Map<number, ProductRow>();
  for (const link of links) {
    const row = rows.get(Number(link.productId));
    if (row) successors.set(Number(link.startId), row);
  }
  return successors;
}

export interface StoredRelation {
  kind: ProductRelationKind;
  sku: string;
  active: boolean;
}

/** Everything stored for a product, inactive products included (the admin's view), in order. */
export async function listStoredRelations(productId: number): Promise<StoredRelation[]> {
  const db = await database();
  return db
    .select({ kind: productRelations.kind, sku: products.sku, active: products.active })
    .from(productRelations)
    .innerJoin(products, eq(products.id, productRelations.relatedProductId))
    .where(eq(productRelations.productId, productId))
    .orderBy(asc(productRelations.kind), asc(productRelations.position));
}

/**
 * Accessories and alternatives of several products (a catalogue export's page), by product id, each
 * list in the admin's order, limited to the related products in `within` (what the file holds: a
 * reference to a product the buyer's catalogue does not have leads nowhere).
 */
export async function listCatalogRelations(productIds: readonly number[], within: ReadonlySet<number>): Promise<Map<number, { kind: "accessory" | "alternative"; sku: string }[]>> {
  const byProduct = new Map<number, { kind: "accessory" | "alternative"; sku: string }[]>();
  if (productIds.length === 0) return byProduct;
  const db = await database();
  const rows = await db
    .select({ productId: productRelations.productId, relatedId: productRelations.relatedProductId, kind: productRelations.kind, sku: products.sku })
    .from(productRelations)
    .innerJoin(products, eq(products.id, productRelations.relatedProductId))
    .where(and(inArray(productRelations.productId, [...productIds]), inArray(productRelations.kind, ["accessory", "alternative"]), eq(products.active, true)))
    .orderBy(asc(productRelations.productId), asc(productRelations.kind), asc(productRelations.position));
  for (const row of rows) {
    if (!within.has(row.relatedId) || row.kind === "successor") continue;
    const list = byProduct.get(row.productId) ?? [];
    list.push({ kind: row.kind, sku: row.sku });
    byProduct.set(row.productId, list);
  }
  return byProduct;
}

/** Stored relations in the API's shape. */
export function toRelationSkus(stored: readonly StoredRelation[]): RelationSkus {
  const of = (kind: ProductRelationKind) => stored.filter((relation) => relation.kind === kind).map((relation) => relation.sku);
  return { accessories: of("accessory"), alternatives: of("alternative"), successor: of("successor")[0] ?? null };
}

// The stored chain of successors from one product on, by SKU (the loop check of a new successor).
const SUCCESSOR_CHAIN_SQL = `
with recursive chain(product_id, depth) as (
  select r.related_product_id, 1 from product_relations r where r.product_id = $1 and r.kind = 'successor'
  union all
  select r.related_product_id, c.depth + 1
  from chain c join product_relations r on r.product_id = c.product_id and r.kind = 'successor'
  where c.depth < 100
)
select p.sku from chain c join products p on p.id = c.product_id order by c.depth`;

export type ReplaceRelationsResult =
  | { outcome: "saved"; relations: StoredRelation[] }
  | { outcome: "invalid"; problems: RelationProblem[] }
  | { outcome: "product_not_found" };

/**
 * Replaces all of a product's relations, all or nothing, under the product's row lock: every SKU must
 * name a product, a newly named one must be in the shop, and a successor must not lead back to the
 * product. Positions follow the lists' order. `found` are problems the caller found already (the
 * checks without the database): with any, nothing is written, but the SKUs are still looked up, so
 * the admin hears of every problem at once.
 */
export async function replaceProductRelations(sku: string, input: RelationSkus, found: readonly RelationProblem[] = []): Promise<ReplaceRelationsResult> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (input.successor !== null) await tx.execute(sql`select pg_advisory_xact_lock(${SUCCESSOR_LOCK_KEY})`);
    const [product] = await tx.select({ id: products.id, sku: products.sku }).from(products).where(eq(products.sku, sku)).for("update");
    if (!product) return { outcome: "product_not_found" };
    const named = namedSkus(input);
    const targets = named.length === 0 ? [] : await tx.select({ id: products.id, sku: products.sku, active: products.active }).from(products).where(inArray(products.sku, named));
    const stored = await tx
      .select({ kind: productRelations.kind, sku: products.sku })
      .from(productRelations)
      .innerJoin(products, eq(products.id, productRelations.relatedProductId))
      .where(eq(productRelations.productId, product.id));
    const bySku = new Map(targets.map((row) => [row.sku, row]));
    const storedSkus = Object.fromEntries(
      RELATION_FIELDS.map((field) => [field, new Set(stored.filter((relation) => relation.kind === KIND_OF[field]).map((relation) => relation.sku))]),
    ) as Record<RelationField, Set<string>>;
    const problems = [...found, ...checkRelationTargets(input, bySku, storedSkus)];
    const successor = input.successor === null ? undefined : bySku.get(input.successor);
    if (successor && !problems.some((problem) => problem.field === "successor")) {
      const chain = await runPreparedIn<{ sku: string }>(tx, SUCCESSOR_CHAIN_SQL, [successor.id]);
      const loop = successorCycle(product.sku, [successor.sku, ...chain.map((row) => row.sku)]);
      if (loop) problems.push({ field: "successor", problem: "successor_cycle", path: loop });
    }
    if (problems.length > 0) return { outcome: "invalid", problems };
    await tx.delete(productRelations).where(eq(productRelations.productId, product.id));
    const relations = RELATION_FIELDS.flatMap((field) =>
      skusOf(input, field).map((relatedSku, position) => ({ kind: KIND_OF[field], related: bySku.get(relatedSku)!, position })),
    );
    if (relations.length > 0) {
      await tx.insert(productRelations).values(relations.map(({ kind, related, position }) => ({ productId: product.id, kind, relatedProductId: related.id, position })));
    }
    return { outcome: "saved", relations: relations.map(({ kind, related }) => ({ kind, sku: related.sku, active: related.active })) };
  });
}
