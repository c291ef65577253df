import { describe, expect, it } from "vitest";
import { API_INVALID_KEY_THROTTLE, invalidKeyThrottleKey, retryAfterSeconds, takeCall, type BucketState } from "@/lib/admin/api-rate-limit";
import { afterFailure, isBlocked, type ThrottleState } from "@/lib/punchout/throttle-policy";

const policy = { intervalMs: 100, burst: 3 };
const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 2) + ms);

/** Feeds the calls at these moments through the bucket; true where one was let through. */
function run(moments: number[]): boolean[] {
  let state: BucketState | null = null;
  return moments.map((ms) => {
    const decision = takeCall(state, at(ms), policy);
    state = decision.next;
    return decision.allowed;
  });
}

describe("the admin API's token bucket", () => {
  it("lets the burst through at once, then refuses until a call has drained out", () => {
    expect(run([0, 0, 0, 0, 99, 100, 100])).toEqual([true, true, true, false, false, true, false]);
  });

  it("never refuses a client at the steady pace, and keeps the part of an interval not yet drained", () => {
    expect(run([0, 0, 0, 100, 200, 300, 400, 500])).toEqual(Array(8).fill(true));
    // 150 ms after a full bucket: one call out (the 50 ms left over count towards the next).
    expect(run([0, 0, 0, 150, 199, 200])).toEqual([true, true, true, true, false, true]);
  });

  it("is empty again after a quiet spell, never more than full", () => {
    expect(run([0, 0, 0, 10_000, 10_000, 10_000, 10_000])).toEqual([true, true, true, true, true, true, false]);
  });

  it("says how long to wait, in whole seconds of at least one", () => {
    const full = { calls: 3, since: at(0) };
    const refused = takeCall(full, at(30), policy);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 70 });
    expect(retryAfterSeconds(70)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });

  it("does not fill up when the stored moment lies ahead of this server's clock", () => {
    const decision = takeCall({ calls: 1, since: at(500) }, at(0), policy);
    expect(decision).toMatchObject({ allowed: true, next: { calls: 2 } });
  });
});

describe("the admin API's throttle of invalid keys per client address", () => {
  /** One invalid key at each of these minutes; whether the address is blocked at `checkAt`. */
  function blockedAt(failureMinutes: number[], checkAt: number): boolean {
    let state: ThrottleState | null = null;
    for (const minute of failureMinutes) state = afterFailure(state, at(minute * 60_000), API_INVALID_KEY_THROTTLE);
    return isBlocked(state, at(checkAt * 60_000));
  }
  const times = (count: number, minute = 0) => Array<number>(count).fill(minute);

  it.each([
    { label: "19 invalid keys: not blocked", failures: times(19), checkAt: 0, blocked: false },
    { label: "20 invalid keys at once: blocked", failures: times(20), checkAt: 0, blocked: true },
    { label: "20 spread over 9 minutes: blocked", failures: [...times(10, 0), ...times(10, 9)], checkAt: 9, blocked: true },
    { label: "still blocked just before 10 minutes after the 20th", failures: times(20, 3), checkAt: 12.99, blocked: true },
    { label: "free again 10 minutes after the 20th", failures: times(20, 3), checkAt: 13, blocked: false },
    { label: "20 over more than 10 minutes: a new window, not blocked", failures: [...times(10, 0), ...times(10, 11)], checkAt: 11, blocked: false },
  ])("$label", ({ failures, checkAt, blocked }) => {
    expect(blockedAt(failures, checkAt)).toBe(blocked);
  });

  it.each([
    { address: "203.0.113.7", key: "api:invalid-key:203.0.113.7" },
    { address: "2001:db8::1", key: "api:invalid-key:2001:db8::1" },
    // No address known: no key (no shared bucket that one client could fill for all).
    { address: null, key: null },
    { address: "", key: null },
  ])("keys the count by the client address $address", ({ address, key }) => {
    expect(invalidKeyThrottleKey(address)).toBe(key);
  });
});
