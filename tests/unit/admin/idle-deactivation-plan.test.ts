import { describe, expect, it } from "vitest";
import { planIdleDeactivation, type IdleCandidate } from "@/lib/admin/idle-accounts";

const now = new Date("2026-11-30T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const ACTOR = 1;
/** Account `id`, idle for 100 days unless told otherwise. */
const account = (id: number, overrides: Partial<IdleCandidate> = {}): IdleCandidate => ({
  id,
  name: `Account ${id}`,
  role: "buyer",
  active: true,
  hasPassword: true,
  lastSignInAt: daysAgo(100),
  createdAt: daysAgo(400),
  ...overrides,
});

type Row = [label: string, shown: number[], accounts: IdleCandidate[], activeAdminIds: number[] | undefined, deactivate: number[], skipped: [number, string][]];

describe("planIdleDeactivation (deactivate all idle accounts shown)", () => {
  it.each<Row>([
    ["every shown account still idle goes, in id order", [12, 10, 11], [account(10), account(11), account(12)], undefined, [10, 11, 12], []],
    ["an id shown twice counts once", [10, 10], [account(10)], undefined, [10], []],
    ["nothing shown, nothing done", [], [], undefined, [], []],
    ["the acting user stays, even when idle", [ACTOR, 10], [account(ACTOR), account(10)], undefined, [10], [[ACTOR, "yourself"]]],
    ["signed in since the list was shown", [10, 11], [account(10, { lastSignInAt: daysAgo(0.01) }), account(11)], undefined, [11], [[10, "signed_in"]]],
    ["already inactive", [10, 11], [account(10, { active: false }), account(11)], undefined, [11], [[10, "inactive"]]],
    ["no password (an open invitation) is not idle", [10], [account(10, { hasPassword: false, lastSignInAt: null })], undefined, [], [[10, "signed_in"]]],
    ["idle since creation, never signed in", [10], [account(10, { lastSignInAt: null, createdAt: daysAgo(31) })], undefined, [10], []],
    ["an id not on the list (another customer's user) is left alone", [10, 99], [account(10)], undefined, [10], [[99, "not_listed"]]],
    ["customer list: no last-admin rule (a company admin may go)", [10], [account(10, { role: "company_admin" })], undefined, [10], []],
    ["staff: an idle admin goes while the acting admin stays one", [10], [account(10, { role: "admin" })], [ACTOR, 10], [10], []],
    ["staff: the last active admin stays", [10], [account(10, { role: "admin" })], [10], [], [[10, "last_admin"]]],
    [
      "staff: of several idle admins with no other, the highest id stays",
      [10, 11, 12],
      [account(10, { role: "admin" }), account(11, { role: "admin" }), account(12, { role: "admin" })],
      [10, 11, 12],
      [10, 11],
      [[12, "last_admin"]],
    ],
    ["staff: account managers go even with no admin left", [10], [account(10, { role: "account_manager" })], [], [10], []],
    [
      "the reasons are checked in order: yourself before inactive before signed in",
      [ACTOR, 10, 11],
      [account(ACTOR, { active: false }), account(10, { active: false, lastSignInAt: daysAgo(0) }), account(11, { lastSignInAt: daysAgo(0) })],
      undefined,
      [],
      [
        [ACTOR, "yourself"],
        [10, "inactive"],
        [11, "signed_in"],
      ],
    ],
  ])("%s", (_label, shown, accounts, activeAdminIds, deactivate, skipped) => {
    const plan = planIdleDeactivation(shown, accounts, { days: 30, now, actorId: ACTOR, activeAdminIds });
    expect(plan.deactivate).toEqual(deactivate);
    expect(plan.skipped.map((skip) => [skip.id, skip.reason])).toEqual(skipped);
  });

  it("names the skipped accounts of the list, never an id that is not on it", () => {
    const plan = planIdleDeactivation([10, 99], [account(10, { active: false, name: "Lang Weg" })], { days: 30, now, actorId: ACTOR });
    expect(plan.skipped).toEqual([
      { id: 10, name: "Lang Weg", reason: "inactive" },
      { id: 99, name: null, reason: "not_listed" },
    ]);
  });

  it("uses the threshold the page showed: idle for 90 days is not idle for 180", () => {
    const accounts = [account(10, { lastSignInAt: daysAgo(100) })];
    expect(planIdleDeactivation([10], accounts, { days: 90, now, actorId: ACTOR }).deactivate).toEqual([10]);
    expect(planIdleDeactivation([10], accounts, { days: 180, now, actorId: ACTOR }).skipped).toMatchObject([{ id: 10, reason: "signed_in" }]);
  });
});
