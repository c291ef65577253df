import "server-only";
import { getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isDatabaseSeeded, seedDemoData, type SeedSummary } from "@/db/seed/demo-data";
import { hashPassword } from "@/lib/auth/password";
import { markDatabasePreparing } from "./database";

/**
 * Brings the database to the current schema and, when it is empty and seeding is on, fills it
 * with the demo data. Runs once per server process (instrumentation.ts) before requests are served.
 */
export function prepareDatabase(options: {
  seedDemo: boolean;
  productCount: number;
  now: Date;
}): Promise<{ seeded: SeedSummary | null }> {
  const ready = migrateAndSeed(options);
  markDatabasePreparing(ready.catch(() => undefined));
  return ready;
}

async function migrateAndSeed(options: { seedDemo: boolean; productCount: number; now: Date }): Promise<{ seeded: SeedSummary | null }> {
  const handle = await getDatabase();
  await migrateDatabase(handle);
  if (!options.seedDemo) return { seeded: null };
  const summary = await handle.withAdvisoryLock(727_275, async () =>
    (await isDatabaseSeeded(handle))
      ? null
      : seedDemoData(handle, { productCount: options.productCount, hashPassword, now: options.now }),
  );
  return { seeded: summary };
}
