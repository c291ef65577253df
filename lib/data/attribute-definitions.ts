import "server-only";
import { asc, sql } from "drizzle-orm";
import { attributeDefinitions, type AttributeDefinition } from "@/db/schema";
import { preparedStatement } from "./prepared-sql";

// A small table (one row per key the catalogue uses), read fresh on every request that needs it:
// no cache to keep in step across processes, just prepared statements.
const definitionsQuery = preparedStatement((db) =>
  db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.key)).prepare("attribute_definitions_all"),
);
const definitionsByKeyQuery = preparedStatement((db) =>
  db
    .select()
    .from(attributeDefinitions)
    .where(sql`${attributeDefinitions.key} = any(${sql.placeholder("keys")}::text[])`)
    .prepare("attribute_definitions_by_key"),
);

/** Every attribute definition, in the order the product page lists them (position, then key). */
export async function listAttributeDefinitions(): Promise<AttributeDefinition[]> {
  return (await definitionsQuery()).execute();
}

/**
 * The definitions of these keys only (a product page's few): reading all of them (a hundred rows
 * with their value labels) cost a product page 2 ms of server CPU. In no particular order.
 */
export async function listAttributeDefinitionsOf(keys: string[]): Promise<AttributeDefinition[]> {
  if (keys.length === 0) return [];
  return (await definitionsByKeyQuery()).execute({ keys });
}
