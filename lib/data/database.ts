import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { getDatabase, type DatabaseHandle, type Db } from "@/db/client";
import * as schema from "@/db/schema";

const startup = globalThis as unknown as { __koppelReady?: Promise<unknown> };

/** Lets every query wait until migrations (and the first seed) have finished. */
export function markDatabasePreparing(ready: Promise<unknown>): void {
  startup.__koppelReady = ready;
}

/**
 * Next.js bundles drizzle-orm into each server layer (route handlers, pages, instrumentation) as a
 * copy of its own, while the connection pool is one per process (db/client.ts, on globalThis). A
 * drizzle instance made by another copy maps every column of every row through drizzle's slow
 * path (its classes fail this copy's instanceof checks: 6 % of a 500-line transfer's CPU,
 * BENCHMARKS.md "Tenth pass"), so each copy of this module wraps the shared client in its own.
 */
const ownDrizzle = new WeakMap<object, Promise<Db>>();

function drizzleOf(handle: DatabaseHandle, client: unknown): Promise<Db> {
  let db = ownDrizzle.get(client as object);
  if (!db) {
    // Imported here, as in db/client.ts, so a PostgreSQL server never loads PGlite and vice versa.
    db =
      handle.driver === "postgres"
        ? import("drizzle-orm/postgres-js").then(({ drizzle }) => drizzle(client as Sql, { schema }) as unknown as Db)
        : import("drizzle-orm/pglite").then(({ drizzle }) => drizzle(client as PGlite, { schema }) as unknown as Db);
    ownDrizzle.set(client as object, db);
  }
  return db;
}

/** The drizzle database for lib/data modules (created lazily on first use). */
export async function database(): Promise<Db> {
  await startup.__koppelReady;
  const handle = await getDatabase();
  return drizzleOf(handle, handle.client);
}

/**
 * The database for named prepared statements (runPrepared, preparedPerDatabase): on PostgreSQL a
 * pool whose sessions plan each of them once (DatabaseHandle.preparedClient). Not for transactions:
 * a statement inside one runs on the transaction's own connection.
 */
export async function preparedDatabase(): Promise<Db> {
  await startup.__koppelReady;
  const handle = await getDatabase();
  return drizzleOf(handle, handle.preparedClient);
}

/** Liveness check used by /api/health. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await startup.__koppelReady;
    const handle = await getDatabase();
    await handle.query("select 1");
    return true;
  } catch {
    return false;
  }
}
