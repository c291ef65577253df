// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, supplierProfile } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import { updateCustomerDetails } from "@/lib/admin/customers";
import { customerMasterDataSchema, saveSupplierProfile, supplierProfileSchema } from "@/lib/admin/invoicing-settings";
import { isAppError } from "@/lib/errors";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { updateCustomerAction } = await import("@/app/admin/customers/actions");
const { saveSupplierProfileAction } = await import("@/app/admin/settings/invoicing/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let otherCustomer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  otherCustomer = await createCompanyWithBuyer(handle);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 60_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = null;
  request.cookies.clear();
});

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  return form;
}

const companyRow = async (id: number) => (await handle.db.select().from(companies).where(eq(companies.id, id)))[0]!;
const profileRows = () => handle.db.select().from(supplierProfile);

// ---------------------------------------------------------------------------------------------

/** As typed by a person: spaces, lower case, IBAN in groups of four. */
const SUPPLIER_FORM = {
  legalName: "Koppel Supplies B.V.",
  tradingName: "Koppel",
  kvkNumber: "8173 4562",
  vatId: "nl 864152036 b01",
  peppolScheme: "0106",
  peppolId: "0106:81734562",
  street: "Vliegend Hertlaan 40",
  postalCode: "3526kt",
  city: "Utrecht",
  countryCode: "nl",
  iban: "nl67 ingb 0006 5432 10",
  bic: "ingbnl2a",
  email: "Facturen@Koppel.test",
  phone: "",
  paymentTermsDays: "30",
};

describe("supplier profile", () => {
  it("an admin saves it; identifiers are stored normalized", async () => {
    request.userId = admin.id;
    expect(await saveSupplierProfileAction({ status: "idle" }, formOf(SUPPLIER_FORM))).toEqual({ status: "ok" });
    const rows = await profileRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 1,
      kvkNumber: "81734562",
      vatId: "NL864152036B01",
      peppolScheme: "0106",
      peppolId: "81734562",
      postalCode: "3526 KT",
      countryCode: "NL",
      iban: "NL67INGB0006543210",
      bic: "INGBNL2A",
      email: "facturen@koppel.test",
      phone: null,
    });
    // Saving again replaces the single row.
    expect(await saveSupplierProfileAction({ status: "idle" }, formOf({ ...SUPPLIER_FORM, paymentTermsDays: "14" }))).toEqual({ status: "ok" });
    expect(await profileRows()).toEqual([expect.objectContaining({ id: 1, paymentTermsDays: 14 })]);
  });

  it.each([
    ["kvkNumber", "8173456", "kvk_format"],
    ["kvkNumber", "", "required"],
    ["vatId", "NL123456789B01", "vat_checksum"],
    ["vatId", "BE0412345614", "vat_country_mismatch"],
    ["vatId", "NL86415203B01", "vat_format"],
    ["iban", "", "required"],
    ["peppolId", "1234", "kvk_format"],
    ["peppolId", "", "peppol_pair"],
    ["peppolScheme", "0208", "peppol_scheme_unsupported"],
    ["iban", "NL67INGB0006543211", "iban_checksum"],
    ["iban", "NL67INGB000654321", "iban_length"],
    ["bic", "INGBNL2", "bic_format"],
    ["email", "facturen", "email_format"],
    ["postalCode", "35260", "postal_code_format"],
    ["paymentTermsDays", "365", "payment_terms_range"],
  ])("rejects %s = %j with %s and writes nothing", async (field, value, code) => {
    request.userId = admin.id;
    const before = await profileRows();
    const state = await saveSupplierProfileAction({ status: "idle" }, formOf({ ...SUPPLIER_FORM, [field]: value }));
    expect(state).toMatchObject({ status: "error", code: "invalid_input" });
    expect((state as Extract<ActionState, { status: "error" }>).fieldErrors?.[field]).toEqual([code]);
    expect(await profileRows()).toEqual(before);
  });

  it("only an admin may change it: an account manager is refused, by the action and by lib/admin", async () => {
    const before = await profileRows();
    request.userId = manager.id;
    expect(await saveSupplierProfileAction({ status: "idle" }, formOf({ ...SUPPLIER_FORM, legalName: "Overgenomen B.V." }))).toMatchObject({
      status: "error",
      code: "forbidden",
      message: "admin_only",
    });
    const input = supplierProfileSchema.parse(SUPPLIER_FORM);
    await expect(saveSupplierProfile(manager, { ...input, legalName: "Overgenomen B.V." }, new Date())).rejects.toMatchObject({ code: "forbidden" });
    expect(await profileRows()).toEqual(before);
  });

  it("a buyer gets not_found", async () => {
    const before = await profileRows();
    request.userId = customer.user.id;
    expect(await saveSupplierProfileAction({ status: "idle" }, formOf(SUPPLIER_FORM))).toMatchObject({ status: "error", code: "not_found" });
    expect(await profileRows()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

const CUSTOMER_FORM = {
  name: "Klant Facturatie B.V.",
  countryCode: "NL",
  kvkNumber: "6875 0110",
  vatId: "NL 857426199 B01",
  peppolScheme: "9944",
  peppolId: "nl857426199b01",
  iban: "NL91 ABNA 0417 1643 00",
  paymentTermsDays: "45",
  deliveryTerms: "DAP",
  active: "on",
  invoiceEmail: "Crediteuren@Klant.test",
  invoiceChannels: ["peppol", "email"],
  invoiceOnShipment: "on",
  vatTreatment: "domestic",
  vatExemptionReason: "",
};

describe("customer invoicing settings", () => {
  it("the customer's account manager saves valid master data and settings (normalized)", async () => {
    request.userId = manager.id;
    const state = await updateCustomerAction({ status: "idle" }, formOf({ ...CUSTOMER_FORM, companyId: String(customer.company.id) }));
    expect(state).toEqual({ status: "ok" });
    expect(await companyRow(customer.company.id)).toMatchObject({
      name: "Klant Facturatie B.V.",
      kvkNumber: "68750110",
      vatId: "NL857426199B01",
      peppolScheme: "9944",
      peppolId: "NL857426199B01",
      iban: "NL91ABNA0417164300",
      paymentTermsDays: 45,
      invoiceEmail: "crediteuren@klant.test",
      invoiceChannels: ["peppol", "email"],
      invoiceOnShipment: true,
      vatTreatment: "domestic",
      vatExemptionReason: null,
    });
  });

  it("keeps the exemption reason only for exempt customers", async () => {
    request.userId = manager.id;
    const form = { ...CUSTOMER_FORM, companyId: String(customer.company.id), vatTreatment: "exempt", vatExemptionReason: "Vrijgesteld op grond van art. 11 Wet OB" };
    expect(await updateCustomerAction({ status: "idle" }, formOf(form))).toEqual({ status: "ok" });
    expect(await companyRow(customer.company.id)).toMatchObject({ vatTreatment: "exempt", vatExemptionReason: "Vrijgesteld op grond van art. 11 Wet OB" });
    expect(await updateCustomerAction({ status: "idle" }, formOf({ ...form, vatTreatment: "auto" }))).toEqual({ status: "ok" });
    expect(await companyRow(customer.company.id)).toMatchObject({ vatTreatment: "auto", vatExemptionReason: null });
  });

  it.each<[string, Record<string, string | string[]>, string, string]>([
    ["a short KvK number", { kvkNumber: "6875011" }, "kvkNumber", "kvk_format"],
    ["a Belgian enterprise number with a wrong check", { countryCode: "BE", kvkNumber: "0412345615", vatId: "", peppolScheme: "", peppolId: "", invoiceChannels: ["email"] }, "kvkNumber", "be_enterprise_checksum"],
    ["a VAT id failing both NL checks", { vatId: "NL123456789B01" }, "vatId", "vat_checksum"],
    ["GR instead of EL", { countryCode: "GR", kvkNumber: "", vatId: "GR094259216", peppolScheme: "", peppolId: "", invoiceChannels: ["email"] }, "vatId", "vat_greece_prefix"],
    ["a VAT id of another country", { vatId: "DE136695976" }, "vatId", "vat_country_mismatch"],
    ["a Peppol id that is not a NL VAT id (9944)", { peppolId: "68750110" }, "peppolId", "peppol_id_not_nl_vat"],
    ["a 9944 Peppol id failing the NL VAT checks", { peppolId: "NL123456789B01" }, "peppolId", "vat_checksum"],
    ["a Peppol GLN with a bad check digit", { peppolScheme: "0088", peppolId: "8712345678907" }, "peppolId", "gln_checksum"],
    ["an OIN that is too short", { peppolScheme: "0190", peppolId: "0000000100321434500" }, "peppolId", "oin_format"],
    ["a Peppol scheme without id", { peppolId: "", invoiceChannels: ["email"] }, "peppolId", "peppol_pair"],
    ["a scheme the invoice builder cannot send", { peppolScheme: "0007", peppolId: "5560360793" }, "peppolScheme", "peppol_scheme_unsupported"],
    ["an IBAN with a wrong check", { iban: "NL91ABNA0417164301" }, "iban", "iban_checksum"],
    ["an invalid invoice e-mail", { invoiceEmail: "crediteuren" }, "invoiceEmail", "email_format"],
    ["payment terms over 180 days", { paymentTermsDays: "365" }, "paymentTermsDays", "payment_terms_range"],
    ["an unknown channel", { invoiceChannels: ["fax"] }, "invoiceChannels", "channel_unknown"],
    ["Peppol without a Peppol id", { peppolScheme: "", peppolId: "", invoiceChannels: ["peppol"] }, "invoiceChannels", "channel_needs_peppol_id"],
    ["NLCIUS without a Peppol id", { peppolScheme: "", peppolId: "", invoiceChannels: ["nlcius"] }, "invoiceChannels", "channel_needs_peppol_id"],
    ["e-mail without an invoice address", { invoiceEmail: "", invoiceChannels: ["email"] }, "invoiceEmail", "channel_needs_invoice_email"],
    ["reverse charge without a VAT id", { vatId: "", vatTreatment: "reverse_charge" }, "vatId", "vat_treatment_needs_vat_id"],
    ["intra-community without a VAT id", { countryCode: "BE", kvkNumber: "", vatId: "", peppolScheme: "", peppolId: "", invoiceChannels: [], vatTreatment: "intra_community" }, "vatId", "vat_treatment_needs_vat_id"],
    ["intra-community for a Dutch customer", { vatTreatment: "intra_community" }, "vatTreatment", "intra_community_needs_eu_customer"],
    ["exempt without a reason", { vatTreatment: "exempt", vatExemptionReason: "" }, "vatExemptionReason", "exemption_reason_required"],
    ["an unknown VAT treatment", { vatTreatment: "zero" }, "vatTreatment", "vat_treatment_unknown"],
  ])("rejects %s (%j) on %s with %s and writes nothing", async (_what, changes, field, code) => {
    request.userId = manager.id;
    const before = await companyRow(customer.company.id);
    const state = await updateCustomerAction({ status: "idle" }, formOf({ ...CUSTOMER_FORM, ...changes, companyId: String(customer.company.id) }));
    expect(state).toMatchObject({ status: "error", code: "invalid_input" });
    expect((state as Extract<ActionState, { status: "error" }>).fieldErrors?.[field]).toContain(code);
    expect(await companyRow(customer.company.id)).toEqual(before);
  });

  it("allows the cXML channel only while the customer has a cXML punchout connection", async () => {
    request.userId = manager.id;
    const before = await companyRow(customer.company.id);
    const form = formOf({ ...CUSTOMER_FORM, invoiceChannels: ["cxml", "peppol"], companyId: String(customer.company.id) });
    expect(await updateCustomerAction({ status: "idle" }, form)).toMatchObject({
      status: "error",
      code: "invalid_input",
      message: "cxml_channel_needs_connection",
      details: { field: "invoiceChannels" },
    });
    expect(await companyRow(customer.company.id)).toEqual(before);

    await createCxmlConnection(handle, customer.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-INVOICE-TEST" }],
      sender: [{ domain: "NetworkID", identity: "AN-INVOICE-TEST" }],
      secret: "invoice-test-secret",
      origins: ["http://localhost:*"],
    });
    expect(await updateCustomerAction({ status: "idle" }, form)).toEqual({ status: "ok" });
    expect((await companyRow(customer.company.id)).invoiceChannels).toEqual(["cxml", "peppol"]);
  });

  it("an account manager cannot edit a customer they do not manage; an admin can", async () => {
    const before = await companyRow(otherCustomer.company.id);
    const form = { ...CUSTOMER_FORM, companyId: String(otherCustomer.company.id) };
    request.userId = manager.id;
    expect(await updateCustomerAction({ status: "idle" }, formOf(form))).toMatchObject({ status: "error", code: "not_found", message: "customer_not_found" });
    const input = customerMasterDataSchema.parse(CUSTOMER_FORM);
    const refused = await updateCustomerDetails(manager, otherCustomer.company.id, input).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe("not_found");
    expect(await companyRow(otherCustomer.company.id)).toEqual(before);

    request.userId = admin.id;
    expect(await updateCustomerAction({ status: "idle" }, formOf(form))).toEqual({ status: "ok" });
    expect(await companyRow(otherCustomer.company.id)).toMatchObject({ vatId: "NL857426199B01", invoiceChannels: ["peppol", "email"] });
  });
});
