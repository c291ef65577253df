import "server-only";
import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "@/db/schema";
import { afterFailure, isBlocked, THROTTLE_PER_IP, THROTTLE_PER_USERNAME, type ThrottleState } from "@/lib/punchout/throttle-policy";
import { database } from "./database";

/** True when any of the keys is currently blocked. */
export async function isAnyThrottled(keys: string[], now: Date): Promise<boolean> {
  const db = await database();
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return rows.some((row) => isBlocked(row, now));
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
