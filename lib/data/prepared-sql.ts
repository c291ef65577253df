import "server-only";
import { getTableColumns, type Column, type InferSelectModel, type Table } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedDatabase } from "./database";

/**
 * Hot-path statements (the cXML endpoints, issue 8) run as prepared statements. With postgres.js an
 * unprepared statement with parameters costs two round trips (Parse/Describe, then Bind/Execute)
 * plus parsing and planning in PostgreSQL every time; a prepared one is described once per pool
 * connection and then costs one round trip. They run on the database of `preparedDatabase()`,
 * whose connections also plan each of them only once (DatabaseHandle.preparedClient). PGlite runs
 * them as usual.
 */

/**
 * Runs a fixed SQL text (a module constant: postgres.js keeps one prepared statement per distinct
 * text and connection) with positional parameters; returns the rows with their column names as
 * PostgreSQL reports them. Values are passed as the driver sends them: numbers, strings, null,
 * arrays; JSON as a string with an explicit `::jsonb` cast, timestamps as ISO strings with
 * `::timestamptz`. Timestamps come back as strings. Always on the prepared-statement pool.
 */
export async function runPrepared<T extends Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]> {
  const db = await preparedDatabase();
  const prepared = db._.session.prepareQuery({ sql: text, params }, undefined, "koppel_prepared", false);
  const result = (await prepared.execute()) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * runPrepared's statement inside a transaction the caller holds (unnamed there: a transaction runs
 * on one connection of the ordinary pool, and only the rare path that needs a lock goes this way).
 */
export async function runPreparedIn<T extends Record<string, unknown>>(tx: { _: Db["_"] }, text: string, params: unknown[]): Promise<T[]> {
  const prepared = tx._.session.prepareQuery({ sql: text, params }, undefined, undefined, false);
  const result = (await prepared.execute()) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * One instance of a drizzle prepared query (built with `sql.placeholder`) per database: the SQL is
 * built once instead of on every call, and postgres.js prepares it. Keyed by the database object,
 * so tests that swap databases get their own.
 */
export function preparedPerDatabase<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const cache = new WeakMap<Db, Q>();
  return (db) => {
    let query = cache.get(db);
    if (!query) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}

/**
 * A drizzle prepared query (built with `sql.placeholder`) on the prepared-statement pool: built once
 * per database, and every caller gets it from the pool that plans it once (`preparedDatabase()`).
 */
export function preparedStatement<Q>(build: (db: Db) => Q): () => Promise<Q> {
  const perDatabase = preparedPerDatabase(build);
  return async () => perDatabase(await preparedDatabase());
}

/**
 * A table row that a statement returned as JSON (`to_jsonb(t)`, keys = column names) as drizzle
 * would return it from a select: property names, Dates, parsed JSON, via each column's own mapping.
 */
export function rowFromJson<T extends Table>(table: T, json: unknown): InferSelectModel<T> {
  return selectionFromJson(getTableColumns(table), json) as InferSelectModel<T>;
}

/** Like rowFromJson for a partial selection (`{ property: column }`, as passed to `db.select`). */
export function selectionFromJson(columns: Record<string, Column>, json: unknown): Record<string, unknown> {
  const record = (typeof json === "string" ? JSON.parse(json) : json) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = record[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}

/** A JSON value of a result column (postgres.js and PGlite parse json/jsonb; a string is parsed here). */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
