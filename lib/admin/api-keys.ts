import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { StaffUser } from "@/lib/auth/guards";
import { createApiKey, getApiKeyOwner, revokeApiKey, type ApiKeyGrant } from "@/lib/data/api-keys";
import { AppError } from "@/lib/errors";
import { scopesForRole, type ApiScope } from "./api-scopes";

/**
 * Personal API keys for the admin API (`Authorization: Bearer kop_…`). The key is shown once
 * when created; only its SHA-256 is stored. Requests act as the key's owner, with the owner's
 * current role and customer assignments, limited to the key's scopes (lib/admin/api-scopes.ts);
 * every call is logged against the key (lib/admin/api-route.ts) and price changes are audited
 * with source "api".
 */
const PREFIX = "kop_";

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** `scopes` defaults to everything the owner's role can use; the back office always passes the ones ticked. */
export async function createStaffApiKey(staff: StaffUser, name: string, now: Date, scopes?: readonly ApiScope[]): Promise<{ id: number; key: string }> {
  const allowed = scopesForRole(staff.role === "admin" ? "admin" : "account_manager");
  const chosen = scopes ?? allowed;
  if (chosen.length === 0) throw new AppError("invalid_input", "scopes_required", { fieldErrors: { scopes: ["scopes_required"] } });
  if (chosen.some((scope) => !allowed.includes(scope))) throw new AppError("invalid_input", "scope_not_allowed", { fieldErrors: { scopes: ["scope_not_allowed"] } });
  const key = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const ordered = allowed.filter((scope) => chosen.includes(scope));
  const { id } = await createApiKey(staff.id, name, key.slice(0, PREFIX.length + 6), hashKey(key), ordered, now);
  return { id, key };
}

/**
 * Revokes a key: an admin any staff member's (a leaked ERP key must not wait for its owner, nor for
 * their deactivation), an account manager only their own — another's is "not found" to them.
 */
export async function revokeStaffApiKey(staff: StaffUser, keyId: number, now: Date): Promise<void> {
  const ownerId = staff.role === "admin" ? null : staff.id;
  if (!(await revokeApiKey(ownerId, keyId, { userId: staff.id, name: staff.name, role: staff.role }, now))) throw new AppError("not_found", "api_key_not_found");
}

export type ApiKeyUser = StaffUser & { apiKey: ApiKeyGrant };

/** The staff member behind a bearer key, with the key's grant, or null (missing, malformed, revoked, owner inactive or not staff). */
export async function authenticateApiKey(authorization: string | null, now: Date): Promise<ApiKeyUser | null> {
  const match = /^Bearer\s+(kop_[A-Za-z0-9_-]{20,100})$/.exec(authorization?.trim() ?? "");
  if (!match) return null;
  const found = await getApiKeyOwner(hashKey(match[1]!), now);
  if (!found) return null;
  const { passwordHash: _hash, ...rest } = found.owner;
  if ((rest.role !== "admin" && rest.role !== "account_manager") || rest.companyId !== null) return null;
  return { ...rest, punchout: null, impersonatedBy: null, apiKey: found.key } as ApiKeyUser;
}
