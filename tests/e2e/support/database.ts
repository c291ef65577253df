import postgres from "postgres";

/**
 * The e2e server's database: look-ups to pick products the seed guarantees (e.g. one with a
 * contract price) without hard-coding generated SKUs, and the few resets a journey needs to start
 * from a known state (a buyer's empty cart).
 */
export function openE2eDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must point at the e2e server's database");
  return postgres(url, { max: 2, onnotice: () => {} });
}
