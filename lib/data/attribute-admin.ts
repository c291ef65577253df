import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { attributeDefinitions, type AttributeDefinition } from "@/db/schema";
import {
  moveDefinition,
  nextPosition,
  planAttributeUpsert,
  type AttributeDefinitionInput,
  type AttributeDefinitionPlan,
  type AttributeUsage,
  type StoredAttributeDefinition,
} from "@/lib/catalog/attribute-admin";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { isUniqueViolation } from "./sql";

/**
 * The back office's attribute definitions (admin → Attributes, GET/PUT/DELETE /admin/api/attributes).
 * The shop reads them through lib/data/attribute-definitions.ts. Every write takes the table's
 * write lock first, so a move or a PUT reads the positions it renumbers without another writer in
 * between (the table is a few dozen rows; readers are not blocked).
 */

type Db = Awaited<ReturnType<typeof database>>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const EXAMPLES_PER_KEY = 5;

async function lockDefinitions(tx: Tx): Promise<AttributeDefinition[]> {
  await tx.execute(sql`lock table ${attributeDefinitions} in share row exclusive mode`);
  return tx.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.key));
}

/** postgres.js answers db.execute with the rows, PGlite with { rows }. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Every key the products use (active and inactive counted apart), how many different values each
 * has and its most common ones: one statement over jsonb_each_text of all products, which is a
 * scan of the catalogue (fine for an admin page; the shop never runs it).
 */
export async function listAttributeUsage(): Promise<AttributeUsage[]> {
  const db = await database();
  const result = await db.execute(sql`
    with "pair" as (
      select "pair"."key", "pair"."value", "products"."active"
      from "products" cross join lateral jsonb_each_text("products"."attributes") as "pair"("key", "value")
    ), "per_key" as (
      select "key", count(*) filter (where "active")::int as "active", count(*) filter (where not "active")::int as "inactive"
      from "pair" group by "key"
    ), "per_value" as (
      select "key", "value", count(*)::int as "products", row_number() over (partition by "key" order by count(*) desc, "value") as "rank"
      from "pair" group by "key", "value"
    )
    select k."key", k."active", k."inactive", count(*)::int as "distinct",
      json_agg(json_build_object('value', v."value", 'products', v."products") order by v."rank") filter (where v."rank" <= ${EXAMPLES_PER_KEY}) as "examples"
    from "per_key" k join "per_value" v on v."key" = k."key"
    group by k."key", k."active", k."inactive"`);
  return rowsOf<{ key: string; active: number | string; inactive: number | string; distinct: number | string; examples: unknown }>(result).map((row) => ({
    key: row.key,
    activeProducts: Number(row.active),
    inactiveProducts: Number(row.inactive),
    distinctValues: Number(row.distinct),
    examples: parseExamples(row.examples),
  }));
}

const parseExamples = (examples: unknown): { value: string; products: number }[] =>
  ((typeof examples === "string" ? JSON.parse(examples) : (examples ?? [])) as { value: string; products: number | string }[]).map((example) => ({
    value: example.value,
    products: Number(example.products),
  }));

/** The values products hold for one key, most products first (at most `limit`): what an admin writes English labels for. */
export async function listAttributeValues(key: string, limit: number): Promise<{ value: string; products: number }[]> {
  const db = await database();
  const result = await db.execute(sql`
    select "pair"."value", count(*)::int as "products"
    from "products" cross join lateral jsonb_each_text("products"."attributes") as "pair"("key", "value")
    where "pair"."key" = ${key}
    group by "pair"."value" order by count(*) desc, "pair"."value" limit ${limit}`);
  return rowsOf<{ value: string; products: number | string }>(result).map((row) => ({ value: row.value, products: Number(row.products) }));
}

export async function getAttributeDefinition(key: string): Promise<AttributeDefinition | null> {
  const db = await database();
  const [row] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, key));
  return row ?? null;
}

/** A new definition after the last one; "attribute_key_taken" (conflict, at the key) when the key is defined already. */
export async function createAttributeDefinition(values: Omit<StoredAttributeDefinition, "position">, now: Date): Promise<AttributeDefinition> {
  const db = await database();
  try {
    return await db.transaction(async (tx) => {
      const stored = await lockDefinitions(tx);
      const [row] = await tx
        .insert(attributeDefinitions)
        .values({ ...values, position: nextPosition(stored), updatedAt: now })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "attribute_key_taken", { field: "key" });
    throw error;
  }
}

/** Names, filterable and labels of a defined key (its position stays); "attribute_not_found" otherwise. */
export async function updateAttributeDefinition(key: string, values: Omit<StoredAttributeDefinition, "key" | "position">, now: Date): Promise<AttributeDefinition> {
  const db = await database();
  const [row] = await db
    .update(attributeDefinitions)
    .set({ ...values, updatedAt: now })
    .where(eq(attributeDefinitions.key, key))
    .returning();
  if (!row) throw new AppError("not_found", "attribute_not_found");
  return row;
}

/** Removes a definition; the products keep their values (the shop shows the bare key again). */
export async function deleteAttributeDefinition(key: string): Promise<void> {
  const db = await database();
  const deleted = await db.delete(attributeDefinitions).where(eq(attributeDefinitions.key, key)).returning({ key: attributeDefinitions.key });
  if (deleted.length === 0) throw new AppError("not_found", "attribute_not_found");
}

/** One place up or down among the definitions, in one transaction; false when it already is first or last. */
export async function moveAttributeDefinition(key: string, direction: "up" | "down", now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const stored = await lockDefinitions(tx);
    if (!stored.some((definition) => definition.key === key)) throw new AppError("not_found", "attribute_not_found");
    const changes = moveDefinition(stored, key, direction);
    if (!changes) return false;
    for (const change of changes) await tx.update(attributeDefinitions).set({ position: change.position, updatedAt: now }).where(eq(attributeDefinitions.key, change.key));
    return true;
  });
}

/** Every definition as stored, in the shop's order (the API's GET). */
export async function listStoredAttributeDefinitions(): Promise<StoredAttributeDefinition[]> {
  const db = await database();
  return db
    .select({
      key: attributeDefinitions.key,
      nameNl: attributeDefinitions.nameNl,
      nameEn: attributeDefinitions.nameEn,
      position: attributeDefinitions.position,
      filterable: attributeDefinitions.filterable,
      valueLabelsEn: attributeDefinitions.valueLabelsEn,
    })
    .from(attributeDefinitions)
    .orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.key));
}

/** Upserts definitions by key (already validated, keys unique) in one transaction; unchanged ones are not written. */
export async function upsertAttributeDefinitions(rows: readonly AttributeDefinitionInput[], now: Date): Promise<AttributeDefinitionPlan[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const plans = planAttributeUpsert(rows, await lockDefinitions(tx));
    for (const plan of plans) {
      if (plan.outcome === "created") await tx.insert(attributeDefinitions).values({ ...plan.values, updatedAt: now });
      else if (plan.outcome === "updated") await tx.update(attributeDefinitions).set({ ...plan.values, updatedAt: now }).where(eq(attributeDefinitions.key, plan.key));
    }
    return plans;
  });
}
