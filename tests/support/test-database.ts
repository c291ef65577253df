import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, setDatabaseForTests, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/**
 * A fresh, migrated database for one test file. With KOPPEL_TEST_PG_URL (set by tests/run-all.sh)
 * it is a new PostgreSQL database cloned from the migrated template that global-setup prepared;
 * otherwise an in-memory PGlite. lib/data uses it through setDatabaseForTests.
 */
export async function useFreshDatabase(): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  const baseUrl = process.env.KOPPEL_TEST_PG_URL;
  if (!baseUrl) {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    await migrateDatabase(handle);
    setDatabaseForTests(handle);
    return { handle, dispose: async () => (setDatabaseForTests(undefined), handle.close()) };
  }
  const template = templateName(baseUrl);
  const name = `${template.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(withDatabase(baseUrl, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  const handle = await openDatabase({ url: withDatabase(baseUrl, name), maxConnections: 20 });
  setDatabaseForTests(handle);
  return {
    handle,
    dispose: async () => {
      setDatabaseForTests(undefined);
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export function templateName(baseUrl: string): string {
  return `${new URL(baseUrl).pathname.slice(1) || "koppel_test"}_template`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
