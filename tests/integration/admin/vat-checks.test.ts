// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountRequests, companies, vatChecks } from "@/db/schema";
import { vatIdStatus, VAT_CHECK_VALID_DAYS } from "@/lib/admin/vat-checks";
import { createStaff } from "../../support/admin-fixtures";
import { startFakeVies, type FakeVies } from "../../support/fake-vies";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { createSupplierProfile } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * VAT ids checked at VIES (a local stand-in speaking its REST API, at VIES_URL): the answer is kept
 * as evidence, with our VAT id as requester so a consultation number comes back; an EU customer
 * invoiced at 0 % is flagged until a valid check of its current VAT id is on record.
 */
const request = vi.hoisted(() => {
  const port = 40_000 + Math.floor(Math.random() * 9_000);
  process.env.VIES_URL = `http://127.0.0.1:${port}/check-vat-number`;
  return { userId: null as number | null, cookies: new Map<string, string>(), port };
});
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { checkCustomerVatIdAction } = await import("@/app/admin/customers/actions");
const { checkRequestVatIdAction } = await import("@/app/admin/account-requests/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let vies: FakeVies;
let german: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let french: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: { id: number; name: string };
let otherManager: { id: number };

const idle = { status: "idle" } as const;
const form = (values: Record<string, string | number>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
};
const as = (userId: number) => {
  request.userId = userId;
};
const checksOf = (vatId: string) => handle.db.select().from(vatChecks).where(eq(vatChecks.vatId, vatId)).orderBy(vatChecks.id);
const companyRow = async (id: number) => (await handle.db.select().from(companies).where(eq(companies.id, id)))[0]!;

beforeAll(async () => {
  vies = await startFakeVies(request.port);
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  german = await createCompanyWithBuyer(handle);
  await handle.db.update(companies).set({ countryCode: "DE", vatId: "DE 811 907 980" }).where(eq(companies.id, german.company.id));
  french = await createCompanyWithBuyer(handle);
  await handle.db.update(companies).set({ countryCode: "FR", vatId: "FR40303265045" }).where(eq(companies.id, french.company.id));
  const m = await createStaff(handle, "account_manager", [german.company.id, french.company.id]);
  manager = m;
  otherManager = await createStaff(handle, "account_manager");
}, 60_000);
afterAll(async () => {
  await fresh?.dispose();
  await vies?.close();
});

describe("VAT id checks at VIES", () => {
  it("an EU customer invoiced at 0 % is flagged until its VAT id has been found valid", async () => {
    const status = await vatIdStatus(await companyRow(german.company.id), new Date());
    expect(status).toMatchObject({ vatId: "DE811907980", checkable: true, zeroRated: true, recent: [], latestValid: null, needsAttention: true });
  });

  it("the customer's manager checks it: VIES is asked with our VAT id as requester and the answer is kept", async () => {
    as(manager.id);
    const before = vies.requests.length;
    expect(await checkCustomerVatIdAction(idle, form({ companyId: german.company.id }))).toEqual({ status: "ok" });
    expect(vies.requests.slice(before)).toEqual([{ countryCode: "DE", vatNumber: "811907980", requesterMemberStateCode: "NL", requesterNumber: "862345678B01" }]);
    const [check] = await checksOf("DE811907980");
    expect(check).toMatchObject({
      outcome: "valid",
      registeredName: null, // Germany does not disclose it ("---")
      consultationNumber: expect.stringMatching(/^WAPIFAKE\d{8}$/),
      checkedByUserId: manager.id,
      checkedByName: manager.name,
      errorCode: null,
    });
    const status = await vatIdStatus(await companyRow(german.company.id), new Date());
    expect(status).toMatchObject({ needsAttention: false, latestValid: { id: check!.id } });
    // A year and a day later, the evidence is old: check again.
    const later = new Date(check!.checkedAt.getTime() + (VAT_CHECK_VALID_DAYS + 1) * 86_400_000);
    expect((await vatIdStatus(await companyRow(german.company.id), later))!.needsAttention).toBe(true);
  });

  it("another manager's customer is not found: VIES is not asked, nothing is kept", async () => {
    as(otherManager.id);
    const before = vies.requests.length;
    expect(await checkCustomerVatIdAction(idle, form({ companyId: german.company.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect(vies.requests.length).toBe(before);
    expect(await checksOf("DE811907980")).toHaveLength(1);
  });

  it("a member state that does not answer is kept as 'no answer', which is not a verdict", async () => {
    as(manager.id);
    expect(await checkCustomerVatIdAction(idle, form({ companyId: french.company.id }))).toEqual({ status: "ok" });
    expect(await checksOf("FR40303265045")).toMatchObject([{ outcome: "unavailable", errorCode: "MS_UNAVAILABLE", consultationNumber: null }]);
    expect((await vatIdStatus(await companyRow(french.company.id), new Date()))!.needsAttention).toBe(true);
  });

  it("a changed VAT id has no checks until it is checked; an invalid answer is flagged even for a domestic customer", async () => {
    await handle.db.update(companies).set({ vatId: "DE123456789", vatTreatment: "domestic" }).where(eq(companies.id, german.company.id));
    const status = await vatIdStatus(await companyRow(german.company.id), new Date());
    expect(status).toMatchObject({ vatId: "DE123456789", zeroRated: false, recent: [], needsAttention: false });
    as(manager.id);
    await checkCustomerVatIdAction(idle, form({ companyId: german.company.id }));
    expect(await checksOf("DE123456789")).toMatchObject([{ outcome: "invalid" }]);
    expect((await vatIdStatus(await companyRow(german.company.id), new Date()))!.needsAttention).toBe(true);
  });

  it("countries VIES does not cover, and customers without a VAT id, are refused before asking", async () => {
    as(manager.id);
    const before = vies.requests.length;
    await handle.db.update(companies).set({ countryCode: "CH", vatId: "CHE123456789", vatTreatment: "auto" }).where(eq(companies.id, german.company.id));
    expect(await checkCustomerVatIdAction(idle, form({ companyId: german.company.id }))).toMatchObject({ status: "error", message: "vies_not_covered" });
    expect((await vatIdStatus(await companyRow(german.company.id), new Date()))!.checkable).toBe(false);
    await handle.db.update(companies).set({ vatId: null }).where(eq(companies.id, german.company.id));
    expect(await checkCustomerVatIdAction(idle, form({ companyId: german.company.id }))).toMatchObject({ status: "error", message: "vies_no_vat_id" });
    expect(await vatIdStatus(await companyRow(german.company.id), new Date())).toBeNull();
    expect(vies.requests.length).toBe(before);
  });

  it("any staff member checks an account request's VAT id before deciding it", async () => {
    const [pending] = await handle.db
      .insert(accountRequests)
      .values({ companyName: "Facilitas Antwerpen NV", vatId: "be0412.345.614", countryCode: "BE", street: "Mechelsesteenweg 120", postalCode: "2018", city: "Antwerpen", contactName: "An Peeters", email: "an@facilitas.test" })
      .returning();
    as(otherManager.id);
    expect(await checkRequestVatIdAction(idle, form({ requestId: pending!.id }))).toEqual({ status: "ok" });
    expect(await checksOf("BE0412345614")).toMatchObject([{ outcome: "valid", registeredName: "Facilitas Antwerpen NV", registeredAddress: "Mechelsesteenweg 120, 2018 Antwerpen" }]);
    expect(await checkRequestVatIdAction(idle, form({ requestId: 2_000_000 }))).toMatchObject({ status: "error", code: "not_found" });
    // A buyer is not staff.
    as(german.user.id);
    expect(await checkRequestVatIdAction(idle, form({ requestId: pending!.id }))).toMatchObject({ status: "error" });
    expect(await checksOf("BE0412345614")).toHaveLength(1);
  });
});
