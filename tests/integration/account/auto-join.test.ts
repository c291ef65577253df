// Auto-join by e-mail domain, opt-in per customer: a company admin lets people with an address at one
// of the company's own domains (one its active users have, never a public mailbox provider's) join
// without asking. Their account request then makes them a user at once, as buyer or approver with the
// rule's order limit, invited at that address; the company admins are mailed who joined. A domain two
// customers claim, or an address that already belongs to a user, falls back to an ordinary request.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountRequests, companies, mailOutbox, users } from "@/db/schema";
import { getAutoJoinSettings, removeAutoJoin, setAutoJoin } from "@/lib/account/auto-join";
import { listJoinRequests } from "@/lib/account/join-requests";
import { accountRequestSchema, requestAccount } from "@/lib/account-requests/request-account";
import { checkPasswordLink } from "@/lib/admin/set-password";
import type { StaffUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let staff: StaffUser;
const NOW = new Date("2026-11-30T10:00:00Z");
const BASE = "https://shop.example";
let counter = 0;
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let acme: Customer;
let acmeAdmin: Customer["buyer"];
let acmeBuyer: Awaited<ReturnType<typeof addCompanyUser>>;
let other: Customer;
let otherAdmin: Customer["buyer"];

async function companyWithAdmin(adminEmail: string) {
  const customer = await createCompanyWithBuyer(handle, "company_admin");
  await handle.db.update(users).set({ email: adminEmail }).where(eq(users.id, customer.user.id));
  return { ...customer, buyer: { ...customer.buyer, email: adminEmail } };
}

/** Someone asks on the public form, with an address at `domain`. */
async function ask(domain: string, overrides: Record<string, string> = {}) {
  counter += 1;
  const input = accountRequestSchema.parse({
    companyName: "Acme Facilities",
    kvkNumber: "",
    vatId: "",
    countryCode: "BE",
    street: "Kerkstraat 1",
    postalCode: "2000",
    city: "Antwerpen",
    contactName: `Colleague ${counter}`,
    email: `colleague.${counter}@${domain}`,
    phone: "",
    message: "",
    locale: "nl",
    ...overrides,
  });
  await requestAccount(input, { remoteAddress: `10.8.0.${counter}`, now: NOW, baseUrl: BASE });
  const [row] = await handle.db.select().from(accountRequests).where(eq(accountRequests.email, input.email));
  return row!;
}

const mailsTo = (email: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email));
const mailsAbout = async (to: string, email: string) => (await mailsTo(to)).filter((mail) => mail.bodyText.includes(email));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  acme = await companyWithAdmin("fm-lead@acme-facilities.test");
  acmeAdmin = acme.buyer;
  acmeBuyer = await addCompanyUser(handle, acme, "buyer");
  // A public mailbox among Acme's users is not Acme's domain.
  await handle.db.update(users).set({ email: "acme.temp@gmail.com" }).where(eq(users.id, acmeBuyer.id));
  other = await companyWithAdmin("beheer@other-org.test");
  otherAdmin = other.buyer;
  staff = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());

describe("switching auto-join on", () => {
  it("only for the company's own domains; only by its company admins, not by staff viewing as one", async () => {
    expect((await getAutoJoinSettings(acmeAdmin)).domains).toEqual(["acme-facilities.test"]);
    expect((await failure(setAutoJoin(acmeAdmin, { domain: "gmail.com", role: "buyer", orderLimitMinor: null }, NOW)))?.message).toBe("auto_join_domain_not_ours");
    expect((await failure(setAutoJoin(acmeAdmin, { domain: "other-org.test", role: "buyer", orderLimitMinor: null }, NOW)))?.message).toBe("auto_join_domain_not_ours");
    expect((await failure(setAutoJoin(acmeBuyer, { domain: "acme-facilities.test", role: "buyer", orderLimitMinor: null }, NOW)))?.code).toBe("forbidden");
    const viewingAs = { ...acmeAdmin, impersonatedBy: { id: staff.id, name: staff.name, sessionId: 1, expiresAt: NOW } };
    expect((await failure(setAutoJoin(viewingAs, { domain: "acme-facilities.test", role: "buyer", orderLimitMinor: null }, NOW)))?.message).toBe("not_while_viewing_as");
    expect((await getAutoJoinSettings(acmeAdmin)).rules).toEqual([]);

    await setAutoJoin(acmeAdmin, { domain: " ACME-Facilities.test ", role: "approver", orderLimitMinor: 50_000 }, NOW);
    expect((await getAutoJoinSettings(acmeAdmin)).rules).toMatchObject([
      { companyId: acme.company.id, domain: "acme-facilities.test", role: "approver", orderLimitMinor: 50_000, createdByUserId: acmeAdmin.id },
    ]);
    // Saving again changes the role and limit of the same rule.
    await setAutoJoin(acmeAdmin, { domain: "acme-facilities.test", role: "buyer", orderLimitMinor: 75_000 }, NOW);
    expect((await getAutoJoinSettings(acmeAdmin)).rules).toMatchObject([{ domain: "acme-facilities.test", role: "buyer", orderLimitMinor: 75_000 }]);
    expect((await getAutoJoinSettings(otherAdmin)).rules).toEqual([]);
  });
});

describe("asking for an account from a domain that may join", () => {
  it("makes the person a user at once, invited at that address; the company admins are told, staff are not asked", async () => {
    const request = await ask("acme-facilities.test");
    expect(request).toMatchObject({ status: "approved", decidedBy: null, decidedAt: NOW, companyId: acme.company.id });
    const [user] = await handle.db.select().from(users).where(eq(users.id, request.userId!));
    expect(user).toMatchObject({ email: request.email, name: request.contactName, companyId: acme.company.id, role: "buyer", orderLimitMinor: 75_000, locale: "nl", passwordHash: null, active: true });

    const toRequester = await mailsTo(request.email);
    expect(toRequester.map((mail) => mail.kind)).toEqual(["invite"]);
    const token = /set-password\?token=([A-Za-z0-9_-]+)/.exec(toRequester[0]!.bodyText)?.[1];
    expect(await checkPasswordLink(token!, NOW)).toMatchObject({ userId: user!.id });

    const toAdmin = await mailsAbout(acmeAdmin.email, request.email);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]).toMatchObject({ kind: "account_auto_joined", userId: acmeAdmin.id });
    expect(toAdmin[0]!.bodyText).toContain(`${BASE}/account/users`);
    expect(toAdmin[0]!.bodyText).toContain("@acme-facilities.test");
    expect(await mailsAbout(staff.email, request.email)).toHaveLength(0);
    expect((await listJoinRequests(acmeAdmin)).map((r) => r.id)).not.toContain(request.id);
  });

  it("another domain, or the same one after auto-join is stopped, is an ordinary request again", async () => {
    const elsewhere = await ask("unrelated.test");
    expect(elsewhere.status).toBe("pending");
    await removeAutoJoin(acmeAdmin, "acme-facilities.test");
    expect((await failure(removeAutoJoin(acmeAdmin, "acme-facilities.test")))?.code).toBe("not_found");
    const afterStop = await ask("acme-facilities.test");
    expect(afterStop).toMatchObject({ status: "pending", userId: null });
    expect((await listJoinRequests(acmeAdmin)).map((r) => r.id)).toContain(afterStop.id);
    expect((await mailsAbout(acmeAdmin.email, afterStop.email)).map((mail) => mail.kind)).toEqual(["account_request_join"]);
  });

  it("an address that already belongs to a (deactivated) user is not taken over: the request waits", async () => {
    await setAutoJoin(acmeAdmin, { domain: "acme-facilities.test", role: "buyer", orderLimitMinor: null }, NOW);
    const leaver = await addCompanyUser(handle, acme, "buyer");
    await handle.db.update(users).set({ email: "leaver@acme-facilities.test", active: false }).where(eq(users.id, leaver.id));
    const request = await ask("acme-facilities.test", { email: "leaver@acme-facilities.test" });
    expect(request).toMatchObject({ status: "pending", userId: null });
    expect((await handle.db.select().from(users).where(eq(users.email, "leaver@acme-facilities.test"))).map((u) => u.id)).toEqual([leaver.id]);
    expect((await mailsAbout(acmeAdmin.email, request.email)).map((mail) => mail.kind)).toEqual(["account_request_join"]);
  });

  it("a domain two customers let join joins nobody automatically; an inactive customer's rule does not count", async () => {
    // The other customer has a colleague at Acme's domain too (a group with two accounts).
    const colleague = await addCompanyUser(handle, other, "buyer");
    await handle.db.update(users).set({ email: "shared.desk@acme-facilities.test" }).where(eq(users.id, colleague.id));
    await setAutoJoin(otherAdmin, { domain: "acme-facilities.test", role: "buyer", orderLimitMinor: null }, NOW);
    const ambiguous = await ask("acme-facilities.test");
    expect(ambiguous).toMatchObject({ status: "pending", userId: null });

    // With the other customer inactive, Acme's rule is the only one again.
    await handle.db.update(companies).set({ active: false }).where(eq(companies.id, other.company.id));
    const joined = await ask("acme-facilities.test");
    expect(joined).toMatchObject({ status: "approved", companyId: acme.company.id });
    await handle.db.update(companies).set({ active: true }).where(eq(companies.id, other.company.id));
    // Nor does a rule count once the company has no active user at the domain any more (the other customer's colleague left).
    await handle.db.update(users).set({ active: false }).where(eq(users.id, colleague.id));
    expect(await ask("acme-facilities.test")).toMatchObject({ status: "approved", companyId: acme.company.id });
  });
});
