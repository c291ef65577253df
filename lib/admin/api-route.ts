import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { getStaffUser, type StaffUser } from "@/lib/auth/guards";
import { recordApiKeyCall } from "@/lib/data/api-keys";
import { recordLoginFailure, takeRateLimitedCall, throttleStatus } from "@/lib/data/login-throttle";
import { isCrossOriginPost } from "@/lib/auth/same-origin";
import { isAppError } from "@/lib/errors";
import { authenticateApiKey } from "./api-keys";
import {
  API_INVALID_KEY_THROTTLE,
  API_KEY_RATE_LIMIT,
  API_SESSION_RATE_LIMIT,
  invalidKeyThrottleKey,
  retryAfterSeconds,
  type RateLimitPolicy,
} from "./api-rate-limit";
import { keyAllows, scopesForRole, type ApiScope } from "./api-scopes";

/**
 * The guard of every /admin/api route: a staff member's bearer API key that holds the route's
 * scope. Everyone else gets a 404 (buyers included, like every /admin page); a presented but
 * invalid key gets a 401 so API clients can tell a wrong key from a wrong URL, and a valid key
 * without the scope a 403 naming the scope it lacks (RFC 6750 `insufficient_scope`). Every call
 * made with a key is logged against it, with its answer's status, for the key's owner to audit.
 * Each key has its own rate limit (lib/admin/api-rate-limit.ts): past it, 429 with Retry-After.
 * Invalid keys are counted per client address: past API_INVALID_KEY_THROTTLE, that address's
 * key-bearing calls get a 429 with Retry-After before any key is looked up, until the block ends.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function withStaffApi(request: Request, scope: ApiScope, handler: (staff: StaffUser) => Promise<Response>): Promise<Response> {
  const authorization = request.headers.get("authorization");
  const now = new Date();
  const invalidKeyBucket = authorization ? invalidKeyThrottleKey(clientAddress(request.headers)) : null;
  if (invalidKeyBucket) {
    const locked = await lockedOut(invalidKeyBucket, now);
    if (locked) return locked;
  }
  const staff = authorization ? await authenticateApiKey(authorization, now) : null;
  if (!staff) {
    if (authorization) {
      // The address's count only (never the key itself: a mistyped real key must not reach a log).
      // A valid key later clears nothing, as a sign-in leaves its address's count: the block is the address's.
      if (invalidKeyBucket) await recordLoginFailure([invalidKeyBucket], now, API_INVALID_KEY_THROTTLE);
      return Response.json({ error: "invalid_api_key", code: "unauthenticated", details: null }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="koppel"' } });
    }
    // A signed-in staff member may use the API from the browser too (with their own full reach); anyone else: not found.
    const sessionStaff = await getStaffUser();
    if (!sessionStaff) return Response.json({ error: "not_found", code: "not_found", details: null }, { status: 404 });
    // The session cookie is SameSite=Lax, so a sibling host's page (same site) can still make a signed-in
    // staff member's browser post here (a text/plain POST needs no preflight): changes by session only
    // from our own origin, as the upload and import routes. A key travels in no cookie: any Origin goes.
    if (!SAFE_METHODS.has(request.method) && isCrossOriginPost(request)) {
      return Response.json({ error: "cross_origin", code: "forbidden", details: null }, { status: 403 });
    }
    const limited = await rateLimited(`api:session:${sessionStaff.id}`, API_SESSION_RATE_LIMIT, now);
    if (limited) return limited;
    return run(sessionStaff, handler);
  }
  const url = new URL(request.url);
  // The log is for looking back; a failing write must not turn a done call into an error the ERP retries.
  const log = (status: number) =>
    recordApiKeyCall({ keyId: staff.apiKey.id, method: request.method, path: `${url.pathname}${url.search}`, status }, now).catch((error: unknown) =>
      console.error("[koppel] logging an API call failed", error),
    );
  // Before the scope checks: a client looping on a 403 or 404 costs the server as much as one on a 200.
  const limited = await rateLimited(`api:key:${staff.apiKey.id}`, API_KEY_RATE_LIMIT, now);
  if (limited) {
    await log(429);
    return limited;
  }
  if (!scopesForRole(staff.role === "admin" ? "admin" : "account_manager").includes(scope)) {
    // Admin-only endpoints are "not found" to account managers, with a key as in the back office.
    await log(404);
    return Response.json({ error: "not_found", code: "not_found", details: null }, { status: 404 });
  }
  if (!keyAllows(staff.apiKey.scopes, scope)) {
    await log(403);
    return Response.json(
      { error: "insufficient_scope", code: "forbidden", details: { required: scope, granted: staff.apiKey.scopes } },
      { status: 403, headers: { "WWW-Authenticate": `Bearer realm="koppel", error="insufficient_scope", scope="${scope}"` } },
    );
  }
  let response: Response;
  try {
    response = await run(staff, handler);
  } catch (error) {
    await log(500);
    throw error;
  }
  await log(response.status);
  return response;
}

/** The 429 answer when the bucket is empty, or null to go on. */
async function rateLimited(bucket: string, policy: RateLimitPolicy, now: Date): Promise<Response | null> {
  const decision = await takeRateLimitedCall(bucket, policy, now);
  if (decision.allowed) return null;
  const seconds = retryAfterSeconds(decision.retryAfterMs);
  return Response.json(
    { error: "rate_limited", code: "rate_limited", details: { retryAfterSeconds: seconds, perSecond: 1000 / policy.intervalMs, burst: policy.burst } },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

/**
 * The 429 for a client address blocked for its invalid keys, or null to go on. The refusal shape
 * and code of the rate limit (a client that waits the Retry-After gets in again); its own `error`,
 * so whoever reads it knows the key is what to fix. A refused call is not counted.
 */
async function lockedOut(throttleKey: string, now: Date): Promise<Response | null> {
  const { blockedUntil } = await throttleStatus([throttleKey], now);
  if (!blockedUntil) return null;
  const seconds = retryAfterSeconds(blockedUntil.getTime() - now.getTime());
  return Response.json({ error: "too_many_invalid_keys", code: "rate_limited", details: { retryAfterSeconds: seconds } }, { status: 429, headers: { "Retry-After": String(seconds) } });
}

async function run(staff: StaffUser, handler: (staff: StaffUser) => Promise<Response>): Promise<Response> {
  try {
    return await handler(staff);
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message, code: error.code, details: error.details ?? null }, { status: error.httpStatus });
    throw error;
  }
}

/**
 * A request body or query the schema refused: 400 in the shape of every other refusal (`error`,
 * `code`, `details`), with zod's issues (each with its `path`, e.g. ["items", 3, "vatRate"]).
 */
export function invalidInput(issues: readonly unknown[]): Response {
  return Response.json({ error: "invalid_input", code: "invalid_input", details: null, issues: issues.slice(0, 50) }, { status: 400 });
}
