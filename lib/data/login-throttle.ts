import "server-only";
import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "@/db/schema";
import { afterFailure, isBlocked, THROTTLE_PER_IP, THROTTLE_PER_USERNAME, type ThrottleState } from "@/lib/punchout/throttle-policy";
import { database } from "./database";

/** True when any of the keys is currently blocked. */
export async function isAnyThrottled(keys: string[], now: Date): Promise<boolean> {
  return (await throttleStatus(keys, now)).blocked;
}

/**
 * Whether any key is blocked, and which keys have failures on record: a successful sign-in only
 * needs to clear failures that exist (saves a DELETE round trip on every punchout request).
 */
export async function throttleStatus(keys: string[], now: Date): Promise<{ blocked: boolean; withFailures: Set<string> }> {
  const db = await database();
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return { blocked: rows.some((row) => isBlocked(row, now)), withFailures: new Set(rows.map((row) => row.key)) };
}

/** Counts a failed login against each key (row-locked, so parallel guesses all count). */
export async function recordLoginFailure(keys: string[], now: Date): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    for (const key of keys) {
      await tx.insert(loginThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
      const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for("update");
      const next: ThrottleState = afterFailure(row ?? null, now, key.includes(":ip:") ? THROTTLE_PER_IP : THROTTLE_PER_USERNAME);
      await tx.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
    }
  });
}

export async function clearLoginFailures(keys: string[]): Promise<void> {
  const db = await database();
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}
