import "server-only";
import { asc } from "drizzle-orm";
import { attributeDefinitions, type AttributeDefinition } from "@/db/schema";
import { preparedStatement } from "./prepared-sql";

// Read on every product and category page that shows attributes: a small table (one row per key
// the catalogue uses), so no cache to keep in step across processes, just a prepared statement.
const definitionsQuery = preparedStatement((db) =>
  db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.key)).prepare("attribute_definitions_all"),
);

/** Every attribute definition, in the order the product page lists them (position, then key). */
export async function listAttributeDefinitions(): Promise<AttributeDefinition[]> {
  return (await definitionsQuery()).execute();
}
