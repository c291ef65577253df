import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { staffApiKeys, users, type StaffApiKey } from "@/db/schema";
import { database } from "./database";
import type { UserRecord } from "./users";
import { getActiveUserById } from "./users";

/** Personal API keys of staff members (only the SHA-256 of a key is stored). */

export async function createApiKey(userId: number, name: string, prefix: string, tokenHash: string, now: Date): Promise<{ id: number }> {
  const db = await database();
  const [row] = await db.insert(staffApiKeys).values({ userId, name, prefix, tokenHash, createdAt: now }).returning({ id: staffApiKeys.id });
  if (!row) throw new Error("api key insert returned nothing");
  return row;
}

export async function listApiKeys(userId: number): Promise<Omit<StaffApiKey, "tokenHash">[]> {
  const db = await database();
  return db
    .select({
      id: staffApiKeys.id,
      userId: staffApiKeys.userId,
      name: staffApiKeys.name,
      prefix: staffApiKeys.prefix,
      createdAt: staffApiKeys.createdAt,
      lastUsedAt: staffApiKeys.lastUsedAt,
      revokedAt: staffApiKeys.revokedAt,
    })
    .from(staffApiKeys)
    .where(eq(staffApiKeys.userId, userId))
    .orderBy(desc(staffApiKeys.createdAt));
}

export async function revokeApiKey(userId: number, keyId: number, now: Date): Promise<boolean> {
  const db = await database();
  const revoked = await db
    .update(staffApiKeys)
    .set({ revokedAt: now })
    .where(and(eq(staffApiKeys.id, keyId), eq(staffApiKeys.userId, userId), isNull(staffApiKeys.revokedAt)))
    .returning({ id: staffApiKeys.id });
  return revoked.length > 0;
}

/** The active owner of an unrevoked key, re-read like a signed-in user (deactivation applies at once). */
export async function getApiKeyOwner(tokenHash: string, now: Date): Promise<UserRecord | null> {
  const db = await database();
  const [key] = await db
    .select({ id: staffApiKeys.id, userId: staffApiKeys.userId })
    .from(staffApiKeys)
    .innerJoin(users, eq(users.id, staffApiKeys.userId))
    .where(and(eq(staffApiKeys.tokenHash, tokenHash), isNull(staffApiKeys.revokedAt)));
  if (!key) return null;
  await db.update(staffApiKeys).set({ lastUsedAt: now }).where(eq(staffApiKeys.id, key.id));
  return getActiveUserById(key.userId);
}
