import "server-only";
import { getDatabase, type Db } from "@/db/client";

const startup = globalThis as unknown as { __koppelReady?: Promise<unknown> };

/** Lets every query wait until migrations (and the first seed) have finished. */
export function markDatabasePreparing(ready: Promise<unknown>): void {
  startup.__koppelReady = ready;
}

/** The drizzle database for lib/data modules (created lazily on first use). */
export async function database(): Promise<Db> {
  await startup.__koppelReady;
  return (await getDatabase()).db;
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
