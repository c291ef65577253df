// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, mailOutbox, type Company } from "@/db/schema";
import { getAccountOverview } from "@/lib/account/overview";
import { updateCustomerDetails } from "@/lib/admin/customers";
import { customerMasterDataSchema } from "@/lib/admin/invoicing-settings";
import { getInvoiceById } from "@/lib/data/invoices";
import { isAppError } from "@/lib/errors";
import { deliverDueInvoices } from "@/lib/invoices/deliver-invoices";
import { issueCreditNote, issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";
import { pdfPlainText } from "../../unit/invoices/pdf-text";

/**
 * An invoice goes to the customer's accounts payable, so its language is the customer's
 * (companies.document_locale, set by staff on the customer's page), not the shop language of the
 * buyer who happened to order.
 */

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { updateCustomerAction } = await import("@/app/admin/customers/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let product: Awaited<ReturnType<typeof createProduct>>;
let customer: InvoiceCustomer;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
const NOW = new Date("2026-11-28T10:00:00Z");
const INVOICE_ADDRESS = "crediteuren@klant-taal.test";

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { nameNl: "Nitril handschoenen", nameEn: "Nitrile gloves", listPriceMinor: 1995 });
  // A Dutch customer (the default) whose buyer shops in English.
  customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", invoiceChannels: ["email"], invoiceEmail: INVOICE_ADDRESS }, { locale: "en" });
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager");
}, 120_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = null;
  request.cookies.clear();
});

const companyRow = async () => (await handle.db.select().from(companies).where(eq(companies.id, customer.company.id)))[0]!;
const mailsToInvoiceAddress = () => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, INVOICE_ADDRESS)).orderBy(mailOutbox.id);

/** The customer form as the admin page posts it, from the stored row, with some fields changed. */
function customerForm(company: Company, changes: Record<string, string>): FormData {
  const fields: Record<string, string | string[]> = {
    companyId: String(company.id),
    name: company.name,
    countryCode: company.countryCode,
    kvkNumber: company.kvkNumber ?? "",
    vatId: company.vatId ?? "",
    peppolScheme: company.peppolScheme ?? "",
    peppolId: company.peppolId ?? "",
    iban: company.iban ?? "",
    paymentTermsDays: String(company.paymentTermsDays),
    deliveryTerms: company.deliveryTerms ?? "",
    deliveryChargeMode: company.deliveryChargeMode,
    active: company.active ? "on" : "",
    invoiceEmail: company.invoiceEmail ?? "",
    invoiceChannels: company.invoiceChannels,
    invoiceOnShipment: company.invoiceOnShipment ? "on" : "",
    vatTreatment: company.vatTreatment,
    vatExemptionReason: company.vatExemptionReason ?? "",
    documentLocale: company.documentLocale,
    ...changes,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  return form;
}

async function orderAndInvoice(poNumber: string) {
  const order = await placeWebOrder(customer, [{ sku: product.sku, quantity: 2 }], { poNumber, now: NOW });
  const result = await issueInvoiceForOrder({ orderId: order.id, userId: null, now: NOW });
  if (!result.ok) throw new Error(`issue failed: ${result.error} ${result.detail ?? ""}`);
  await deliverDueInvoices();
  return (await getInvoiceById(result.invoice.id))!;
}

const pdfOf = (mail: typeof mailOutbox.$inferSelect) => pdfPlainText(Buffer.from(mail.attachments![0]!.contentBase64, "base64"));

describe("the language of a customer's invoices", () => {
  it("is the customer's: an English-speaking buyer's order gets a Dutch invoice and mail, until staff set the customer to English", async () => {
    const dutch = await orderAndInvoice("PO-NL");
    expect(dutch.locale).toBe("nl");
    expect(dutch.document.paymentTerms).toBe("Betaling binnen 30 dagen na factuurdatum");
    // The buyer ordered "Nitrile gloves"; the Dutch invoice names the product as the Dutch catalog does.
    expect(dutch.document.lines.map((line) => line.name)).toEqual(["Nitril handschoenen"]);
    const [dutchMail] = await mailsToInvoiceAddress();
    expect(dutchMail!.subject).toBe(`Factuur ${dutch.number} van Koppel`);
    expect(dutchMail!.bodyText).toContain(dutch.number);
    expect(dutchMail!.bodyText).not.toMatch(/\bInvoice\b/);
    expect(dutchMail!.attachments![0]!.filename).toMatch(/^Factuur-/);
    const dutchPdf = pdfOf(dutchMail!);
    expect(dutchPdf).toContain("FACTUUR");
    expect(dutchPdf).toContain("Nitril handschoenen");
    expect(dutchPdf).not.toContain("Nitrile gloves");

    // Its account manager sets the customer's documents to English on the customer's page.
    request.userId = manager.id;
    expect(await updateCustomerAction({ status: "idle" }, customerForm(await companyRow(), { documentLocale: "en" }))).toEqual({ status: "ok" });
    expect(await companyRow()).toMatchObject({ documentLocale: "en", invoiceEmail: INVOICE_ADDRESS, invoiceChannels: ["email"] });

    const english = await orderAndInvoice("PO-EN");
    expect(english.locale).toBe("en");
    expect(english.document.paymentTerms).toBe("Payment within 30 days of the invoice date");
    expect(english.document.lines.map((line) => line.name)).toEqual(["Nitrile gloves"]);
    const englishMail = (await mailsToInvoiceAddress()).at(-1)!;
    expect(englishMail.subject).toBe(`Invoice ${english.number} from Koppel`);
    expect(englishMail.attachments![0]!.filename).toMatch(/^Invoice-/);
    expect(pdfOf(englishMail)).toContain("INVOICE");

    // The Dutch invoice stays as issued; a credit note issued now is a new document, in English.
    expect((await getInvoiceById(dutch.id))!).toMatchObject({ locale: "nl", document: { paymentTerms: "Betaling binnen 30 dagen na factuurdatum" } });
    const credit = await issueCreditNote({ invoiceId: dutch.id, lines: "all", reason: "Returned goods", userId: null, now: NOW });
    if (!credit.ok) throw new Error(credit.error);
    await deliverDueInvoices();
    expect((await getInvoiceById(credit.invoice.id))!.locale).toBe("en");
    expect((await mailsToInvoiceAddress()).at(-1)!.subject).toBe(`Credit note ${credit.invoice.number} from Koppel`);

    // The company admin reads the language among the conditions in My account.
    expect((await getAccountOverview({ ...customer.buyer, role: "company_admin" }, NOW)).documentLocale).toBe("en");
  });

  it("is set only by staff who may edit the customer: an account manager of other customers is refused", async () => {
    const before = await companyRow();
    const wanted = before.documentLocale === "en" ? "nl" : "en";
    request.userId = otherManager.id;
    expect(await updateCustomerAction({ status: "idle" }, customerForm(before, { documentLocale: wanted }))).toMatchObject({
      status: "error",
      code: "not_found",
      message: "customer_not_found",
    });
    const input = customerMasterDataSchema.parse({ name: before.name, countryCode: before.countryCode, paymentTermsDays: "30", documentLocale: wanted });
    const refused = await updateCustomerDetails(otherManager, before.id, input).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe("not_found");
    expect(await companyRow()).toEqual(before);
  });

  it("accepts only Dutch or English, and a form without the field means Dutch", () => {
    const base = { name: "Klant B.V.", countryCode: "NL", paymentTermsDays: "30" };
    expect(customerMasterDataSchema.safeParse({ ...base, documentLocale: "de" }).error?.issues[0]?.message).toBe("document_locale_unknown");
    expect(customerMasterDataSchema.parse(base).documentLocale).toBe("nl");
    expect(customerMasterDataSchema.parse({ ...base, documentLocale: "en" }).documentLocale).toBe("en");
  });
});
