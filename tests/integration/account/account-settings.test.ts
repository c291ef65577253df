import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, mailOutbox, users } from "@/db/schema";
import { listAccountAddresses, saveShipToAddress } from "@/lib/account/addresses";
import { inviteCompanyUser, listCompanyUsers, setCompanyUserActive, updateCompanyUser } from "@/lib/account/company-users";
import { getAccountOverview } from "@/lib/account/overview";
import { changePassword, updateProfile } from "@/lib/account/profile";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInShopUser } from "@/lib/auth/shop-sign-in";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { addCompanyUser } from "../../support/account-fixtures";
import { createCompanyWithBuyer, createPriceList } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  customer = await createCompanyWithBuyer(handle);
  admin = await addCompanyUser(handle, customer, "company_admin", { passwordHash: await hashPassword("old-password-123") });
});
afterAll(() => db.dispose());

describe("overview", () => {
  it("shows the company's conditions: payment terms, price lists with their state, the user's order limit", async () => {
    await createPriceList(handle, customer.company.id, [], { priority: 10, validFrom: "2026-01-01", validTo: "2027-12-31" });
    await createPriceList(handle, customer.company.id, [], { priority: 5, validTo: "2025-05-31" });
    await createPriceList(handle, customer.company.id, [], { priority: 20, validFrom: "2028-01-01" });
    const limited = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 250_000 });
    const overview = await getAccountOverview(limited, now);
    expect(overview).toMatchObject({ companyName: customer.company.name, paymentTermsDays: 30, orderLimitMinor: 250_000 });
    expect(overview.priceLists.map((l) => [l.priority, l.state])).toEqual([
      [5, "expired"],
      [10, "valid"],
      [20, "not_yet_valid"],
    ]);
  });
});

describe("profile", () => {
  it("changes name and language", async () => {
    await updateProfile(admin, { name: "Fatima E.", locale: "en" });
    expect(await getActiveUserById(admin.id)).toMatchObject({ name: "Fatima E.", locale: "en" });
  });

  it("changes the password only with the current one, to a long enough new one", async () => {
    expect((await appError(changePassword(admin, { currentPassword: "wrong", newPassword: "new-password-456" }, now))).message).toBe("current_password_wrong");
    expect((await appError(changePassword(admin, { currentPassword: "old-password-123", newPassword: "short" }, now))).message).toBe("password_too_short");
    await changePassword(admin, { currentPassword: "old-password-123", newPassword: "new-password-456" }, now);
    const [row] = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, admin.id));
    expect(await verifyPassword("new-password-456", row!.hash!)).toBe(true);
    // A user without a password login (e.g. a technical punchout user) has nothing to change.
    await handle.db.update(users).set({ passwordHash: null }).where(eq(users.id, customer.buyer.id));
    expect((await appError(changePassword(customer.buyer, { currentPassword: "x", newPassword: "new-password-456" }, now))).message).toBe("no_password_login");
  });
});

describe("password change throttle", () => {
  it("counts wrong current passwords with the sign-in's failures: five, then even the right one is refused for 15 minutes", async () => {
    const user = await addCompanyUser(handle, customer, "buyer", { passwordHash: await hashPassword("right-password-1") });
    const change = (currentPassword: string, at: Date) => changePassword(user, { currentPassword, newPassword: "next-password-22" }, at);
    // A wrong password at sign-in counts against the same key as one here.
    expect(await signInShopUser(user.email, "guess-0", { remoteAddress: null, now })).toEqual({ ok: false, reason: "invalid" });
    for (let i = 1; i < 5; i++) expect((await appError(change(`guess-${i}`, now))).message).toBe("current_password_wrong");
    expect((await appError(change("right-password-1", now))).message).toBe("password_attempts_throttled");
    expect(await signInShopUser(user.email, "right-password-1", { remoteAddress: null, now })).toEqual({ ok: false, reason: "throttled" });
    const later = new Date(now.getTime() + 15 * 60_000 + 1_000);
    await change("right-password-1", later);
    expect(await signInShopUser(user.email, "next-password-22", { remoteAddress: null, now: later })).toMatchObject({ ok: true });
  });
});

describe("addresses", () => {
  it("lets a company admin add a default delivery address and edit one, keeping its punchout address id", async () => {
    await handle.db.update(addresses).set({ externalId: "DF-UTR" }).where(eq(addresses.id, customer.shipTo.id));
    const details = { label: "Magazijn", name: "Klant", attention: null, street: "Ravenswade 54", postalCode: "3439 LD", city: "Nieuwegein", countryCode: "NL", isDefault: true };
    await saveShipToAddress(admin, null, details);
    await saveShipToAddress(admin, customer.shipTo.id, { ...details, label: "Hoofdkantoor (nieuw)", isDefault: false });
    const { shipTo, billTo } = await listAccountAddresses(admin);
    expect(shipTo.map((a) => [a.label, a.isDefault])).toEqual([
      ["Magazijn", true],
      ["Hoofdkantoor (nieuw)", false],
    ]);
    expect(shipTo[1]!.externalId).toBe("DF-UTR");
    expect(billTo).toHaveLength(1);
    const billToId = billTo[0]!.id;
    expect((await appError(saveShipToAddress(admin, billToId, details))).message).toBe("address_not_found");
    expect((await appError(saveShipToAddress(customer.buyer, null, details))).message).toBe("company_admin_only");
  });
});

describe("users", () => {
  it("invites a user into the company with an invitation e-mail (outbox), role and order limit", async () => {
    const { id } = await inviteCompanyUser(admin, { name: "Nieuwe Collega", email: "nieuw@klant.test", role: "approver", locale: "nl", orderLimitMinor: null }, now);
    const [user] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(user).toMatchObject({ companyId: customer.company.id, role: "approver", passwordHash: null, active: true });
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, "nieuw@klant.test"));
    expect(mail).toMatchObject({ kind: "invite", sentAt: null });
    expect(mail!.bodyText).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{40,}/);
    expect(mail!.bodyText).toContain(admin.name);
    expect((await appError(inviteCompanyUser(admin, { name: "X", email: "nieuw@klant.test", role: "buyer", locale: "nl", orderLimitMinor: null }, now))).message).toBe("email_taken");
    const listed = await listCompanyUsers(admin);
    expect(listed.find((u) => u.id === id)).toMatchObject({ hasPassword: false });
    expect(listed.find((u) => u.id === id)?.pendingInviteExpiresAt).toBeInstanceOf(Date);
  });

  it("sets role and order limit, and deactivation signs the user out at once", async () => {
    const buyer = await addCompanyUser(handle, customer, "buyer");
    await updateCompanyUser(admin, buyer.id, { role: "approver", orderLimitMinor: 500_000 });
    expect(await getActiveUserById(buyer.id)).toMatchObject({ role: "approver", orderLimitMinor: 500_000 });
    await setCompanyUserActive(admin, buyer.id, false);
    expect(await getActiveUserById(buyer.id)).toBeNull();
    await setCompanyUserActive(admin, buyer.id, true);
    expect(await getActiveUserById(buyer.id)).not.toBeNull();
  });

  it("never lets admins lock themselves out, nor non-admins manage users", async () => {
    expect((await appError(updateCompanyUser(admin, admin.id, { role: "buyer", orderLimitMinor: null }))).message).toBe("cannot_demote_self");
    expect((await appError(setCompanyUserActive(admin, admin.id, false))).message).toBe("cannot_deactivate_self");
    await updateCompanyUser(admin, admin.id, { role: "company_admin", orderLimitMinor: 1_000_000 });
    const approver = await addCompanyUser(handle, customer, "approver");
    expect((await appError(listCompanyUsers(approver))).message).toBe("company_admin_only");
    const viewing = { ...admin, impersonatedBy: { id: 1, name: "Staff", sessionId: 1, expiresAt: now } };
    expect((await appError(setCompanyUserActive(viewing, approver.id, false))).message).toBe("not_while_viewing_as");
  });
});
