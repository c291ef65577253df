// Usage: tsx tests/support/reset-database.ts <postgres-url>
// Drops and re-creates a LOCAL test database (name must contain "test"), so every run starts fresh.
// Exit 2 when no PostgreSQL server answers (the caller then falls back to PGlite).
import postgres from "postgres";

const url = process.argv[2];
if (!url) throw new Error("usage: reset-database.ts <postgres-url>");
const parsed = new URL(url);
const name = decodeURIComponent(parsed.pathname.slice(1));
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname) || !/test/.test(name) || !/^[a-z0-9_]+$/.test(name)) {
  console.error(`Refusing to reset ${parsed.hostname}/${name}: tests only reset local databases whose name contains "test".`);
  process.exit(1);
}
parsed.pathname = "/postgres";
const admin = postgres(parsed.toString(), { max: 1, onnotice: () => {}, connect_timeout: 3 });
try {
  await admin`select 1`;
} catch (error) {
  console.error(`No PostgreSQL at ${parsed.host}: ${(error as Error).message}`);
  process.exit(2);
}
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();
console.log(`fresh database ${name}`);
