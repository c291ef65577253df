import path from "node:path";
import type { DatabaseHandle } from "./client";

export const MIGRATION_LOCK_KEY = 727_274;
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** Applies the committed drizzle-kit migrations; idempotent. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Serialise concurrent starts (several app processes, test workers) on one database.
    await handle.withAdvisoryLock(MIGRATION_LOCK_KEY, () => migrate(handle.db as never, { migrationsFolder }));
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}
