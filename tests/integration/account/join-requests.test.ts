// Requests to join: an account request that may come from an existing customer (its KvK number, VAT
// id or its users' e-mail domain) is mailed to that customer's company admins, who approve it into
// their own company (role and order limit of their choice, invited with the set-password link) or
// reject it with a mailed reason. Other companies' admins, buyers and staff viewing as the customer
// cannot; a request decided meanwhile, or one whose address became a user, writes nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountRequests, companies, mailOutbox, userTokens, users } from "@/db/schema";
import { approveJoinRequest, listJoinRequests, rejectJoinRequest } from "@/lib/account/join-requests";
import { accountRequestSchema, requestAccount } from "@/lib/account-requests/request-account";
import { rejectAccountRequest } from "@/lib/admin/account-requests";
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
const NOW = new Date("2026-11-29T10:00:00Z");
const BASE = "https://shop.example";
let counter = 0;
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
/** Company A: admin at @acme-facilities.test, KvK 40000001, VAT NL000000001B01. Company B: elsewhere. */
let acme: Customer;
let acmeAdmin: Customer["buyer"];
let acmeBuyer: Awaited<ReturnType<typeof addCompanyUser>>;
let other: Customer;
let otherAdmin: Customer["buyer"];

async function asCompany(kvkNumber: string, vatId: string | null, adminEmail: string) {
  const customer = await createCompanyWithBuyer(handle, "company_admin");
  await handle.db.update(companies).set({ kvkNumber, vatId }).where(eq(companies.id, customer.company.id));
  await handle.db.update(users).set({ email: adminEmail }).where(eq(users.id, customer.user.id));
  return { ...customer, buyer: { ...customer.buyer, email: adminEmail } };
}

/** Someone asks on the public form. */
async function ask(overrides: Record<string, string>) {
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
    email: `colleague.${counter}@acme-facilities.test`,
    phone: "",
    message: "Ik werk bij de facilitaire dienst.",
    locale: "en",
    ...overrides,
  });
  await requestAccount(input, { remoteAddress: `10.9.0.${counter}`, now: NOW, baseUrl: BASE });
  const [row] = await handle.db.select().from(accountRequests).where(eq(accountRequests.email, input.email));
  return row!;
}

const mailsTo = (email: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email));
const requestRow = async (id: number) => (await handle.db.select().from(accountRequests).where(eq(accountRequests.id, id)))[0]!;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  acme = await asCompany("40000001", "NL000000001B01", "fm-lead@acme-facilities.test");
  acmeAdmin = acme.buyer;
  acmeBuyer = await addCompanyUser(handle, acme, "buyer");
  other = await asCompany("40000002", null, "beheer@other-org.test");
  otherAdmin = other.buyer;
  // A public mailbox among Acme's users says nothing about who else is from Acme.
  await handle.db.update(users).set({ email: "acme.temp@gmail.com" }).where(eq(users.id, acmeBuyer.id));
  staff = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());

describe("who sees a request to join", () => {
  it("by e-mail domain, KvK number or VAT id; not by a public mailbox domain; only the matching company", async () => {
    const byDomain = await ask({});
    const byKvk = await ask({ email: "someone@gmail.com", countryCode: "NL", postalCode: "1012 AB", kvkNumber: "40000001" });
    const byVat = await ask({ email: "elsewhere@partner.test", vatId: "NL000000001B01" });
    const publicOnly = await ask({ email: "another@gmail.com" });
    const unrelated = await ask({ email: "x@unrelated.test" });

    const seen = await listJoinRequests(acmeAdmin);
    expect(seen.map((r) => [r.id, r.matchedOn])).toEqual([
      [byDomain.id, ["email_domain"]],
      [byKvk.id, ["kvk"]],
      [byVat.id, ["vat"]],
    ]);
    expect(seen[0]).toMatchObject({ contactName: byDomain.contactName, companyName: "Acme Facilities", city: "Antwerpen", message: "Ik werk bij de facilitaire dienst." });
    expect(seen.map((r) => r.id)).not.toContain(publicOnly.id);
    expect(seen.map((r) => r.id)).not.toContain(unrelated.id);
    expect(await listJoinRequests(otherAdmin)).toEqual([]);
  });

  it("mails the matching company's active company admins, with the link to Users", async () => {
    const inactiveAdmin = await addCompanyUser(handle, acme, "company_admin");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, inactiveAdmin.id));
    const request = await ask({});
    const toAdmin = (await mailsTo(acmeAdmin.email)).filter((mail) => mail.bodyText.includes(request.email));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]).toMatchObject({ kind: "account_request_join", userId: acmeAdmin.id });
    expect(toAdmin[0]!.bodyText).toContain(`${BASE}/account/users#join-requests`);
    expect((await mailsTo(inactiveAdmin.email)).length).toBe(0);
    expect((await mailsTo(otherAdmin.email)).filter((mail) => mail.bodyText.includes(request.email))).toHaveLength(0);
  });

  it("buyers and staff viewing the shop as the company admin are refused", async () => {
    expect((await failure(listJoinRequests(acmeBuyer)))?.code).toBe("forbidden");
    expect((await failure(listJoinRequests({ ...acmeAdmin, impersonatedBy: { id: staff.id, name: staff.name, sessionId: 1, expiresAt: NOW } })))?.message).toBe("not_while_viewing_as");
  });
});

describe("the company admin decides", () => {
  it("approve: the person joins their company with the chosen role and limit, invited with a working link", async () => {
    const request = await ask({ locale: "nl" });
    const { userId } = await approveJoinRequest(acmeAdmin, request.id, { role: "approver", orderLimitMinor: 100_000 }, NOW);
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email: request.email, name: request.contactName, companyId: acme.company.id, role: "approver", orderLimitMinor: 100_000, locale: "nl", passwordHash: null, active: true });
    expect(await requestRow(request.id)).toMatchObject({ status: "approved", decidedBy: acmeAdmin.id, decidedAt: NOW, companyId: acme.company.id, userId });
    const [invitation] = (await mailsTo(request.email)).filter((mail) => mail.kind !== "account_request_received");
    expect(invitation!.bodyText).toContain(acmeAdmin.name);
    const token = /set-password\?token=([A-Za-z0-9_-]+)/.exec(invitation!.bodyText)?.[1];
    expect(await checkPasswordLink(token!, NOW)).toMatchObject({ userId });
    expect((await listJoinRequests(acmeAdmin)).map((r) => r.id)).not.toContain(request.id);
  });

  it("reject: a reason is required; the requester is mailed it, naming who decided", async () => {
    const request = await ask({});
    expect((await failure(rejectJoinRequest(acmeAdmin, request.id, "  ", NOW)))?.message).toBe("reason_required");
    expect((await requestRow(request.id)).status).toBe("pending");
    await rejectJoinRequest(acmeAdmin, request.id, "Not one of ours.", NOW);
    expect(await requestRow(request.id)).toMatchObject({ status: "rejected", decidedBy: acmeAdmin.id, rejectionReason: "Not one of ours." });
    const [mail] = (await mailsTo(request.email)).filter((m) => m.kind === "account_request_rejected");
    expect(mail!.bodyText).toContain(`${acmeAdmin.name}, administrator of ${acme.company.name}`);
    expect(mail!.bodyText).toContain("Not one of ours.");
  });

  it("another company's admin, or a request that does not match: not found, nothing written", async () => {
    const request = await ask({});
    expect((await failure(approveJoinRequest(otherAdmin, request.id, { role: "buyer", orderLimitMinor: null }, NOW)))?.code).toBe("not_found");
    expect((await failure(rejectJoinRequest(otherAdmin, request.id, "no", NOW)))?.code).toBe("not_found");
    expect((await failure(approveJoinRequest(acmeBuyer, request.id, { role: "buyer", orderLimitMinor: null }, NOW)))?.code).toBe("forbidden");
    expect(await requestRow(request.id)).toMatchObject({ status: "pending", decidedBy: null });
    expect(await handle.db.select().from(users).where(eq(users.email, request.email))).toHaveLength(0);
  });

  it("decided by staff meanwhile: conflict, nothing written", async () => {
    const request = await ask({});
    await rejectAccountRequest(staff, request.id, "Duplicate.", NOW);
    expect((await failure(approveJoinRequest(acmeAdmin, request.id, { role: "buyer", orderLimitMinor: null }, NOW)))?.message).toBe("account_request_decided");
    expect((await failure(rejectJoinRequest(acmeAdmin, request.id, "no", NOW)))?.message).toBe("account_request_decided");
    expect(await handle.db.select().from(users).where(eq(users.email, request.email))).toHaveLength(0);
    expect(await requestRow(request.id)).toMatchObject({ status: "rejected", decidedBy: staff.id });
  });

  it("an address that became a (deactivated) user meanwhile: email_taken, no invitation, request still open", async () => {
    const request = await ask({});
    const [former] = await handle.db
      .insert(users)
      .values({ email: request.email, name: "Former", role: "buyer", companyId: other.company.id, active: false })
      .returning();
    const error = await failure(approveJoinRequest(acmeAdmin, request.id, { role: "buyer", orderLimitMinor: null }, NOW));
    expect([error?.code, error?.message]).toEqual(["conflict", "email_taken"]);
    expect(await requestRow(request.id)).toMatchObject({ status: "pending" });
    expect(await handle.db.select().from(userTokens).where(and(eq(userTokens.userId, former!.id)))).toHaveLength(0);
  });
});
