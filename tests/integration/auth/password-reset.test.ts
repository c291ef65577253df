import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, mailOutbox, users, userTokens } from "@/db/schema";
import { checkPasswordLink, newLinkToken, passwordLinkState, setPasswordWithLink } from "@/lib/admin/set-password";
import { invitationMail } from "@/lib/admin/mail-templates";
import { issueUserToken } from "@/lib/data/user-accounts";
import { hashPassword } from "@/lib/auth/password";
import { renewPasswordLink, requestPasswordReset } from "@/lib/auth/password-reset";
import { signInShopUser } from "@/lib/auth/shop-sign-in";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
const NOW = new Date("2026-11-29T10:00:00Z");
const BASE_URL = "https://shop.example.test";
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const ask = (email: string, minutes = 0) => requestPasswordReset(email, { remoteAddress: null, now: at(minutes), baseUrl: BASE_URL });

/** A fresh buyer (own throttle keys per test); with a password unless `withPassword` is false. */
async function buyer(withPassword = true) {
  const { user, company } = await createCompanyWithBuyer(db.handle);
  await db.handle.db.update(users).set({ passwordHash: withPassword ? await hashPassword("oud-wachtwoord-123") : null }).where(eq(users.id, user.id));
  return { email: user.email, userId: user.id, companyId: company.id };
}
const mailsTo = (email: string) => db.handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email));
const tokenIn = (body: string) => body.match(/\/set-password\?token=([A-Za-z0-9_-]+)/)?.[1] ?? null;

beforeAll(async () => {
  db = await useFreshDatabase();
}, 120_000);
afterAll(() => db.dispose());

describe("self-service password reset", () => {
  it("mails a one-hour link to the set-password page that sets a new password once", async () => {
    const { email, userId } = await buyer();
    expect(await ask(email.toUpperCase())).toBe("sent");
    const [mail, ...others] = await mailsTo(email);
    expect(others).toHaveLength(0);
    expect(mail!.kind).toBe("password_reset");
    expect(mail!.bodyText).toContain("Op de inlogpagina is voor dit e-mailadres een nieuw wachtwoord aangevraagd");
    expect(mail!.bodyText).toContain(`${BASE_URL}/set-password?token=`);
    const [token] = await db.handle.db.select().from(userTokens).where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));
    expect(token).toMatchObject({ purpose: "password_reset", createdByUserId: null });
    expect(token!.expiresAt.getTime()).toBe(at(60).getTime());
    const link = tokenIn(mail!.bodyText)!;
    expect((await checkPasswordLink(link, at(59)))?.email).toBe(email);
    expect(await checkPasswordLink(link, at(61))).toBeNull();
    await setPasswordWithLink(link, "nieuw-wachtwoord-456", at(5));
    expect((await signInShopUser(email, "nieuw-wachtwoord-456", { remoteAddress: null, now: at(6) })).ok).toBe(true);
    expect((await signInShopUser(email, "oud-wachtwoord-123", { remoteAddress: null, now: at(6) })).ok).toBe(false);
    await expect(setPasswordWithLink(link, "derde-wachtwoord-789", at(7))).rejects.toThrow();
  });

  it("answers the same for addresses without an account, or whose account may not reset, and mails none of them", async () => {
    const notInvited = await buyer(false); // no password and never invited (e.g. punchout only): staff's to invite
    const inactive = await buyer();
    await db.handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.userId));
    const closedCompany = await buyer();
    await db.handle.db.update(companies).set({ active: false }).where(eq(companies.id, closedCompany.companyId));
    for (const email of ["niemand@example.test", notInvited.email, inactive.email, closedCompany.email]) {
      expect(await ask(email)).toBe("sent");
      expect(await mailsTo(email)).toHaveLength(0);
    }
  });

  it("keeps only the newest link working, and takes five requests per address in 15 minutes", async () => {
    const { email } = await buyer();
    for (let i = 0; i < 5; i++) expect(await ask(email, i)).toBe("sent");
    expect(await ask(email, 5)).toBe("throttled");
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(5);
    const links = mails.sort((a, b) => a.id - b.id).map((mail) => tokenIn(mail.bodyText)!);
    expect(await checkPasswordLink(links[0]!, at(6))).toBeNull();
    expect((await checkPasswordLink(links[4]!, at(6)))?.email).toBe(email);
    expect(await ask(email, 20)).toBe("sent");
  });

  it("sends an invited user whose invitation lapsed a new invitation link instead of nothing", async () => {
    const { email, userId } = await buyer(false);
    const { token: first } = await invite(userId, email, at(-8 * 24 * 60), at(-24 * 60)); // sent 8 days ago, expired yesterday
    expect(await ask(email)).toBe("sent");
    const [mail, ...others] = (await mailsTo(email)).filter((m) => m.createdAt.getTime() === NOW.getTime());
    expect(others).toHaveLength(0);
    expect(mail!.kind).toBe("invite");
    expect(mail!.subject).toBe("Nieuwe link om uw wachtwoord te kiezen – Koppel");
    expect(mail!.bodyText).toContain("Voor dit e-mailadres is een nieuwe link aangevraagd om uw wachtwoord te kiezen");
    const link = tokenIn(mail!.bodyText)!;
    const [token] = await db.handle.db.select().from(userTokens).where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));
    expect(token).toMatchObject({ purpose: "invite", createdByUserId: null });
    expect(token!.expiresAt.getTime()).toBe(at(60).getTime());
    expect((await checkPasswordLink(link, at(1)))?.purpose).toBe("invite");
    await setPasswordWithLink(link, "eindelijk-een-wachtwoord", at(2));
    expect((await signInShopUser(email, "eindelijk-een-wachtwoord", { remoteAddress: null, now: at(3) })).ok).toBe(true);
    // The first invitation now says the password was chosen with it, not "invalid".
    expect(await passwordLinkState(first, at(4))).toMatchObject({ state: "password_chosen" });
  });

  it("tells a lapsed link's holder why, and renews it to the same address with one click", async () => {
    const { email, userId } = await buyer(false);
    const { token: expired } = await invite(userId, email, at(-8 * 24 * 60), at(-1));
    expect(await passwordLinkState(expired, NOW)).toMatchObject({ state: "lapsed", purpose: "invite", reason: "expired", email, locale: "nl", renewable: true });
    expect(await renewPasswordLink(expired, { remoteAddress: null, now: NOW, baseUrl: BASE_URL })).toBe("sent");
    // The renewal replaced the expired link: it now reads "replaced"; the new one works.
    expect(await passwordLinkState(expired, at(1))).toMatchObject({ state: "lapsed", reason: "replaced" });
    const renewed = (await mailsTo(email)).sort((a, b) => b.id - a.id)[0]!;
    expect((await passwordLinkState(tokenIn(renewed.bodyText)!, at(1))).state).toBe("usable");
    expect(await passwordLinkState("x".repeat(43), NOW)).toEqual({ state: "unknown" });
    // A usable link is not renewed (nothing lapsed); a deactivated user's link says no more than an unknown one.
    expect(await renewPasswordLink(tokenIn(renewed.bodyText)!, { remoteAddress: null, now: at(1), baseUrl: BASE_URL })).toBe("not_renewable");
    await db.handle.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await passwordLinkState(expired, at(2))).toEqual({ state: "unknown" });
    expect(await renewPasswordLink(expired, { remoteAddress: null, now: at(2), baseUrl: BASE_URL })).toBe("not_renewable");
  });

  it("renews a lapsed reset link as a reset, and leaves a staff member's lapsed invitation to the administrators", async () => {
    const { email, userId } = await buyer();
    const { token, tokenHash } = newLinkToken();
    await issueUserToken(userId, "password_reset", null, { tokenHash, expiresAt: at(-1), mail: { toEmail: email, toName: "x", kind: "password_reset", subject: "x", bodyText: "x" } }, at(-61));
    expect(await passwordLinkState(token, NOW)).toMatchObject({ state: "lapsed", purpose: "password_reset", reason: "expired", renewable: true });
    expect(await renewPasswordLink(token, { remoteAddress: null, now: NOW, baseUrl: BASE_URL })).toBe("sent");
    expect((await mailsTo(email)).sort((a, b) => b.id - a.id)[0]!.kind).toBe("password_reset");

    const [staffMember] = await db.handle.db.insert(users).values({ email: `staff-${userId}@koppel.test`, name: "Nieuwe Collega", role: "account_manager", companyId: null }).returning();
    const { token: staffToken } = await invite(staffMember!.id, staffMember!.email, at(-8 * 24 * 60), at(-1));
    expect(await passwordLinkState(staffToken, NOW)).toMatchObject({ state: "lapsed", purpose: "invite", renewable: false });
    expect(await renewPasswordLink(staffToken, { remoteAddress: null, now: NOW, baseUrl: BASE_URL })).toBe("not_renewable");
    expect(await ask(staffMember!.email)).toBe("sent");
    expect(await mailsTo(staffMember!.email)).toHaveLength(1); // only the invitation of 8 days ago
  });
});

/** An invitation for `userId` sent at `sentAt`, valid until `expiresAt`, as staff or the company admin send it. */
async function invite(userId: number, email: string, sentAt: Date, expiresAt: Date) {
  const { token, tokenHash } = newLinkToken();
  const mail = invitationMail({ toEmail: email, toName: "Nieuwe Gebruiker", locale: "nl", link: `${BASE_URL}/set-password?token=${token}`, companyName: "Klant B.V.", validUntil: "-" });
  await issueUserToken(userId, "invite", null, { tokenHash, expiresAt, mail }, sentAt);
  return { token };
}
