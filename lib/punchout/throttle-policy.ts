/**
 * Login throttling (punchout credentials, PROTOCOLS.md §5, and shop sign-ins): after `maxFailures` wrong credentials for one key
 * (a username, an IP address) within `windowMs`, that key is refused for `blockMs` – even with the
 * right password, so guessing cannot continue. Pure: state in, state out.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  blockMs: number;
}

/** Per username: a handful of typos. Per IP: higher, since a whole company may sit behind one address. */
export const THROTTLE_PER_USERNAME: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const THROTTLE_PER_IP: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

export function isBlocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.blockedUntil && state.blockedUntil > now;
}

export function afterFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() > policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    windowStartedAt: fresh ? now : state.windowStartedAt,
    blockedUntil: failures >= policy.maxFailures ? new Date(now.getTime() + policy.blockMs) : (state?.blockedUntil ?? null),
  };
}
