// Account requests ("Account aanvragen"): a prospective customer asks on the public page, staff
// approve into a new or an existing customer (the person invited to choose a password, all in one
// transaction) or reject with a reason. The public answer never tells whether an address has an account.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, accountRequests, addresses, companies, mailOutbox, users } from "@/db/schema";
import { accountRequestSchema, requestAccount, type AccountRequestInput } from "@/lib/account-requests/request-account";
import { onboardingStage } from "@/lib/account-requests/stage";
import { approveAccountRequest, listAccountRequestsForStaff, rejectAccountRequest, reviewAccountRequest } from "@/lib/admin/account-requests";
import { checkPasswordLink, setPasswordWithLink } from "@/lib/admin/set-password";
import type { StaffUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let existing: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
const NOW = new Date("2026-11-28T10:00:00Z");
const BASE = "https://shop.example";
let counter = 0;
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

/** What the form posts (the fields as typed). */
function raw(overrides: Record<string, string> = {}): Record<string, string> {
  counter += 1;
  return {
    companyName: `Nieuw Bedrijf ${counter} B.V.`,
    kvkNumber: "1234 5678",
    vatId: "nl 8623.45678.B01",
    countryCode: "nl",
    street: "Lindelaan 14",
    postalCode: "3818kl",
    city: "Amersfoort",
    contactName: "Ilse Verbeek",
    email: `Ilse.${counter}@Nieuwbedrijf.test`,
    phone: "",
    message: "",
    locale: "nl",
    ...overrides,
  };
}

const form = (overrides: Record<string, string> = {}): AccountRequestInput => accountRequestSchema.parse(raw(overrides));

async function ask(input: AccountRequestInput, remoteAddress = `10.0.0.${counter}`) {
  return requestAccount(input, { remoteAddress, now: NOW, baseUrl: BASE });
}

const mailsTo = (email: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email.toLowerCase()));
const requestOf = async (email: string) => (await handle.db.select().from(accountRequests).where(eq(accountRequests.email, email.toLowerCase())))[0]!;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  existing = await createCompanyWithBuyer(handle);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [existing.company.id]);
}, 120_000);
afterAll(() => fresh.dispose());

describe("the public form", () => {
  it("normalises what people type, and names the field of each problem", () => {
    const parsed = form();
    expect([parsed.kvkNumber, parsed.vatId, parsed.countryCode, parsed.postalCode, parsed.email, parsed.phone]).toEqual([
      "12345678",
      "NL862345678B01",
      "NL",
      "3818 KL",
      `ilse.${counter}@nieuwbedrijf.test`,
      null,
    ]);
    const problems = accountRequestSchema.safeParse({ ...raw(), kvkNumber: "123", vatId: "NL12", postalCode: "38188", email: "nope", companyName: "" });
    expect(problems.success).toBe(false);
    const byField = Object.fromEntries(problems.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(byField).toMatchObject({ companyName: "required", email: "email_format" });
    // A foreign company needs no KvK number and keeps its own postal code.
    expect(accountRequestSchema.parse({ ...raw(), countryCode: "BE", kvkNumber: "", postalCode: "2000", vatId: "BE0123456789" })).toMatchObject({ kvkNumber: null, postalCode: "2000" });
    const dutch = accountRequestSchema.safeParse({ ...raw(), kvkNumber: "" });
    expect(dutch.error?.issues.map((i) => i.message)).toEqual(["kvk_format"]);
  });

  it("stores the request, confirms it to the requester and tells the admins", async () => {
    // A prospect like no customer (the fixtures' customers have KvK number 12345678).
    const input = form({ kvkNumber: "99887766" });
    expect(await ask(input)).toBe("received");
    const stored = await requestOf(input.email);
    expect(stored).toMatchObject({ status: "pending", companyName: input.companyName, kvkNumber: "99887766", postalCode: "3818 KL", decidedAt: null });
    const [confirmation] = await mailsTo(input.email);
    expect(confirmation).toMatchObject({ kind: "account_request_received", subject: "Uw aanvraag voor een account bij Koppel is ontvangen" });
    const [toAdmin] = await mailsTo(admin.email);
    expect(toAdmin).toMatchObject({ kind: "account_request_new", userId: admin.id });
    expect(toAdmin!.bodyText).toContain(`${BASE}/admin/account-requests`);
    // Account managers are not mailed: new customers are the admins' to hand out (they see the queue too).
    expect(await mailsTo(manager.email)).toHaveLength(0);
  });

  it("a request that may come from a customer is mailed to that customer's account managers too", async () => {
    await handle.db.update(companies).set({ kvkNumber: "55554444" }).where(eq(companies.id, existing.company.id));
    const input = form({ kvkNumber: "55554444", vatId: "" });
    await ask(input);
    const toManager = (await mailsTo(manager.email)).filter((mail) => mail.bodyText.includes(input.email));
    expect(toManager).toEqual([expect.objectContaining({ kind: "account_request_new", userId: manager.id })]);
    expect((await mailsTo(admin.email)).filter((mail) => mail.bodyText.includes(input.email))).toHaveLength(1);
  });

  it("asking again updates the open request instead of adding one", async () => {
    const input = form();
    await ask(input);
    await ask({ ...input, city: "Utrecht" });
    const rows = await handle.db.select().from(accountRequests).where(eq(accountRequests.email, input.email));
    expect(rows.map((r) => r.city)).toEqual(["Utrecht"]);
  });

  it("an address that has an account: the same answer, nothing stored, its owner told how to get in", async () => {
    const input = form({ email: existing.user.email.toUpperCase() });
    expect(await ask(input)).toBe("received");
    expect(await handle.db.select().from(accountRequests).where(eq(accountRequests.email, existing.user.email))).toHaveLength(0);
    const [mail] = await mailsTo(existing.user.email);
    expect(mail).toMatchObject({ kind: "account_request_existing" });
    expect(mail!.bodyText).toContain(`${BASE}/forgot-password`);
  });

  it("a bot filling the hidden field gets the same answer and stores nothing", async () => {
    const input = form({ website: "https://spam.example" });
    expect(await ask(input)).toBe("received");
    expect(await handle.db.select().from(accountRequests).where(eq(accountRequests.email, input.email))).toHaveLength(0);
    expect(await mailsTo(input.email)).toHaveLength(0);
  });

  it("five requests per address in 15 minutes, then 'throttled' and nothing more", async () => {
    const input = form();
    for (let i = 0; i < 5; i++) expect(await ask(input, `10.1.0.${i}`)).toBe("received");
    expect(await ask(input, "10.1.0.99")).toBe("throttled");
    expect((await mailsTo(input.email)).length).toBe(5);
  });
});

describe("staff decide", () => {
  it("approve as a new customer: company, addresses, company admin invited with a working link, request closed", async () => {
    const input = form();
    await ask(input);
    const { id } = await requestOf(input.email);
    expect((await listAccountRequestsForStaff(manager, "pending")).map((r) => r.id)).toContain(id);
    const created = await approveAccountRequest(manager, id, { target: "new_company", paymentTermsDays: 14 }, { baseUrl: BASE, now: NOW });
    const [company] = await handle.db.select().from(companies).where(eq(companies.id, created.companyId));
    expect(company).toMatchObject({ name: input.companyName, kvkNumber: "12345678", vatId: "NL862345678B01", paymentTermsDays: 14, invoiceChannels: ["email"], invoiceEmail: input.email });
    const companyAddresses = await handle.db.select().from(addresses).where(eq(addresses.companyId, created.companyId));
    expect(companyAddresses.map((a) => [a.kind, a.street, a.postalCode, a.isDefault]).sort()).toEqual([
      ["bill_to", "Lindelaan 14", "3818 KL", true],
      ["ship_to", "Lindelaan 14", "3818 KL", true],
    ]);
    // The account manager who approved looks after the new customer.
    expect(await handle.db.select().from(accountManagerCustomers).where(eq(accountManagerCustomers.companyId, created.companyId))).toEqual([
      expect.objectContaining({ staffUserId: manager.id }),
    ]);
    const [user] = await handle.db.select().from(users).where(eq(users.id, created.userId));
    expect(user).toMatchObject({ email: input.email, name: "Ilse Verbeek", role: "company_admin", passwordHash: null, companyId: created.companyId });
    const invite = (await mailsTo(input.email)).find((m) => m.kind === "invite")!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(invite.bodyText)![1]!;
    expect(invite.bodyText).toContain(`${BASE}/set-password?token=`);
    expect(await checkPasswordLink(token, NOW)).toMatchObject({ userId: created.userId, purpose: "invite" });
    // Where it stands, for the account manager: invited, until the invitation's end …
    const stageOf = async () => onboardingStage((await listAccountRequestsForStaff(manager, "approved")).find((r) => r.id === id)!.invitee, NOW);
    expect(await stageOf()).toEqual({ stage: "invited", until: new Date(NOW.getTime() + 7 * 24 * 3600_000) });
    await setPasswordWithLink(token, "een-lang-wachtwoord-2026", NOW);
    // … then password chosen, then signed in.
    expect(await stageOf()).toEqual({ stage: "password_chosen" });
    await handle.db.update(users).set({ lastSignInAt: NOW }).where(eq(users.id, created.userId));
    expect(await stageOf()).toEqual({ stage: "signed_in", at: NOW });
    expect((await reviewAccountRequest(manager, id)).request.invitee).toMatchObject({ active: true, hasPassword: true, lastSignInAt: NOW });
    // A new customer has no price list yet: the page tells the account manager it orders at catalog prices.
    expect((await reviewAccountRequest(manager, id)).customerWithoutPriceList).toBe(true);
    expect(await reviewAccountRequest(admin, id)).toMatchObject({ request: { status: "approved", companyId: created.companyId, userId: created.userId, decidedBy: manager.id, decidedByName: manager.name } });
    // Decided once.
    expect((await failure(approveAccountRequest(admin, id, { target: "new_company", paymentTermsDays: 30 }, { baseUrl: BASE, now: NOW })))?.message).toBe("account_request_decided");
  });

  it("finds the customer it may belong to, and approves a colleague into it with the role staff choose", async () => {
    await handle.db.update(companies).set({ kvkNumber: "87654321" }).where(eq(companies.id, existing.company.id));
    const domain = existing.user.email.split("@")[1]!;
    const input = form({ kvkNumber: "87654321", vatId: "", email: `collega.${counter}@${domain}` });
    await ask(input);
    const { id } = await requestOf(input.email);
    const review = await reviewAccountRequest(manager, id);
    expect(review.matches).toEqual([expect.objectContaining({ id: existing.company.id, matchedOn: ["kvk", "email_domain"] })]);
    expect(review.existingUser).toBeNull();
    // An account manager adds people only to customers they look after.
    const stranger = await createStaff(handle, "account_manager");
    expect((await failure(approveAccountRequest(stranger, id, { target: "existing_company", companyId: existing.company.id, role: "buyer" }, { baseUrl: BASE, now: NOW })))?.message).toBe("customer_not_found");
    const created = await approveAccountRequest(manager, id, { target: "existing_company", companyId: existing.company.id, role: "approver" }, { baseUrl: BASE, now: NOW });
    expect(created.companyId).toBe(existing.company.id);
    const [user] = await handle.db.select().from(users).where(eq(users.id, created.userId));
    expect(user).toMatchObject({ role: "approver", companyId: existing.company.id });
    const invite = (await mailsTo(input.email)).find((m) => m.kind === "invite")!;
    expect(invite.subject).toContain(existing.company.name);
  });

  it("an address that became a user meanwhile: the approval writes nothing (no company left behind)", async () => {
    const input = form();
    await ask(input);
    const { id } = await requestOf(input.email);
    await handle.db.insert(users).values({ email: input.email, name: "Intussen", role: "buyer", companyId: existing.company.id });
    expect((await reviewAccountRequest(admin, id)).existingUser).toMatchObject({ name: "Intussen", companyId: existing.company.id, active: true });
    const before = await handle.db.select({ id: companies.id }).from(companies);
    expect(await failure(approveAccountRequest(admin, id, { target: "new_company", paymentTermsDays: 30 }, { baseUrl: BASE, now: NOW }))).toMatchObject({ code: "conflict", message: "email_taken" });
    expect(await handle.db.select({ id: companies.id }).from(companies)).toHaveLength(before.length);
    expect((await requestOf(input.email)).status).toBe("pending");
  });

  it("reject needs a reason, tells the requester, and closes the request; a new request from the address may follow", async () => {
    const input = form({ locale: "en" });
    await ask(input);
    const { id } = await requestOf(input.email);
    expect((await failure(rejectAccountRequest(admin, id, "  ", NOW)))?.message).toBe("reason_required");
    await rejectAccountRequest(admin, id, "We only supply organisations in the care sector.", NOW);
    const rejected = (await mailsTo(input.email)).find((m) => m.kind === "account_request_rejected")!;
    expect(rejected.subject).toBe("Your request for a Koppel account");
    expect(rejected.bodyText).toContain("Reason: We only supply organisations in the care sector.");
    expect((await failure(rejectAccountRequest(admin, id, "again", NOW)))?.message).toBe("account_request_decided");
    expect((await listAccountRequestsForStaff(admin, "rejected")).find((r) => r.id === id)).toMatchObject({ rejectionReason: "We only supply organisations in the care sector.", decidedByName: admin.name });
    // The next request from the same address is a new one.
    await ask({ ...input, companyName: "Ander Bedrijf" });
    expect(await handle.db.select().from(accountRequests).where(eq(accountRequests.email, input.email))).toHaveLength(2);
  });

  it("unknown ids are not found", async () => {
    expect((await failure(reviewAccountRequest(admin, 999_999)))?.code).toBe("not_found");
    expect((await failure(approveAccountRequest(admin, 999_999, { target: "new_company", paymentTermsDays: 30 }, { baseUrl: BASE, now: NOW })))?.code).toBe("not_found");
  });
});
