import "server-only";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { staffApiKeyCalls, staffApiKeys, users, type StaffApiKey, type StaffApiKeyCall } from "@/db/schema";
import { database } from "./database";
import { recordSecurityEventIn, type SecurityActor } from "./security-events";
import type { UserRecord } from "./users";
import { getActiveUserById } from "./users";

/** Personal API keys of staff members (only the SHA-256 of a key is stored). */

export async function createApiKey(userId: number, name: string, prefix: string, tokenHash: string, scopes: readonly string[], now: Date): Promise<{ id: number }> {
  const db = await database();
  const [row] = await db.insert(staffApiKeys).values({ userId, name, prefix, tokenHash, scopes: [...scopes], createdAt: now }).returning({ id: staffApiKeys.id });
  if (!row) throw new Error("api key insert returned nothing");
  return row;
}

/** A key as its pages show it: everything but the token's hash. */
const keyColumns = {
  id: staffApiKeys.id,
  userId: staffApiKeys.userId,
  name: staffApiKeys.name,
  prefix: staffApiKeys.prefix,
  scopes: staffApiKeys.scopes,
  createdAt: staffApiKeys.createdAt,
  lastUsedAt: staffApiKeys.lastUsedAt,
  revokedAt: staffApiKeys.revokedAt,
};

export async function listApiKeys(userId: number): Promise<Omit<StaffApiKey, "tokenHash">[]> {
  const db = await database();
  return db
    .select(keyColumns)
    .from(staffApiKeys)
    .where(eq(staffApiKeys.userId, userId))
    .orderBy(desc(staffApiKeys.createdAt));
}

/** Every staff member's keys but `exceptUserId`'s, with their owner (admins oversee all keys), owners by name, newest first. */
export async function listOtherStaffApiKeys(exceptUserId: number): Promise<(Omit<StaffApiKey, "tokenHash"> & { owner: { name: string; email: string; role: string; active: boolean } })[]> {
  const db = await database();
  return db
    .select({
      ...keyColumns,
      owner: { name: users.name, email: users.email, role: users.role, active: users.active },
    })
    .from(staffApiKeys)
    .innerJoin(users, eq(users.id, staffApiKeys.userId))
    .where(sql`${staffApiKeys.userId} <> ${exceptUserId}`)
    .orderBy(users.name, users.id, desc(staffApiKeys.createdAt));
}

/**
 * Revokes an unrevoked key — `ownerId` limits it to that staff member's keys (null: any key, for an
 * admin) — and records it in the owner's history (account security events, as a deactivation is), in
 * the same transaction: who revoked which key stays on record, also after the key is gone from use.
 */
export async function revokeApiKey(ownerId: number | null, keyId: number, actor: SecurityActor, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(staffApiKeys)
      .set({ revokedAt: now })
      .where(and(eq(staffApiKeys.id, keyId), ownerId === null ? undefined : eq(staffApiKeys.userId, ownerId), isNull(staffApiKeys.revokedAt)))
      .returning({ userId: staffApiKeys.userId, name: staffApiKeys.name, prefix: staffApiKeys.prefix });
    if (!revoked) return false;
    await recordSecurityEventIn(tx, { userId: revoked.userId, companyId: null, kind: "api_key_revoked", actor, detail: { apiKey: `${revoked.name} (${revoked.prefix}…)` } }, now);
    return true;
  });
}

export interface ApiKeyGrant {
  id: number;
  name: string;
  /** Null: a key made before scopes existed (its owner's full reach). */
  scopes: string[] | null;
}

/** The active owner of an unrevoked key and what the key may do, re-read like a signed-in user (deactivation and revocation apply at once). */
export async function getApiKeyOwner(tokenHash: string, now: Date): Promise<{ owner: UserRecord; key: ApiKeyGrant } | null> {
  const db = await database();
  const [key] = await db
    .select({ id: staffApiKeys.id, userId: staffApiKeys.userId, name: staffApiKeys.name, scopes: staffApiKeys.scopes })
    .from(staffApiKeys)
    .innerJoin(users, eq(users.id, staffApiKeys.userId))
    .where(and(eq(staffApiKeys.tokenHash, tokenHash), isNull(staffApiKeys.revokedAt)));
  if (!key) return null;
  await db.update(staffApiKeys).set({ lastUsedAt: now }).where(eq(staffApiKeys.id, key.id));
  const owner = await getActiveUserById(key.userId);
  return owner ? { owner, key: { id: key.id, name: key.name, scopes: key.scopes } } : null;
}

/** How long the calls of a key are kept for its owner to look back on. */
export const API_KEY_CALL_RETENTION_DAYS = 90;

/** Logs one call made with a key; the key's calls older than the retention go in the same statement's wake. */
export async function recordApiKeyCall(call: { keyId: number; method: string; path: string; status: number }, now: Date): Promise<void> {
  const db = await database();
  await db.insert(staffApiKeyCalls).values({ keyId: call.keyId, at: now, method: call.method.slice(0, 10), path: call.path.slice(0, 300), status: call.status });
  const cutoff = new Date(now.getTime() - API_KEY_CALL_RETENTION_DAYS * 86_400_000);
  await db.delete(staffApiKeyCalls).where(and(eq(staffApiKeyCalls.keyId, call.keyId), lt(staffApiKeyCalls.at, cutoff)));
}

/** The latest calls of each of these keys (newest first, at most `perKey` each), and how many each made in the retention window. */
export async function listRecentApiKeyCalls(keyIds: number[], perKey: number): Promise<Map<number, { calls: StaffApiKeyCall[]; total: number }>> {
  const db = await database();
  // A staff member has a handful of keys: one indexed read per key beats ranking all their calls.
  const entries = await Promise.all(
    keyIds.map(async (keyId) => {
      const [calls, [count]] = await Promise.all([
        db.select().from(staffApiKeyCalls).where(eq(staffApiKeyCalls.keyId, keyId)).orderBy(desc(staffApiKeyCalls.at), desc(staffApiKeyCalls.id)).limit(perKey),
        db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(staffApiKeyCalls).where(eq(staffApiKeyCalls.keyId, keyId)),
      ]);
      return [keyId, { calls, total: count?.total ?? 0 }] as const;
    }),
  );
  return new Map(entries);
}
