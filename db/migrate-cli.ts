// npm run db:migrate — applies the committed migrations to DATABASE_URL (or PGlite in PGLITE_DIR).
// For PGlite only while the app is stopped: PGlite has no cross-process lock.
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined });
try {
  await migrateDatabase(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
