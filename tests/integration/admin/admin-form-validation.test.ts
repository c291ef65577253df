// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, addresses, priceLists } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The account manager's customer, address and price-list forms report every field's problem of one
 * save at once (a refused VAT id no longer hides a wrong KvK number until the next try), and a 0106
 * Peppol id must be the customer's KvK number.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { createCustomerAction, updateCustomerAction, saveAddressAction } = await import("@/app/admin/customers/actions");
const { createPriceListAction } = await import("@/app/admin/price-lists/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
const idle = { status: "idle" } as const;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 60_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = manager.id;
});

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  return form;
}
const fieldErrors = (state: ActionState) => (state.status === "error" ? (state.fieldErrors ?? {}) : {});
const companiesNamed = (name: string) => handle.db.select().from(companies).where(eq(companies.name, name));

/** What the new-customer form posts (CompanyForm): no invoice settings. */
const NEW_CUSTOMER = {
  name: "Nieuwe Klant B.V.",
  countryCode: "NL",
  kvkNumber: "68750110",
  vatId: "",
  peppolScheme: "",
  peppolId: "",
  erpCustomerNumber: "",
  paymentTermsDays: "30",
  deliveryTerms: "DAP",
  active: "on",
};

describe("new customer", () => {
  it("reports the VAT id, the KvK number and the Peppol pair of one save together, and creates nothing", async () => {
    const state = await createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, vatId: "NL123456789B01", kvkNumber: "1234", peppolScheme: "0190" }));
    expect(state).toMatchObject({ status: "error", code: "invalid_input" });
    expect(fieldErrors(state)).toEqual({ vatId: ["vat_checksum"], kvkNumber: ["kvk_format"], peppolId: ["peppol_pair"] });
    expect(await companiesNamed(NEW_CUSTOMER.name)).toEqual([]);
  });

  it("reports a too short name beside the identifiers, and an unclear amount beside them (customer form)", async () => {
    const state = await createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "X", kvkNumber: "1234", iban: "NL91ABNA0417164301", creditLimitMinor: "12,3,4" }));
    expect(fieldErrors(state)).toEqual({ name: ["name_required"], kvkNumber: ["kvk_format"], iban: ["iban_checksum"], creditLimitMinor: ["invalid_amount"] });
  });

  it("leaves the country-dependent rules to a country that is a code", async () => {
    const state = await createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, countryCode: "Nederland", vatId: "NL857426199B01", kvkNumber: "1234" }));
    expect(fieldErrors(state)).toEqual({ countryCode: ["country_format"] });
  });

  it("saves a 0106 Peppol id other than the KvK number (a parent company's endpoint: the form only warns), and the KvK number itself normalized", async () => {
    const parent = await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Dochter 0106 B.V.", peppolScheme: "0106", peppolId: "12345678" })));
    expect(parent).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/customers\/\d+$/) });
    expect(await companiesNamed("Dochter 0106 B.V.")).toMatchObject([{ peppolScheme: "0106", peppolId: "12345678" }]);

    const saved = await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, kvkNumber: "6875 0110", peppolScheme: "0106", peppolId: "0106:68750110" })));
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/customers\/\d+$/) });
    expect(await companiesNamed(NEW_CUSTOMER.name)).toMatchObject([{ kvkNumber: "68750110", peppolScheme: "0106", peppolId: "68750110" }]);
  });

  it("a Peppol id entered at creation switches on Peppol invoices (the form has no channels); without one nothing is chosen", async () => {
    const municipality = await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Gemeente Peppolstad", kvkNumber: "", peppolScheme: "0190", peppolId: "00000099999999999999" })));
    expect(municipality).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/customers\/\d+$/) });
    expect(await companiesNamed("Gemeente Peppolstad")).toMatchObject([{ peppolScheme: "0190", invoiceChannels: ["peppol"] }]);

    // With an invoice address, e-mail stays as the fallback.
    await runAction(() =>
      createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Gemeente Mailstad", kvkNumber: "", peppolScheme: "0190", peppolId: "00000099999999999999", invoiceEmail: "Facturen@Mailstad.test" })),
    );
    expect(await companiesNamed("Gemeente Mailstad")).toMatchObject([{ invoiceChannels: ["peppol", "email"], invoiceEmail: "facturen@mailstad.test" }]);

    await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Zonder Peppol B.V.", kvkNumber: "" })));
    expect(await companiesNamed("Zonder Peppol B.V.")).toMatchObject([{ invoiceChannels: [] }]);
  });

  it("a customer that already exists in the ERP gets its number at creation; another customer's number is refused at that field, and nothing is created", async () => {
    const known = await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Al In Het ERP B.V.", kvkNumber: "", erpCustomerNumber: " D-40001 " })));
    expect(known).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/customers\/\d+$/) });
    expect(await companiesNamed("Al In Het ERP B.V.")).toMatchObject([{ erpCustomerNumber: "D-40001" }]);

    // The same refusal as the customer form's (erp-api-documents.test.ts): the field named, no customer half-made.
    const twice = await createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Dubbel In Het ERP B.V.", kvkNumber: "", erpCustomerNumber: "D-40001" }));
    expect(twice).toMatchObject({ status: "error", code: "conflict", message: "erp_customer_number_taken", details: { field: "erpCustomerNumber" } });
    expect(await companiesNamed("Dubbel In Het ERP B.V.")).toEqual([]);

    // The customer form's rules, beside the other fields' problems.
    const tooLong = await createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Te Lang B.V.", kvkNumber: "1234", erpCustomerNumber: "D".repeat(51) }));
    expect(fieldErrors(tooLong)).toEqual({ kvkNumber: ["kvk_format"], erpCustomerNumber: ["erp_customer_number_too_long"] });
    expect(await companiesNamed("Te Lang B.V.")).toEqual([]);

    // Left empty (not yet in the ERP): none, so any number of new customers may have none.
    await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Nog Niet In Het ERP B.V.", kvkNumber: "" })));
    await runAction(() => createCustomerAction(idle, formOf({ ...NEW_CUSTOMER, name: "Ook Niet In Het ERP B.V.", kvkNumber: "", erpCustomerNumber: "   " })));
    expect([...(await companiesNamed("Nog Niet In Het ERP B.V.")), ...(await companiesNamed("Ook Niet In Het ERP B.V."))]).toMatchObject([{ erpCustomerNumber: null }, { erpCustomerNumber: null }]);
  });

  it("channels the customer form posts stay as ticked: none ticked (only its empty marker) is a choice, Peppol id or not", async () => {
    const form = { ...NEW_CUSTOMER, companyId: String(customer.company.id), name: customer.company.name, kvkNumber: "", peppolScheme: "0190", peppolId: "00000099999999999999" };
    expect(await updateCustomerAction(idle, formOf({ ...form, invoiceChannels: "" }))).toEqual({ status: "ok" });
    const [saved] = await handle.db.select().from(companies).where(eq(companies.id, customer.company.id));
    expect(saved).toMatchObject({ peppolId: "00000099999999999999", invoiceChannels: [] });

    expect(await updateCustomerAction(idle, formOf({ ...form, invoiceChannels: ["", "peppol"] }))).toEqual({ status: "ok" });
    const [ticked] = await handle.db.select().from(companies).where(eq(companies.id, customer.company.id));
    expect(ticked?.invoiceChannels).toEqual(["peppol"]);
  });
});

describe("address", () => {
  const address = { kind: "ship_to", label: "Magazijn", name: "Klant B.V.", street: "Industrieweg 1", postalCode: "1234 AB", city: "Utrecht", countryCode: "NL" };
  const addressesOf = (companyId: number) => handle.db.select().from(addresses).where(eq(addresses.companyId, companyId));

  it("reports a Dutch postal code beside an empty street, and saves nothing", async () => {
    const before = await addressesOf(customer.company.id);
    const state = await saveAddressAction(idle, formOf({ ...address, companyId: String(customer.company.id), street: "", postalCode: "12345" }));
    expect(fieldErrors(state)).toEqual({ street: [expect.any(String)], postalCode: ["postal_code_format"] });
    expect(await addressesOf(customer.company.id)).toEqual(before);
  });

  it("still writes a Dutch postal code as on letters once all is well", async () => {
    expect(await saveAddressAction(idle, formOf({ ...address, companyId: String(customer.company.id), label: "Kantoor", postalCode: "3526kt" }))).toEqual({ status: "ok" });
    expect((await addressesOf(customer.company.id)).find((a) => a.label === "Kantoor")).toMatchObject({ postalCode: "3526 KT" });
  });
});

describe("new price list", () => {
  const listsCoded = (code: string) => handle.db.select().from(priceLists).where(eq(priceLists.code, code));

  it("reports a too short name, an unreadable start date and a bad code at once", async () => {
    const state = await createPriceListAction(idle, formOf({ code: "-", name: "X", currency: "EUR", validFrom: "31-02-2026", validTo: "" }));
    expect(fieldErrors(state)).toEqual({ code: [expect.any(String)], name: [expect.any(String)], validFrom: ["not_a_date"] });
  });

  it("reports an end before the start beside a too short name; creates the list once both are right", async () => {
    const state = await createPriceListAction(idle, formOf({ code: "VAL-1", name: "X", currency: "EUR", validFrom: "2026-12-01", validTo: "2026-11-01" }));
    expect(fieldErrors(state)).toEqual({ name: [expect.any(String)], validTo: ["window_reversed"] });
    expect(await listsCoded("VAL-1")).toEqual([]);

    const saved = await runAction(() => createPriceListAction(idle, formOf({ code: "val-1", name: "Validatie", currency: "EUR", validFrom: "01-11-2026", validTo: "2026-12-01" })));
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/price-lists\/\d+$/) });
    expect(await listsCoded("VAL-1")).toMatchObject([{ name: "Validatie", validFrom: "2026-11-01", validTo: "2026-12-01" }]);
  });
});
