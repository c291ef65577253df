import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { templateName, withDatabase } from "./test-database";

/** Prepares one migrated template database that every integration test file clones (fast, isolated). */
export default async function setup(): Promise<() => Promise<void>> {
  const baseUrl = process.env.KOPPEL_TEST_PG_URL;
  if (!baseUrl) return async () => {};
  const template = templateName(baseUrl);
  const admin = postgres(withDatabase(baseUrl, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${template}" with (force)`);
  await admin.unsafe(`create database "${template}"`);
  const handle = await openDatabase({ url: withDatabase(baseUrl, template), maxConnections: 1 });
  await migrateDatabase(handle);
  await handle.close();
  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}
