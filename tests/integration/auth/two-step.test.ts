import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The secret box's key is derived from AUTH_SECRET when no CREDENTIALS_KEY is set (tests/run-all.sh sets it).
vi.hoisted(() => {
  process.env.AUTH_SECRET ||= "koppel-test-secret-0123456789abcdef0123456789";
});

import { accountSecurityEvents, loginThrottle, mailOutbox, userRecoveryCodes, userTwoFactor, users } from "@/db/schema";
import { resetColleagueTwoStep } from "@/lib/account/two-step";
import { resetCustomerUserTwoStep } from "@/lib/admin/two-step";
import { hashPassword } from "@/lib/auth/password";
import { credentialOf } from "@/lib/auth/session-binding";
import { accountThrottleKeys, signInShopUser } from "@/lib/auth/shop-sign-in";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { totpCode } from "@/lib/two-step/totp";
import { confirmEnrolment, disableTwoStep, renewRecoveryCodes, startEnrolment, twoStepOverview } from "@/lib/two-step/two-step";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
const PASSWORD = "juist-wachtwoord-123";
const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
/** A moment `steps` 30-second steps after T0 (plus a few seconds, well inside the step). */
const at = (steps: number) => new Date(T0 + steps * 30_000 + 5_000);

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
type User = Awaited<ReturnType<typeof addCompanyUser>>;
let customer: Customer;
let otherCustomer: Customer;

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function userWithPassword(role: "buyer" | "approver" | "company_admin" = "buyer", of: Customer = customer): Promise<User> {
  return addCompanyUser(db.handle, of, role, { passwordHash: await hashPassword(PASSWORD) });
}

/** Turns two-step verification on at step 0 of T0; returns the base32 secret and the recovery codes. */
async function withTwoStep(user: User): Promise<{ secret: string; codes: string[] }> {
  await startEnrolment(user, at(0));
  const secret = (await twoStepOverview(user)).enrolment!.secret.replace(/ /g, "");
  const codes = await confirmEnrolment(user, { password: PASSWORD, code: totpCode(secret, at(0).getTime()) }, at(0));
  return { secret, codes };
}

const signIn = (user: { email: string }, when: Date, code?: string, password = PASSWORD) => signInShopUser(user.email, password, { remoteAddress: null, now: when, code });
const failuresOf = async (email: string) => {
  const [key] = accountThrottleKeys("shop", email, null);
  const [row] = await db.handle.db.select().from(loginThrottle).where(eq(loginThrottle.key, key!));
  return row?.failures ?? 0;
};
const mailsTo = (email: string, kind: string) => db.handle.db.select().from(mailOutbox).where(and(eq(mailOutbox.toEmail, email), eq(mailOutbox.kind, kind)));
const eventsOf = (userId: number) => db.handle.db.select().from(accountSecurityEvents).where(eq(accountSecurityEvents.userId, userId));

beforeAll(async () => {
  db = await useFreshDatabase();
  customer = await createCompanyWithBuyer(db.handle);
  otherCustomer = await createCompanyWithBuyer(db.handle);
}, 120_000);
afterAll(() => db.dispose());

describe("enrolment", () => {
  it("keeps a pending secret sealed and out of sign-in until a valid code confirms it", async () => {
    const user = await userWithPassword();
    await startEnrolment(user, at(0));
    const overview = await twoStepOverview(user);
    expect(overview.state).toBe("pending");
    const secret = overview.enrolment!.secret.replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(overview.enrolment!.uri).toContain("issuer=Koppel");
    expect(overview.enrolment!.qrSvgDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    const [row] = await db.handle.db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, user.id));
    expect(row!.secretSealed).toMatch(/^v1\./);
    expect(row!.secretSealed).not.toContain(secret);
    // Pending: the password alone signs in, and a code of the pending secret is no second step.
    expect((await signIn(user, at(0))).ok).toBe(true);
    expect((await getActiveUserById(user.id))!.twoStepSince).toBeNull();

    expect((await appError(confirmEnrolment(user, { password: "fout", code: totpCode(secret, at(1).getTime()) }, at(1)))).message).toBe("current_password_wrong");
    expect((await appError(confirmEnrolment(user, { password: PASSWORD, code: "000000" === totpCode(secret, at(1).getTime()) ? "111111" : "000000" }, at(1)))).message).toBe("two_step_code_wrong");
    expect(await failuresOf(user.email)).toBe(2);
    expect(await twoStepOverview(user)).toMatchObject({ state: "pending" });

    const codes = await confirmEnrolment(user, { password: PASSWORD, code: totpCode(secret, at(1).getTime()) }, at(1));
    expect(codes).toHaveLength(10);
    expect(await failuresOf(user.email)).toBe(0);
    expect(await twoStepOverview(user)).toMatchObject({ state: "on", recoveryCodesLeft: 10, enrolment: null });
    const stored = await db.handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id));
    expect(stored.map((c) => c.codeHash).join()).not.toContain(codes[0]!.replace(/-/g, ""));
    expect((await eventsOf(user.id)).map((e) => [e.kind, e.actorRole])).toEqual([["two_step_enabled", "self"]]);
    const [mail] = await mailsTo(user.email, "two_step_enabled");
    expect(mail!.subject).toBe("Tweestapsverificatie is ingeschakeld");
    expect(mail!.bodyText).not.toContain(secret);
    // It is part of the session binding now: sessions signed in before it went on have another fingerprint.
    const after = (await getActiveUserById(user.id))!;
    expect(after.twoStepSince).toBeInstanceOf(Date);
    expect(credentialOf({ passwordHash: after.passwordHash!, twoStepSince: after.twoStepSince })).not.toBe(credentialOf({ passwordHash: after.passwordHash! }));
    // Another start does not replace the factor.
    expect((await appError(startEnrolment(user, at(2)))).message).toBe("two_step_already_on");
  });

  it("does not confirm with a code of an earlier pending secret (enrolment started again)", async () => {
    const user = await userWithPassword();
    await startEnrolment(user, at(0));
    const first = (await twoStepOverview(user)).enrolment!.secret.replace(/ /g, "");
    await startEnrolment(user, at(0));
    const second = (await twoStepOverview(user)).enrolment!.secret.replace(/ /g, "");
    expect(second).not.toBe(first);
    expect((await appError(confirmEnrolment(user, { password: PASSWORD, code: totpCode(first, at(0).getTime()) }, at(0)))).message).toBe("two_step_code_wrong");
    await confirmEnrolment(user, { password: PASSWORD, code: totpCode(second, at(0).getTime()) }, at(0));
  });
});

describe("signing in with two-step verification on", () => {
  it("asks for the code after the right password, without counting that, and signs in with a current code", async () => {
    const user = await userWithPassword();
    const { secret } = await withTwoStep(user);
    expect(await signIn(user, at(2), undefined, "fout")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user, at(2))).toEqual({ ok: false, reason: "two_step_required" });
    expect(await signIn(user, at(2), "  ")).toEqual({ ok: false, reason: "two_step_required" });
    expect(await failuresOf(user.email)).toBe(1);
    // The password alone is not a sign-in: the last sign-in is only set with the code.
    const lastSignIn = async () => (await db.handle.db.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id)))[0]!.at;
    expect(await lastSignIn()).toBeNull();
    // A wrong password with a right code is still only "invalid".
    expect(await signIn(user, at(2), totpCode(secret, at(2).getTime()), "fout")).toEqual({ ok: false, reason: "invalid" });
    const result = await signIn(user, at(2), totpCode(secret, at(2).getTime()));
    expect(result.ok && result.user.id).toBe(user.id);
    expect(await failuresOf(user.email)).toBe(0);
    expect(await lastSignIn()).toEqual(at(2));
  });

  it("accepts the previous and next step's code for clock drift", async () => {
    const user = await userWithPassword();
    const { secret } = await withTwoStep(user);
    expect((await signIn(user, at(10), totpCode(secret, at(9).getTime()))).ok).toBe(true);
    expect((await signIn(user, at(20), totpCode(secret, at(21).getTime()))).ok).toBe(true);
    expect(await signIn(user, at(30), totpCode(secret, at(28).getTime()))).toEqual({ ok: false, reason: "two_step_invalid" });
  });

  it("refuses a code that was used already, also the confirming one, and every older step", async () => {
    const user = await userWithPassword();
    const { secret } = await withTwoStep(user);
    expect(await signIn(user, at(0), totpCode(secret, at(0).getTime()))).toEqual({ ok: false, reason: "two_step_invalid" });
    expect((await signIn(user, at(3), totpCode(secret, at(3).getTime()))).ok).toBe(true);
    expect(await signIn(user, at(3), totpCode(secret, at(3).getTime()))).toEqual({ ok: false, reason: "two_step_invalid" });
    expect(await signIn(user, at(3), totpCode(secret, at(2).getTime()))).toEqual({ ok: false, reason: "two_step_invalid" });
    expect((await signIn(user, at(4), totpCode(secret, at(4).getTime()))).ok).toBe(true);
  });

  it("lets exactly one of two parallel sign-ins with the same code through", async () => {
    const user = await userWithPassword();
    const { secret } = await withTwoStep(user);
    const code = totpCode(secret, at(5).getTime());
    const results = await Promise.all([signIn(user, at(5), code), signIn(user, at(5), code), signIn(user, at(5), code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["two_step_invalid", "two_step_invalid"]);
  });

  it("counts wrong codes in the sign-in throttle: after five, even the right password and code are refused for 15 minutes", async () => {
    const user = await userWithPassword();
    const { secret } = await withTwoStep(user);
    const wrong = (i: number) => String((Number(totpCode(secret, at(6).getTime())) + 1 + i) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 3; i++) expect(await signIn(user, at(6), wrong(i))).toEqual({ ok: false, reason: "two_step_invalid" });
    // The right password alone clears nothing: else the count of code guesses would start again.
    expect(await signIn(user, at(6))).toEqual({ ok: false, reason: "two_step_required" });
    expect(await failuresOf(user.email)).toBe(3);
    for (let i = 3; i < 5; i++) expect(await signIn(user, at(6), wrong(i))).toEqual({ ok: false, reason: "two_step_invalid" });
    expect(await signIn(user, at(7), totpCode(secret, at(7).getTime()))).toEqual({ ok: false, reason: "throttled" });
    const later = new Date(at(7).getTime() + 15 * 60_000 + 1_000);
    expect((await signIn(user, later, totpCode(secret, later.getTime()))).ok).toBe(true);
  });

  it("takes a recovery code once, and mails how many are left", async () => {
    const user = await userWithPassword("buyer");
    await db.handle.db.update(users).set({ locale: "en" }).where(eq(users.id, user.id));
    const { codes } = await withTwoStep({ ...user, locale: "en" });
    expect((await signIn(user, at(2), codes[3]!.toUpperCase().replace(/-/g, " "))).ok).toBe(true);
    expect(await signIn(user, at(3), codes[3]!)).toEqual({ ok: false, reason: "two_step_invalid" });
    const [mail] = await mailsTo(user.email, "recovery_code_used");
    expect(mail!.subject).toBe("A recovery code was used to sign in");
    expect(mail!.bodyText).toContain("You have 9 recovery codes left.");
    expect(mail!.bodyText).not.toContain(codes[3]!);
    expect((await eventsOf(user.id)).find((e) => e.kind === "recovery_code_used")?.recoveryCodesLeft).toBe(9);
    expect(await twoStepOverview(user)).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("lets only one of two parallel sign-ins with the same recovery code through", async () => {
    const user = await userWithPassword();
    const { codes } = await withTwoStep(user);
    const results = await Promise.all([signIn(user, at(2), codes[0]), signIn(user, at(2), codes[0])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await twoStepOverview(user)).toMatchObject({ recoveryCodesLeft: 9 });
  });
});

describe("managing the factor", () => {
  it("new recovery codes need the password and a code, and the old codes stop working", async () => {
    const user = await userWithPassword();
    const { secret, codes } = await withTwoStep(user);
    expect((await appError(renewRecoveryCodes(user, { password: "fout", code: totpCode(secret, at(2).getTime()) }, at(2)))).message).toBe("current_password_wrong");
    expect((await appError(renewRecoveryCodes(user, { password: PASSWORD, code: "not-a-code" }, at(2)))).message).toBe("two_step_code_wrong");
    const fresh = await renewRecoveryCodes(user, { password: PASSWORD, code: totpCode(secret, at(2).getTime()) }, at(2));
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);
    expect(await signIn(user, at(3), codes[0]!)).toEqual({ ok: false, reason: "two_step_invalid" });
    expect((await signIn(user, at(3), fresh[0]!)).ok).toBe(true);
    expect((await eventsOf(user.id)).map((e) => e.kind)).toContain("recovery_codes_renewed");
  });

  it("turning it off needs the password and a current code (or a recovery code), and mails the user", async () => {
    const user = await userWithPassword();
    const { secret, codes } = await withTwoStep(user);
    const code = totpCode(secret, at(2).getTime());
    expect((await appError(disableTwoStep(user, { password: "fout", code }, at(2)))).message).toBe("current_password_wrong");
    expect((await appError(disableTwoStep(user, { password: PASSWORD, code: totpCode(secret, at(0).getTime()) }, at(2)))).message).toBe("two_step_code_wrong");
    expect((await appError(disableTwoStep(user, { password: PASSWORD, code: codes[0]!.replace(/.$/, (c) => (c === "a" ? "b" : "a")) }, at(2)))).message).toBe("two_step_code_wrong");
    expect(await twoStepOverview(user)).toMatchObject({ state: "on" });
    await disableTwoStep(user, { password: PASSWORD, code: codes[1]! }, at(2));
    expect(await twoStepOverview(user)).toMatchObject({ state: "off" });
    expect(await db.handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id))).toEqual([]);
    expect((await signIn(user, at(3))).ok).toBe(true);
    const [mail] = await mailsTo(user.email, "two_step_disabled");
    expect(mail!.bodyText).toContain("Op ");
    expect((await eventsOf(user.id)).map((e) => [e.kind, e.actorRole]).at(-1)).toEqual(["two_step_disabled", "self"]);
    expect((await getActiveUserById(user.id))!.twoStepSince).toBeNull();
  });

  it("is not for staff viewing the shop as the user", async () => {
    const user = await userWithPassword();
    const viewer = { ...user, impersonatedBy: { staffUserId: 1, staffName: "M", sessionId: 1, expiresAt: at(9) } } as unknown as User;
    expect((await appError(startEnrolment(viewer, at(0)))).message).toBe("not_while_viewing_as");
  });
});

describe("turning it off for someone who lost their phone", () => {
  it("the customer's account manager does it: logged with their name, the user mailed, sessions bound to it end", async () => {
    const user = await userWithPassword();
    await withTwoStep(user);
    const manager = await createStaff(db.handle, "account_manager", [customer.company.id]);
    const before = (await getActiveUserById(user.id))!;
    await resetCustomerUserTwoStep(manager, customer.company.id, user.id, at(4));
    expect(await twoStepOverview(user)).toMatchObject({ state: "off" });
    const event = (await eventsOf(user.id)).find((e) => e.kind === "two_step_reset");
    expect(event).toMatchObject({ actorUserId: manager.id, actorName: manager.name, actorRole: "account_manager", companyId: customer.company.id });
    const [mail] = await mailsTo(user.email, "two_step_disabled");
    expect(mail!.bodyText).toContain(`${manager.name} tweestapsverificatie`);
    const after = (await getActiveUserById(user.id))!;
    expect(credentialOf({ passwordHash: after.passwordHash!, twoStepSince: after.twoStepSince })).not.toBe(credentialOf({ passwordHash: before.passwordHash!, twoStepSince: before.twoStepSince }));
    expect((await signIn(user, at(5))).ok).toBe(true);
    expect((await appError(resetCustomerUserTwoStep(manager, customer.company.id, user.id, at(5)))).message).toBe("two_step_not_on");
  });

  it("another manager's customer, or a user of another company than the one named, is not found", async () => {
    const user = await userWithPassword();
    await withTwoStep(user);
    const stranger = await createStaff(db.handle, "account_manager", [otherCustomer.company.id]);
    expect((await appError(resetCustomerUserTwoStep(stranger, customer.company.id, user.id, at(4)))).code).toBe("not_found");
    expect((await appError(resetCustomerUserTwoStep(stranger, otherCustomer.company.id, user.id, at(4)))).message).toBe("user_not_found");
    expect(await twoStepOverview(user)).toMatchObject({ state: "on" });
    const admin = await createStaff(db.handle, "admin");
    await resetCustomerUserTwoStep(admin, customer.company.id, user.id, at(4));
    expect(await twoStepOverview(user)).toMatchObject({ state: "off" });
  });

  it("a company admin does it for a colleague, not for themselves, other companies or as a plain buyer", async () => {
    const user = await userWithPassword();
    await withTwoStep(user);
    const admin = await userWithPassword("company_admin");
    await withTwoStep(admin);
    const foreignAdmin = await userWithPassword("company_admin", otherCustomer);
    const buyer = await userWithPassword("buyer");
    expect((await appError(resetColleagueTwoStep(foreignAdmin, user.id, at(4)))).message).toBe("user_not_found");
    expect((await appError(resetColleagueTwoStep(buyer, user.id, at(4)))).message).toBe("company_admin_only");
    expect((await appError(resetColleagueTwoStep(admin, admin.id, at(4)))).message).toBe("two_step_reset_self");
    expect(await twoStepOverview(user)).toMatchObject({ state: "on" });
    await resetColleagueTwoStep(admin, user.id, at(4));
    expect(await twoStepOverview(user)).toMatchObject({ state: "off" });
    expect((await eventsOf(user.id)).find((e) => e.kind === "two_step_reset")).toMatchObject({ actorUserId: admin.id, actorRole: "company_admin" });
  });
});
