import { describe, expect, it } from "vitest";
import { onboardingStage } from "@/lib/account-requests/stage";

const NOW = new Date("2026-12-01T10:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * 24 * 3600_000);
const person = (overrides: Partial<Parameters<typeof onboardingStage>[0] & object> = {}) => ({
  active: true,
  hasPassword: false,
  lastSignInAt: null,
  inviteExpiresAt: at(7),
  ...overrides,
});

describe("where an approved account request stands", () => {
  it("invited until the link's end, then lapsed; a password and a sign-in move it on", () => {
    expect(onboardingStage(person(), NOW)).toEqual({ stage: "invited", until: at(7) });
    expect(onboardingStage(person({ inviteExpiresAt: at(-1) }), NOW)).toEqual({ stage: "invite_expired" });
    expect(onboardingStage(person({ inviteExpiresAt: null }), NOW)).toEqual({ stage: "invite_expired" });
    expect(onboardingStage(person({ hasPassword: true, inviteExpiresAt: null }), NOW)).toEqual({ stage: "password_chosen" });
    expect(onboardingStage(person({ hasPassword: true, lastSignInAt: at(-2) }), NOW)).toEqual({ stage: "signed_in", at: at(-2) });
  });

  it("a deactivated or vanished user says so before anything else", () => {
    expect(onboardingStage(person({ active: false, hasPassword: true, lastSignInAt: at(-2) }), NOW)).toEqual({ stage: "deactivated" });
    expect(onboardingStage(null, NOW)).toEqual({ stage: "none" });
  });
});
