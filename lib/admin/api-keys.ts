import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { StaffUser } from "@/lib/auth/guards";
import { createApiKey, getApiKeyOwner, revokeApiKey } from "@/lib/data/api-keys";
import { AppError } from "@/lib/errors";

/**
 * Personal API keys for the price-list API (`Authorization: Bearer kop_…`). The key is shown once
 * when created; only its SHA-256 is stored. Requests act as the key's owner, with the owner's
 * current role and customer assignments, and are audited with source "api".
 */
const PREFIX = "kop_";

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

export async function createStaffApiKey(staff: StaffUser, name: string, now: Date): Promise<{ id: number; key: string }> {
  const key = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const { id } = await createApiKey(staff.id, name, key.slice(0, PREFIX.length + 6), hashKey(key), now);
  return { id, key };
}

export async function revokeStaffApiKey(staff: StaffUser, keyId: number, now: Date): Promise<void> {
  if (!(await revokeApiKey(staff.id, keyId, now))) throw new AppError("not_found", "api_key_not_found");
}

/** The staff member behind a bearer key, or null (missing, malformed, revoked, owner inactive or not staff). */
export async function authenticateApiKey(authorization: string | null, now: Date): Promise<StaffUser | null> {
  const match = /^Bearer\s+(kop_[A-Za-z0-9_-]{20,100})$/.exec(authorization?.trim() ?? "");
  if (!match) return null;
  const owner = await getApiKeyOwner(hashKey(match[1]!), now);
  if (!owner) return null;
  const { passwordHash: _hash, ...rest } = owner;
  if ((rest.role !== "admin" && rest.role !== "account_manager") || rest.companyId !== null) return null;
  return { ...rest, punchout: null, impersonatedBy: null } as StaffUser;
}
