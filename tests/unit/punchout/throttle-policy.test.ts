import { describe, expect, it } from "vitest";
import { afterFailure, isBlocked, THROTTLE_PER_USERNAME, type ThrottleState } from "@/lib/punchout/throttle-policy";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 10, minutes));

function fail(times: number, start: ThrottleState | null = null, minute = 0): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailure(state, at(minute), THROTTLE_PER_USERNAME);
  return state;
}

describe("punchout login throttling", () => {
  it.each([
    { label: "4 failures: still allowed", failures: 4, checkAt: 1, blocked: false },
    { label: "5 failures: blocked", failures: 5, checkAt: 1, blocked: true },
    { label: "blocked for 15 minutes", failures: 5, checkAt: 14, blocked: true },
    { label: "free again after 15 minutes", failures: 5, checkAt: 16, blocked: false },
  ])("$label", ({ failures, checkAt, blocked }) => {
    expect(isBlocked(fail(failures), at(checkAt))).toBe(blocked);
  });

  it("starts a new window after 15 quiet minutes", () => {
    const state = fail(4);
    expect(afterFailure(state, at(20), THROTTLE_PER_USERNAME)).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it("nothing recorded is never blocked", () => {
    expect(isBlocked(null, at(0))).toBe(false);
  });
});
