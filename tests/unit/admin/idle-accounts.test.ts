import { describe, expect, it } from "vitest";
import { z } from "zod";
import { idleDaysParam, idleFilterChoices, isIdle } from "@/lib/admin/idle-accounts";

const now = new Date("2026-11-30T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const account = (overrides: Partial<Parameters<typeof isIdle>[0]> = {}) => ({ active: true, hasPassword: true, lastSignInAt: daysAgo(10), createdAt: daysAgo(400), ...overrides });

describe("idle accounts (access review)", () => {
  it.each([
    ["signed in 10 days ago", account(), 30, false],
    ["signed in exactly 30 days ago", account({ lastSignInAt: daysAgo(30) }), 30, true],
    ["signed in 29.9 days ago", account({ lastSignInAt: daysAgo(29.9) }), 30, false],
    ["signed in 100 days ago", account({ lastSignInAt: daysAgo(100) }), 90, true],
    ["never signed in, created 100 days ago", account({ lastSignInAt: null }), 90, true],
    ["never signed in, created yesterday", account({ lastSignInAt: null, createdAt: daysAgo(1) }), 30, false],
    ["no sign-in recorded (older rows)", account({ lastSignInAt: undefined, createdAt: daysAgo(200) }), 180, true],
    ["deactivated", account({ active: false, lastSignInAt: daysAgo(500) }), 30, false],
    ["open invitation (no password)", account({ hasPassword: false, lastSignInAt: null }), 30, false],
  ])("%s, %d days: %s", (_label, input, days, expected) => {
    expect(isIdle(input, days, now)).toBe(expected);
  });

  it.each([
    ["90", 90],
    ["365", 365],
    ["45", undefined],
    ["x", undefined],
    [undefined, undefined],
  ])("?idle=%s → %s", (raw, expected) => {
    expect(z.object({ idle: idleDaysParam }).parse({ idle: raw }).idle).toBe(expected);
  });

  it("offers everybody and each period with its count, marking the current one", () => {
    const accounts = [account(), account({ lastSignInAt: daysAgo(100) }), account({ lastSignInAt: daysAgo(400) }), account({ active: false })];
    expect(idleFilterChoices("/admin/staff", accounts, 90, now)).toEqual([
      { href: "/admin/staff", days: null, count: 4, current: false },
      { href: "/admin/staff?idle=30", days: 30, count: 2, current: false },
      { href: "/admin/staff?idle=90", days: 90, count: 2, current: true },
      { href: "/admin/staff?idle=180", days: 180, count: 1, current: false },
      { href: "/admin/staff?idle=365", days: 365, count: 1, current: false },
    ]);
    expect(idleFilterChoices("/x", [], undefined, now)[0]).toEqual({ href: "/x", days: null, count: 0, current: true });
  });
});
