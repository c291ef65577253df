import postgres from "postgres";

/**
 * Read-only look-ups in the e2e server's database, to pick products the seed guarantees
 * (e.g. one with a contract price) without hard-coding generated SKUs.
 */
export function openE2eDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must point at the e2e server's database");
  return postgres(url, { max: 2, onnotice: () => {} });
}
