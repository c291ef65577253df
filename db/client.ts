import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** One typed database for both drivers: postgres.js (DATABASE_URL) and embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbDriver = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Db;
  driver: DbDriver;
  /** The driver's client (postgres.js `Sql` or `PGlite`) under `db`, for a drizzle instance of another module copy (lib/data/database.ts). */
  client: unknown;
  /**
   * The client for named prepared statements (lib/data/prepared-sql.ts): with PostgreSQL a pool of
   * its own whose sessions plan them once (`plan_cache_mode = force_generic_plan`); PGlite: `client`.
   *
   * Why: PostgreSQL plans a prepared statement anew on every execution ("custom plan") for as long
   * as that looks cheaper for the values given than its generic plan. For the hot-path statements —
   * key lookups with arrays of SKUs, references or keys — it always does, although the generic plan
   * runs as fast: an OrderRequest's authentication and intake read took 0.94 ms of planning for
   * 0.37 ms of execution, every time (pg_stat_statements, BENCHMARKS.md "Eleventh pass"). The
   * setting is per session, and ad-hoc (unnamed) statements planned generically lose their
   * value-specific plans (the account's order list: 1.4 → 1.9 ms), hence two pools.
   */
  preparedClient: unknown;
  /** Runs raw SQL and returns rows, hiding the drivers' different result shapes. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` while holding a PostgreSQL session advisory lock (PGlite: single process, no lock needed). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres://… → PostgreSQL via postgres.js. Absent → PGlite. */
  url?: string;
  /** PGlite data directory; "memory://" for an in-memory database. */
  pgliteDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

/**
 * postgres.js connection options from a libpq-style URL. `?host=/var/run/postgresql` (or
 * `postgres://user@%2Fvar%2Frun%2Fpostgresql/db`) means PostgreSQL's Unix socket in that
 * directory, as psql reads it; postgres.js itself would send `host` to the server as a setting.
 * On one machine the socket saves the TCP loopback work of every statement (BENCHMARKS.md).
 */
export function postgresConnection(url: string): { url: string; socketDir: string | undefined } {
  const parsed = new URL(url);
  const hostParam = parsed.searchParams.get("host");
  const hostname = decodeURIComponent(parsed.hostname);
  const socketDir = hostParam?.startsWith("/") ? hostParam : hostname.startsWith("/") ? hostname : undefined;
  if (!socketDir) return { url, socketDir: undefined };
  parsed.searchParams.delete("host");
  parsed.hostname = "localhost";
  return { url: parsed.toString(), socketDir };
}

/** postgres.js options for `postgresConnection(url)`: pass as `postgres(connection.url, { ...socketOptions(connection), … })`. */
export const socketOptions = (connection: { socketDir: string | undefined }) => (connection.socketDir ? { host: connection.socketDir } : {});

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const connection = postgresConnection(config.url);
    const max = config.maxConnections ?? 10;
    const client = postgres(connection.url, { ...socketOptions(connection), max, onnotice: () => {} });
    // Connections are opened on demand: a process that runs few prepared statements opens few.
    const preparedClient = postgres(connection.url, {
      ...socketOptions(connection),
      max,
      onnotice: () => {},
      connection: { plan_cache_mode: "force_generic_plan" },
    });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      driver: "postgres",
      client,
      preparedClient,
      query: async (text, params = []) => (await client.unsafe(text, params as never[])) as never,
      withAdvisoryLock: async (key, fn) => {
        // A separate connection holds the lock, so the pool stays free for `fn` even when max is 1.
        const lock = postgres(connection.url, { ...socketOptions(connection), max: 1, onnotice: () => {} });
        try {
          await lock`select pg_advisory_lock(${key})`;
          return await fn();
        } finally {
          await lock`select pg_advisory_unlock(${key})`.catch(() => {});
          await lock.end({ timeout: 5 });
        }
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), preparedClient.end({ timeout: 5 })]);
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = config.pgliteDir ?? path.resolve(".data/pglite");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    driver: "pglite",
    client,
    preparedClient: client,
    query: async (text, params = []) => (await client.query(text, params)).rows as never,
    withAdvisoryLock: (_key, fn) => fn(),
    close: () => client.close(),
  };
}

/**
 * The process-wide database, created on first use (never at import: `next build` imports every route
 * module and must not touch a database) and kept on globalThis so `next dev` reloads and Next's
 * separate module instances share one client. PGlite has no cross-process lock: one process per dir.
 */
const holder = globalThis as unknown as { __koppelDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  holder.__koppelDb ??= openDatabase({
    url: process.env.DATABASE_URL || undefined,
    pgliteDir: process.env.PGLITE_DIR || undefined,
    maxConnections: process.env.DATABASE_POOL_SIZE ? Number(process.env.DATABASE_POOL_SIZE) : undefined,
  });
  return holder.__koppelDb;
}

/** Test hook: make `getDatabase()` return a handle the test opened itself. */
export function setDatabaseForTests(handle: DatabaseHandle | undefined): void {
  holder.__koppelDb = handle ? Promise.resolve(handle) : undefined;
}

export { schema };
