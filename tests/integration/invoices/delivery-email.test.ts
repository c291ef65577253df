import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, invoiceDeliveries, mailOutbox } from "@/db/schema";
import { listMessageLogForStaff } from "@/lib/admin/protocol-messages";
import { deliverDueInvoices, resendInvoiceDelivery } from "@/lib/invoices/deliver-invoices";
import { issueCreditNote, issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let product: Awaited<ReturnType<typeof createProduct>>;
const NOW = new Date("2026-11-28T10:00:00Z");

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1995, vatRateBasisPoints: 2100 });
}, 120_000);
afterAll(() => db.dispose());

async function issueFor(customer: InvoiceCustomer) {
  const order = await placeWebOrder(customer, [{ sku: product.sku, quantity: 2 }], { poNumber: "PO-MAIL", now: NOW });
  const result = await issueInvoiceForOrder({ orderId: order.id, userId: null, now: NOW });
  if (!result.ok) throw new Error(`issue failed: ${result.error} ${result.detail ?? ""}`);
  return result.invoice;
}

const emailDelivery = async (invoiceId: number) =>
  (await handle.db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoiceId))).find((d) => d.channel === "email")!;
const mailsTo = (email: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email)).orderBy(mailOutbox.id);

describe("e-mail delivery of the PDF", () => {
  it("queues one mail with the invoice PDF attached to the customer's invoice address and marks the delivery sent", async () => {
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", invoiceChannels: ["email"], invoiceEmail: "Crediteuren@Klant.test" }, { locale: "en" });
    const created = await issueFor(customer);
    expect(await emailDelivery(created.id)).toMatchObject({ status: "pending" });
    await deliverDueInvoices();
    const delivery = await emailDelivery(created.id);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, lastError: null, externalReference: "mail to Crediteuren@Klant.test" });
    const mails = await mailsTo("crediteuren@klant.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(created.number);
    expect(mails[0]!.toName).toBe(customer.company.name);
    expect(mails[0]!.attachments).toHaveLength(1);
    const [attachment] = mails[0]!.attachments!;
    expect(attachment!.contentType).toBe("application/pdf");
    expect(attachment!.filename).toContain(created.number);
    expect(attachment!.filename).toMatch(/\.pdf$/);
    const pdf = Buffer.from(attachment!.contentBase64, "base64");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1000);

    // A second pass sends nothing more.
    await deliverDueInvoices({ now: () => new Date(Date.now() + 3_600_000) });
    expect(await mailsTo("crediteuren@klant.test")).toHaveLength(1);

    // Credit notes go the same way.
    const credit = await issueCreditNote({ invoiceId: created.id, lines: "all", reason: "Retour", userId: null, now: NOW });
    if (!credit.ok) throw new Error(credit.error);
    await deliverDueInvoices();
    expect(await emailDelivery(credit.invoice.id)).toMatchObject({ status: "sent" });
    const after = await mailsTo("crediteuren@klant.test");
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toContain(credit.invoice.number);
    expect(after[1]!.attachments![0]!.filename).toContain(credit.invoice.number);
  });

  it("without an invoice e-mail address the delivery fails clearly; after adding one a resend sends it", async () => {
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", invoiceChannels: ["email"], invoiceEmail: null });
    const created = await issueFor(customer);
    await deliverDueInvoices();
    const failed = await emailDelivery(created.id);
    expect(failed).toMatchObject({ status: "failed", lastError: "the customer has no invoice e-mail address" });
    await handle.db.update(companies).set({ invoiceEmail: "facturen@later.test" }).where(eq(companies.id, customer.company.id));
    expect(await resendInvoiceDelivery(created.id, "email")).toBe(true);
    await deliverDueInvoices();
    expect(await emailDelivery(created.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await mailsTo("facturen@later.test")).toHaveLength(1);

    const admin = await createStaff(handle, "admin");
    const log = await listMessageLogForStaff(admin, { type: "invoice.email" });
    expect(log.some((e) => e.kind === "invoice" && e.delivery.invoiceId === created.id && e.delivery.status === "sent")).toBe(true);
    expect(log.every((e) => e.kind === "invoice" && e.delivery.channel === "email")).toBe(true);
  });
});
