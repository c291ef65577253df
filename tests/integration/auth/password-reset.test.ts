import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, mailOutbox, users, userTokens } from "@/db/schema";
import { checkPasswordLink, setPasswordWithLink } from "@/lib/admin/set-password";
import { hashPassword } from "@/lib/auth/password";
import { requestPasswordReset } from "@/lib/auth/password-reset";
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
    const invited = await buyer(false); // never chose a password: the invitation is for staff or the company admin to resend
    const inactive = await buyer();
    await db.handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.userId));
    const closedCompany = await buyer();
    await db.handle.db.update(companies).set({ active: false }).where(eq(companies.id, closedCompany.companyId));
    for (const email of ["niemand@example.test", invited.email, inactive.email, closedCompany.email]) {
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
});
