/**
 * The admin API's rate limit (lib/admin/api-route.ts): a token bucket per API key, kept in the
 * login_throttle table that already throttles sign-ins and punchout logins (lib/data/login-throttle.ts),
 * so every server process shares one count (a per-process bucket would allow N processes × the limit).
 * Pure: state in, state out.
 *
 * The bucket is stored as whole numbers in the throttle row: `calls` (its `failures` column) is how
 * many calls are still "in" the bucket, `since` (its `windowStartedAt`) the moment up to which the
 * bucket has drained. Every `intervalMs` one call drains out; a call is refused while `burst` calls are
 * in it. So a client may send `burst` calls at once and then one per `intervalMs` for ever — an ERP
 * that sends its nightly feed as fast as it can is slowed to that pace, never shut out for long.
 */
import type { ThrottlePolicy } from "@/lib/punchout/throttle-policy";

export interface RateLimitPolicy {
  /** One call drains out of the bucket per this many milliseconds (100 ms: 10 calls a second). */
  intervalMs: number;
  /** How many calls fit in the bucket: the burst allowed after a quiet spell. */
  burst: number;
}

export interface BucketState {
  calls: number;
  since: Date;
}

/**
 * Per key: 10 calls a second with bursts of 50. The batch endpoints take 1,000 products, 10,000 stock
 * levels or 250,000 price entries a call, so a nightly feed of thousands of rows is a handful of calls;
 * what adds up is one-call-per-thing work (an order read, a shipment, a payment, an ERP customer number
 * per customer) — 3,000 of those take five minutes at this pace, which a nightly run can afford, while
 * a client stuck in a loop can no longer take the server's database for itself.
 */
export const API_KEY_RATE_LIMIT: RateLimitPolicy = { intervalMs: 100, burst: 50 };

/**
 * A signed-in staff member using the API from the browser (or a tool with their session): looser,
 * as nobody clicks this fast by hand and the back office does not call the API itself — but not
 * unlimited, so a script on a session cookie is not the way around the keys' limit.
 */
export const API_SESSION_RATE_LIMIT: RateLimitPolicy = { intervalMs: 50, burst: 200 };

export type BucketDecision = { allowed: true; next: BucketState } | { allowed: false; next: BucketState; retryAfterMs: number };

/** Drains the bucket up to `now`, then takes one call from it if there is room. */
export function takeCall(state: BucketState | null, now: Date, policy: RateLimitPolicy): BucketDecision {
  const at = now.getTime();
  let calls = state?.calls ?? 0;
  let since = state ? state.since.getTime() : at;
  // A clock that went back (another server's row) drains nothing rather than filling the bucket up.
  const drained = Math.max(0, Math.floor((at - since) / policy.intervalMs));
  if (drained >= calls) {
    calls = 0;
    since = at;
  } else {
    calls -= drained;
    // Keep the part of an interval not yet drained, so a steady 10 a second is never refused.
    since += drained * policy.intervalMs;
  }
  if (calls >= policy.burst) {
    return { allowed: false, next: { calls, since: new Date(since) }, retryAfterMs: Math.max(1, since + policy.intervalMs - at) };
  }
  return { allowed: true, next: { calls: calls + 1, since: new Date(since) } };
}

/** Whole seconds for a Retry-After header (at least 1: "0" would invite an immediate retry). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/**
 * Wrong keys per client address (lib/admin/api-route.ts): 20 invalid-key answers within 10 minutes
 * refuse that address's key-bearing calls for 10 minutes — before the key is looked up, so a valid
 * key from there waits too, as a right password does after too many wrong ones (the sign-in policy,
 * lib/punchout/throttle-policy.ts). Guessing is hopeless against 256 random bits; what this stops is
 * a client looping on a wrong, revoked or mistyped key, each call a database lookup. A configured
 * integration sends none at all, and 20 leaves room for a person trying a pasted key a few times and
 * for several integrations behind one company address; after 10 minutes the key can be fixed and
 * tried again without a long wait. Counted in the login_throttle table under invalidKeyThrottleKey.
 */
export const API_INVALID_KEY_THROTTLE: ThrottlePolicy = { maxFailures: 20, windowMs: 10 * 60_000, blockMs: 10 * 60_000 };

/**
 * The throttle key of invalid API keys from a client address (lib/auth/client-address.ts), apart from
 * the sign-in keys (`shop:ip:…`) and the per-key buckets (`api:key:…`). Null without an address: as a
 * sign-in, whose address key is left out then — one bucket shared by every unknown address would let
 * one looping client lock out all of them (and `next start` always writes X-Forwarded-For).
 */
export function invalidKeyThrottleKey(clientAddress: string | null): string | null {
  return clientAddress ? `api:invalid-key:${clientAddress}` : null;
}
