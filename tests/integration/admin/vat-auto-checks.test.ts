// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, accountRequests, companies, mailOutbox, users, vatCheckJobs, vatChecks } from "@/db/schema";
import { accountRequestSchema, requestAccount } from "@/lib/account-requests/request-account";
import { approveAccountRequest } from "@/lib/admin/account-requests";
import { runDueVatChecks, scheduleVatRechecks, VIES_SPACING_MS } from "@/lib/admin/vat-auto-checks";
import { listVatAttention, vatEvidenceWarning, vatIdStatus } from "@/lib/admin/vat-checks";
import { claimNextVatCheckJob, finishVatCheckJob } from "@/lib/data/vat-checks";
import { validateVatId } from "@/lib/einvoice/identifiers";
import { VAT_RECHECK_AFTER_DAYS } from "@/lib/vies/evidence";
import { createStaff } from "../../support/admin-fixtures";
import { startFakeVies, type FakeVies } from "../../support/fake-vies";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { createSupplierProfile } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * VAT ids checked at VIES without anybody clicking (a local stand-in for VIES at VIES_URL): after a
 * save (staff customer form, account request approval, /register) the check is queued with the save
 * and made by the worker; an outage is kept and retried; zero-rated customers are re-checked before
 * their evidence runs out, in small spaced batches; a valid id turning invalid is mailed to the
 * account managers; finance's list and the invoice forms show what needs attention.
 */
const request = vi.hoisted(() => {
  const port = 40_000 + Math.floor(Math.random() * 9_000);
  process.env.VIES_URL = `http://127.0.0.1:${port}/check-vat-number`;
  return { userId: null as number | null, cookies: new Map<string, string>(), port };
});
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { createCustomerAction, updateCustomerAction } = await import("@/app/admin/customers/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let vies: FakeVies;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;

const DAY = 86_400_000;
const idle = { status: "idle" } as const;
const as = (userId: number) => {
  request.userId = userId;
};

/** Valid German VAT ids (check digit per mod 11,10), a fresh one per call. */
let nextGerman = 100_000_000;
function germanVatId(): string {
  for (;;) {
    const candidate = `DE${++nextGerman}`;
    if (validateVatId(candidate) === null) return candidate;
  }
}

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  return form;
}

const customerForm = (vatId: string, extra: Record<string, string> = {}) => ({
  name: `Kunde ${vatId} GmbH`,
  countryCode: "DE",
  kvkNumber: "HRB 4711",
  vatId,
  paymentTermsDays: "30",
  active: "on",
  invoiceEmail: "rechnungen@kunde.test",
  invoiceChannels: ["email"],
  vatTreatment: "auto",
  ...extra,
});

const jobs = () => handle.db.select().from(vatCheckJobs).orderBy(vatCheckJobs.id);
const jobOf = async (companyId: number) => (await handle.db.select().from(vatCheckJobs).where(eq(vatCheckJobs.companyId, companyId)))[0] ?? null;
const checksOf = (vatId: string) => handle.db.select().from(vatChecks).where(eq(vatChecks.vatId, vatId)).orderBy(vatChecks.id);
const companyRow = async (id: number) => (await handle.db.select().from(companies).where(eq(companies.id, id)))[0]!;
const companyNamed = async (name: string) => (await handle.db.select().from(companies).where(eq(companies.name, name)))[0]!;

/** A customer set up directly in the database (no save through the app, so nothing queued). */
async function customer(values: { vatId: string | null; countryCode?: string; vatTreatment?: "auto" | "domestic" | "intra_community"; managers?: number[]; active?: boolean }) {
  const { company } = await createCompanyWithBuyer(handle);
  await handle.db
    .update(companies)
    .set({ vatId: values.vatId, countryCode: values.countryCode ?? "DE", vatTreatment: values.vatTreatment ?? "auto", active: values.active ?? true })
    .where(eq(companies.id, company.id));
  if (values.managers?.length) await handle.db.insert(accountManagerCustomers).values(values.managers.map((staffUserId) => ({ staffUserId, companyId: company.id })));
  return company.id;
}

/** Customers of earlier tests out of the way: re-checks and the attention list only look at active ones. */
const deactivateEarlierCustomers = () => handle.db.update(companies).set({ active: false }).where(isNotNull(companies.vatId));

/** A check on record, as if made `daysAgo` days ago. */
async function pastCheck(vatId: string, outcome: "valid" | "invalid" | "unavailable", daysAgo: number) {
  await handle.db.insert(vatChecks).values({ vatId, outcome, checkedAt: new Date(Date.now() - daysAgo * DAY), source: "staff", checkedByName: "Vroeger" });
}

/** One worker round without waiting between requests (the pauses it would make are recorded). */
async function round(options: Parameters<typeof runDueVatChecks>[0] = {}) {
  const pauses: number[] = [];
  const result = await runDueVatChecks({ sleep: async (ms) => void pauses.push(ms), ...options });
  return { ...result, pauses };
}

beforeAll(async () => {
  vies = await startFakeVies(request.port);
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
  otherManager = await createStaff(handle, "account_manager");
}, 60_000);
afterAll(async () => {
  await fresh?.dispose();
  await vies?.close();
});
beforeEach(async () => {
  // Each test starts with an empty queue (what one test leaves is no other's business).
  await handle.db.delete(vatCheckJobs);
  vies.answers.clear();
  request.userId = null;
});

describe("a VAT id saved by staff is checked by itself, after the save", () => {
  it("a new customer: the save queues the check and returns without asking VIES; the worker asks and keeps the answer as automatic", async () => {
    const vatId = germanVatId();
    as(manager.id);
    const before = vies.requests.length;
    const outcome = await runAction(() => createCustomerAction(idle, formOf(customerForm(vatId))));
    expect(outcome).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/customers\/\d+$/) });
    const company = await companyNamed(`Kunde ${vatId} GmbH`);
    expect(vies.requests.length).toBe(before);
    expect(await jobs()).toMatchObject([{ companyId: company.id, trigger: "automatic", attempts: 0 }]);
    expect((await vatIdStatus(company, new Date()))!).toMatchObject({ zeroRated: true, attention: "no_valid_check", queued: { trigger: "automatic", attempts: 0 } });

    expect(await round()).toMatchObject({ asked: 1, finished: 1, retried: 0 });
    expect(vies.requests.at(-1)).toEqual({ countryCode: "DE", vatNumber: vatId.slice(2), requesterMemberStateCode: "NL", requesterNumber: "862345678B01" });
    expect(await checksOf(vatId)).toMatchObject([{ outcome: "valid", source: "automatic", checkedByUserId: null, checkedByName: null, consultationNumber: expect.stringMatching(/^WAPIFAKE/) }]);
    expect(await jobs()).toEqual([]);
    expect((await vatIdStatus(company, new Date()))!).toMatchObject({ attention: null, needsAttention: false, queued: null });
  });

  it("a changed VAT id is queued; saving the same id again (differently written) or another field is not; removing it drops the queued check", async () => {
    const id = await customer({ vatId: germanVatId(), managers: [manager.id] });
    const changed = germanVatId();
    as(manager.id);
    expect(await updateCustomerAction(idle, formOf({ ...customerForm(changed), companyId: String(id) }))).toEqual({ status: "ok" });
    const queued = await jobOf(id);
    expect(queued).toMatchObject({ trigger: "automatic", generation: 1 });
    await handle.db.delete(vatCheckJobs);
    const spaced = `DE ${changed.slice(2, 5)}.${changed.slice(5)}`;
    expect(await updateCustomerAction(idle, formOf({ ...customerForm(spaced), companyId: String(id), paymentTermsDays: "60" }))).toEqual({ status: "ok" });
    expect(await jobs()).toEqual([]);
    // Changed twice before the worker came: one job, a newer generation, due at once again.
    await updateCustomerAction(idle, formOf({ ...customerForm(germanVatId()), companyId: String(id) }));
    await updateCustomerAction(idle, formOf({ ...customerForm(germanVatId()), companyId: String(id) }));
    expect(await jobs()).toMatchObject([{ companyId: id, generation: 2 }]);
    await updateCustomerAction(idle, formOf({ ...customerForm(""), companyId: String(id) }));
    expect(await jobs()).toEqual([]);
  });

  it("another manager's customer: refused, nothing saved or queued", async () => {
    const vatId = germanVatId();
    const id = await customer({ vatId: germanVatId(), managers: [manager.id] });
    as(otherManager.id);
    expect(await updateCustomerAction(idle, formOf({ ...customerForm(vatId), companyId: String(id) }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await jobs()).toEqual([]);
    expect((await companyRow(id)).vatId).not.toBe(vatId);
  });

  it("the check queued by a save is not made twice when staff checked the id meanwhile", async () => {
    const vatId = germanVatId();
    const id = await customer({ vatId: germanVatId(), managers: [manager.id] });
    as(manager.id);
    await updateCustomerAction(idle, formOf({ ...customerForm(vatId), companyId: String(id) }));
    const { checkCustomerVatIdAction } = await import("@/app/admin/customers/actions");
    expect(await checkCustomerVatIdAction(idle, formOf({ companyId: String(id) }))).toEqual({ status: "ok" });
    const before = vies.requests.length;
    expect(await round()).toMatchObject({ asked: 0, finished: 1 });
    expect(vies.requests.length).toBe(before);
    expect(await checksOf(vatId)).toMatchObject([{ source: "staff", checkedByName: manager.name }]);
  });
});

describe("account requests", () => {
  it("a request through /register is checked by itself; approving it into a new customer queues the customer's own check", async () => {
    const input = accountRequestSchema.parse({
      companyName: "Facilitas Antwerpen NV",
      vatId: "BE 0412.345.614",
      countryCode: "BE",
      street: "Mechelsesteenweg 120",
      postalCode: "2018",
      city: "Antwerpen",
      contactName: "An Peeters",
      email: "an.peeters@facilitas-auto.test",
      locale: "nl",
    });
    expect(await requestAccount(input, { remoteAddress: "10.9.9.9", now: new Date(), baseUrl: "https://shop.example" })).toBe("received");
    const [stored] = await handle.db.select().from(accountRequests).where(eq(accountRequests.email, "an.peeters@facilitas-auto.test"));
    expect(await jobs()).toMatchObject([{ accountRequestId: stored!.id, companyId: null, trigger: "automatic" }]);
    expect(await round()).toMatchObject({ asked: 1, finished: 1 });
    expect((await checksOf("BE0412345614")).at(-1)).toMatchObject({ outcome: "valid", source: "automatic", registeredName: "Facilitas Antwerpen NV" });
    expect(await vatIdStatus({ vatId: stored!.vatId, accountRequestId: stored!.id }, new Date())).toMatchObject({ queued: null, attention: null });

    const { companyId } = await approveAccountRequest(admin, stored!.id, { target: "new_company", paymentTermsDays: 30 }, { baseUrl: "https://shop.example", now: new Date() });
    expect(await jobs()).toMatchObject([{ companyId, trigger: "automatic" }]);
    // Checked minutes ago for the request: that verdict came before the customer's job was queued, so it asks again (the customer's own evidence).
    expect(await round()).toMatchObject({ asked: 1, finished: 1 });
  });

  it("a request decided before its check came round is not checked any more", async () => {
    const [pending] = await handle.db
      .insert(accountRequests)
      .values({ companyName: "Weg B.V.", vatId: germanVatId(), countryCode: "DE", street: "Str. 1", postalCode: "10115", city: "Berlin", contactName: "X", email: "x@weg-auto.test" })
      .returning();
    await handle.db.insert(vatCheckJobs).values({ accountRequestId: pending!.id, trigger: "automatic", dueAt: new Date(), queuedAt: new Date() });
    await handle.db
      .update(accountRequests)
      .set({ status: "rejected", decidedAt: new Date(), decidedBy: admin.id, rejectionReason: "nee" })
      .where(eq(accountRequests.id, pending!.id));
    const before = vies.requests.length;
    expect(await round()).toMatchObject({ asked: 0, finished: 1 });
    expect(vies.requests.length).toBe(before);
    expect(await jobs()).toEqual([]);
  });
});

describe("VIES outages", () => {
  it("a member state that does not answer is kept as such and asked again later, with backoff, until it answers", async () => {
    const id = await customer({ vatId: "FR40303265045", countryCode: "FR", managers: [manager.id] });
    await handle.db.insert(vatCheckJobs).values({ companyId: id, trigger: "automatic", dueAt: new Date(), queuedAt: new Date() });
    const t0 = Date.now();
    expect(await round({ now: () => new Date(t0) })).toMatchObject({ asked: 1, finished: 0, retried: 1 });
    expect(await checksOf("FR40303265045")).toMatchObject([{ outcome: "unavailable", errorCode: "MS_UNAVAILABLE", source: "automatic" }]);
    expect(await jobOf(id)).toMatchObject({ attempts: 1, lastError: "MS_UNAVAILABLE", dueAt: new Date(t0 + 15 * 60_000) });
    expect((await vatIdStatus(await companyRow(id), new Date(t0)))!).toMatchObject({ attention: "no_valid_check", queued: { attempts: 1, dueAt: new Date(t0 + 15 * 60_000) } });
    // Not before it is due.
    expect(await round({ now: () => new Date(t0 + 14 * 60_000) })).toMatchObject({ asked: 0 });
    expect(await round({ now: () => new Date(t0 + 15 * 60_000) })).toMatchObject({ asked: 1, retried: 1 });
    expect(await jobOf(id)).toMatchObject({ attempts: 2, dueAt: new Date(t0 + 45 * 60_000) });
    // The member state is back.
    vies.answers.set("FR40303265045", "valid");
    expect(await round({ now: () => new Date(t0 + 45 * 60_000) })).toMatchObject({ asked: 1, finished: 1 });
    expect((await checksOf("FR40303265045")).map((c) => c.outcome)).toEqual(["unavailable", "unavailable", "valid"]);
    expect(await jobOf(id)).toBeNull();
  });

  it("VIES itself unreachable: the round stops after the first request, every job stays queued", async () => {
    const ids = [await customer({ vatId: germanVatId() }), await customer({ vatId: germanVatId() }), await customer({ vatId: germanVatId() })];
    await handle.db.insert(vatCheckJobs).values(ids.map((companyId) => ({ companyId, trigger: "automatic" as const, dueAt: new Date(), queuedAt: new Date() })));
    const down: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    expect(await round({ fetch: down })).toMatchObject({ asked: 1, finished: 0, retried: 1 });
    const left = await jobs();
    expect(left).toHaveLength(3);
    expect(left.filter((job) => job.attempts === 1).map((job) => job.lastError)).toEqual(["network"]);
  });
});

describe("batches", () => {
  it("a round asks at most five, two seconds apart; the rest waits for the next round", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await customer({ vatId: germanVatId() }));
    await handle.db.insert(vatCheckJobs).values(ids.map((companyId) => ({ companyId, trigger: "scheduled" as const, dueAt: new Date(), queuedAt: new Date() })));
    const before = vies.requests.length;
    const first = await round();
    expect(first).toMatchObject({ asked: 5, finished: 5 });
    expect(first.pauses).toEqual([VIES_SPACING_MS, VIES_SPACING_MS, VIES_SPACING_MS, VIES_SPACING_MS]);
    expect(vies.requests.length - before).toBe(5);
    expect(await jobs()).toHaveLength(2);
    expect(await round()).toMatchObject({ asked: 2, finished: 2 });
    expect(await jobs()).toEqual([]);
  });

  it("a job queued again while it was being checked (the id changed) is not removed by the older check", async () => {
    const id = await customer({ vatId: germanVatId(), managers: [manager.id] });
    await handle.db.insert(vatCheckJobs).values({ companyId: id, trigger: "automatic", dueAt: new Date(), queuedAt: new Date() });
    const claimed = (await claimNextVatCheckJob(new Date(), 60_000))!;
    as(manager.id);
    await updateCustomerAction(idle, formOf({ ...customerForm(germanVatId()), companyId: String(id) }));
    await finishVatCheckJob(claimed);
    expect(await jobOf(id)).toMatchObject({ generation: 2, attempts: 0 });
  });
});

describe("periodic re-checks of customers invoiced at 0 %", () => {
  it("plans the due ones in a bounded batch, checks them as scheduled, and leaves the rest for later runs", async () => {
    await deactivateEarlierCustomers();
    const stale = await customer({ vatId: germanVatId() });
    const staleId = (await companyRow(stale)).vatId!;
    await pastCheck(staleId, "valid", VAT_RECHECK_AFTER_DAYS + 2);
    const never = await customer({ vatId: germanVatId(), vatTreatment: "intra_community" });
    const never2 = await customer({ vatId: germanVatId() });
    const recent = await customer({ vatId: germanVatId() });
    await pastCheck((await companyRow(recent)).vatId!, "valid", 20);
    const domestic = await customer({ vatId: germanVatId(), vatTreatment: "domestic" });
    const dutch = await customer({ vatId: "NL857426199B01", countryCode: "NL" });
    const inactive = await customer({ vatId: germanVatId(), active: false });
    const justInvalid = await customer({ vatId: germanVatId() });
    await pastCheck((await companyRow(justInvalid)).vatId!, "invalid", 3);

    expect(await scheduleVatRechecks(new Date(), 2)).toBe(2);
    const planned = (await jobs()).map((job) => job.companyId);
    expect(planned.every((id) => [never, never2].includes(id!))).toBe(true);
    expect(await scheduleVatRechecks(new Date(), 2)).toBe(1);
    expect((await jobs()).map((job) => job.companyId).sort()).toEqual([stale, never, never2].sort());
    for (const id of [recent, domestic, dutch, inactive, justInvalid]) expect(await jobOf(id)).toBeNull();
    expect(await scheduleVatRechecks(new Date(), 10)).toBe(0);

    expect(await round()).toMatchObject({ asked: 3, finished: 3 });
    expect((await checksOf(staleId)).at(-1)).toMatchObject({ outcome: "valid", source: "scheduled", checkedByName: null });
    expect(await scheduleVatRechecks(new Date(), 10)).toBe(0);
  });

  it("an id VIES found valid is now invalid: needs attention, and the account managers are mailed (in their language)", async () => {
    await deactivateEarlierCustomers();
    const vatId = germanVatId();
    const enManager = await createStaff(handle, "account_manager");
    await handle.db.update(users).set({ locale: "en" }).where(eq(users.id, enManager.id));
    const id = await customer({ vatId, managers: [manager.id, enManager.id] });
    await pastCheck(vatId, "valid", VAT_RECHECK_AFTER_DAYS + 1);
    vies.answers.set(vatId, "invalid");
    expect(await scheduleVatRechecks(new Date())).toBe(1);
    expect(await round()).toMatchObject({ asked: 1, finished: 1 });
    expect((await checksOf(vatId)).at(-1)).toMatchObject({ outcome: "invalid", source: "scheduled" });
    const mails = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "vat_id_invalid"));
    expect(mails.map((m) => m.toEmail).sort()).toEqual([manager.email, enManager.email].sort());
    const nl = mails.find((m) => m.toEmail === manager.email)!;
    expect(nl.subject).toContain("is niet meer geldig");
    expect(nl.bodyText).toContain(vatId);
    expect(nl.bodyText).toContain(`/admin/customers/${id}`);
    expect(mails.find((m) => m.toEmail === enManager.email)!.subject).toContain("is no longer valid");
    expect((await vatIdStatus(await companyRow(id), new Date()))!).toMatchObject({ attention: "invalid" });
    // The next round (or a re-check later) that says invalid again mails nobody.
    await handle.db.insert(vatCheckJobs).values({ companyId: id, trigger: "automatic", dueAt: new Date(), queuedAt: new Date(Date.now() + 1000) });
    await round({ now: () => new Date(Date.now() + 2000) });
    expect(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "vat_id_invalid"))).toHaveLength(2);
  });

  it("a customer without account managers: the admins are mailed", async () => {
    await deactivateEarlierCustomers();
    const vatId = germanVatId();
    await customer({ vatId });
    await pastCheck(vatId, "valid", 400);
    vies.answers.set(vatId, "invalid");
    expect(await scheduleVatRechecks(new Date())).toBe(1);
    await round();
    const mails = await handle.db.select().from(mailOutbox).where(and(eq(mailOutbox.kind, "vat_id_invalid"), eq(mailOutbox.toEmail, admin.email)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.bodyText).toContain(vatId);
  });
});

describe("what needs attention", () => {
  it("finance's list: invalid ids and zero-rated customers without current evidence, scoped to the manager's customers", async () => {
    await deactivateEarlierCustomers();
    const mine = await customer({ vatId: germanVatId(), managers: [manager.id] });
    const expired = await customer({ vatId: germanVatId(), managers: [manager.id] });
    const expiredId = (await companyRow(expired)).vatId!;
    await pastCheck(expiredId, "valid", 400);
    const fine = await customer({ vatId: germanVatId(), managers: [manager.id] });
    await pastCheck((await companyRow(fine)).vatId!, "valid", 10);
    const invalidDomestic = await customer({ vatId: germanVatId(), vatTreatment: "domestic", managers: [manager.id] });
    await pastCheck((await companyRow(invalidDomestic)).vatId!, "invalid", 1);
    const others = await customer({ vatId: germanVatId(), managers: [otherManager.id] });

    const forManager = await listVatAttention(manager, new Date());
    expect(Object.fromEntries(forManager.map((item) => [item.companyId, item.attention]))).toEqual({ [mine]: "no_valid_check", [expired]: "expired", [invalidDomestic]: "invalid" });
    const forAdmin = await listVatAttention(admin, new Date());
    expect(forAdmin.map((item) => item.companyId).sort()).toEqual([mine, expired, invalidDomestic, others].sort());
    expect(await listVatAttention(otherManager, new Date())).toMatchObject([{ companyId: others }]);
  });

  it("the invoice forms' warning: only for customers invoiced at 0 %, and only for staff who may see the customer", async () => {
    const zeroRated = await customer({ vatId: germanVatId(), managers: [manager.id] });
    const domestic = await customer({ vatId: "DE123456789", vatTreatment: "domestic", managers: [manager.id] });
    await pastCheck("DE123456789", "invalid", 1);
    expect(await vatEvidenceWarning(manager, zeroRated, new Date())).toMatchObject({ attention: "no_valid_check", latestValidAt: null });
    expect(await vatEvidenceWarning(manager, domestic, new Date())).toBeNull();
    await expect(vatEvidenceWarning(otherManager, zeroRated, new Date())).rejects.toMatchObject({ code: "not_found" });
    await pastCheck((await companyRow(zeroRated)).vatId!, "valid", 2);
    expect(await vatEvidenceWarning(manager, zeroRated, new Date())).toBeNull();
  });
});
