import { afterEach, describe, expect, it, vi } from "vitest";

// The demo seed creates staff and customer accounts whose passwords are in the README (admin@koppel.test /
// demo-admin …) and a punchout connection with a published secret. A production server on PostgreSQL never
// seeds them unless asked to (SEED_DEMO=1); development and the embedded PGlite demo still do by default.
/** `env.SEED_DEMO` for these variables (an absent one: unset). */
async function seedDemoWith(vars: { NODE_ENV: string; DATABASE_URL?: string; SEED_DEMO?: string }) {
  vi.resetModules();
  vi.stubEnv("NODE_ENV", vars.NODE_ENV);
  vi.stubEnv("DATABASE_URL", vars.DATABASE_URL);
  vi.stubEnv("SEED_DEMO", vars.SEED_DEMO);
  vi.stubEnv("AUTH_SECRET", "a-production-secret-of-at-least-32-characters");
  const { env } = await import("@/lib/env");
  return env.SEED_DEMO;
}

afterEach(() => vi.unstubAllEnvs());

const PG = "postgres://koppel@db.internal:5432/koppel";

describe("SEED_DEMO's default", () => {
  it.each([
    ["production on PostgreSQL: off (no accounts with published passwords)", { NODE_ENV: "production", DATABASE_URL: PG }, "0"],
    ["production on PostgreSQL, asked for (the end-to-end server)", { NODE_ENV: "production", DATABASE_URL: PG, SEED_DEMO: "1" }, "1"],
    ["production on the embedded PGlite demo: on", { NODE_ENV: "production" }, "1"],
    ["development on PostgreSQL: on", { NODE_ENV: "development", DATABASE_URL: PG }, "1"],
    ["turned off explicitly", { NODE_ENV: "development", SEED_DEMO: "0" }, "0"],
  ] as const)("%s", async (_case, vars, expected) => {
    expect(await seedDemoWith(vars)).toBe(expected);
  });
});
