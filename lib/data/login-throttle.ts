import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { loginThrottle } from "@/db/schema";
import { takeCall, type BucketDecision, type RateLimitPolicy } from "@/lib/admin/api-rate-limit";
import { afterFailure, isBlocked, THROTTLE_PER_IP, THROTTLE_PER_USERNAME, type ThrottlePolicy, type ThrottleState } from "@/lib/punchout/throttle-policy";
import { database } from "./database";
import { jsonValue, preparedStatement, rowFromJson } from "./prepared-sql";

export interface ThrottleStatus {
  blocked: boolean;
  /** When the last block in force ends (a Retry-After); null when not blocked. */
  blockedUntil: Date | null;
  withFailures: Set<string>;
}

/** What throttleStatus derives from the rows of the keys. */
function throttleStatusOf(rows: ThrottleRow[], now: Date): ThrottleStatus {
  const ends = rows.filter((row) => isBlocked(row, now)).map((row) => row.blockedUntil!.getTime());
  return { blocked: ends.length > 0, blockedUntil: ends.length ? new Date(Math.max(...ends)) : null, withFailures: new Set(rows.map((row) => row.key)) };
}

/** throttleStatus from the JSON array that THROTTLE_ROWS_JSON selected in another statement. */
export function throttleStatusFromJson(json: unknown, now: Date): ThrottleStatus {
  return throttleStatusOf(jsonValue<unknown[]>(json ?? []).map((row) => rowFromJson(loginThrottle, row)), now);
}

type ThrottleRow = typeof loginThrottle.$inferSelect;

/**
 * A scalar subquery for other statements (the cXML endpoints read the throttle rows together with
 * their credential candidates): the rows of the keys in `$1` (text[]) as one JSON array.
 */
export const THROTTLE_ROWS_JSON = `(select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) from "login_throttle" t where t."key" = any($1::text[]))`;

/** The throttle rows of some keys (every punchout request reads them: prepared). */
const throttleRows = preparedStatement((db) =>
  db
    .select()
    .from(loginThrottle)
    .where(sql`${loginThrottle.key} = any(${sql.placeholder("keys")}::text[])`)
    .prepare("login_throttle_status"),
);

/**
 * Whether any key is blocked, and which keys have failures on record: a successful sign-in only
 * needs to clear failures that exist (saves a DELETE round trip on every punchout request).
 */
export async function throttleStatus(keys: string[], now: Date): Promise<ThrottleStatus> {
  return throttleStatusOf(await (await throttleRows()).execute({ keys }), now);
}

/**
 * Counts a failed login against each key (row-locked, so parallel guesses all count), under
 * `policy` when given (the admin API's invalid keys), else each key's by its kind (per IP or per username).
 */
export async function recordLoginFailure(keys: string[], now: Date, policy?: ThrottlePolicy): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    for (const key of keys) {
      await tx.insert(loginThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
      const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for("update");
      const next: ThrottleState = afterFailure(row ?? null, now, policy ?? (key.includes(":ip:") ? THROTTLE_PER_IP : THROTTLE_PER_USERNAME));
      await tx.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
    }
  });
}

export async function clearLoginFailures(keys: string[]): Promise<void> {
  const db = await database();
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}

/**
 * Takes one call from a rate-limit bucket kept in a throttle row (the admin API's per-key limit,
 * lib/admin/api-rate-limit.ts): `failures` holds the calls in the bucket, `windowStartedAt` how far it
 * has drained. Row-locked like recordLoginFailure, so parallel calls of one key (from any server
 * process) are all counted; a refused call is not counted, so a client that waits the Retry-After
 * gets in. Keys are namespaced (`api:key:…`) apart from the sign-in keys.
 */
export async function takeRateLimitedCall(key: string, policy: RateLimitPolicy, now: Date): Promise<BucketDecision> {
  const db = await database();
  return db.transaction(async (tx) => {
    await tx.insert(loginThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for("update");
    const decision = takeCall(row ? { calls: row.failures, since: row.windowStartedAt } : null, now, policy);
    if (decision.allowed) await tx.update(loginThrottle).set({ failures: decision.next.calls, windowStartedAt: decision.next.since }).where(eq(loginThrottle.key, key));
    return decision;
  });
}
