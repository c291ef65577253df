import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { invoiceLines, invoices } from "@/db/schema";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import {
  getInvoiceForBuyer,
  getInvoiceForStaff,
  listInvoicesForBuyer,
  listInvoicesForStaff,
  statusOf,
} from "@/lib/invoices/invoice-access";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { createSupplierProfile } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Who sees which invoice (lib/invoices/invoice-access.ts), proven through the functions the pages
 * use, the real download route handler and the real /admin server actions, with the signed-in user
 * swapped in where the guards read it: every user of the invoiced company sees it, a user of
 * another company (any role) gets nothing – not in lists, not by number, not as a download – and
 * staff only see (and credit, resend, mark paid) their own customers' documents.
 */
const session = vi.hoisted(() => ({ user: null as unknown, staff: null as unknown }));
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => session.user,
  getStaffUser: async () => session.staff,
  isBuyer: (user: { role?: string; companyId?: number | null } | null) =>
    !!user && ["buyer", "approver", "company_admin"].includes(user.role ?? "") && user.companyId !== null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const actions = await import("@/app/admin/invoices/actions");
const { downloadInvoice } = await import("@/app/(shop)/account/invoices/[number]/download");

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let victim: Customer;
let other: Customer;
let victimInvoice: { id: number; number: string };
let otherInvoice: { id: number; number: string };
let victimUsers: { role: string; user: unknown }[];
let otherUsers: { role: string; user: unknown }[];
let adminStaff: Awaited<ReturnType<typeof createStaff>>;
let victimManager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;

const idle = { status: "idle" as const };
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
};
const download = (number: string, format: "pdf" | "ubl" | "nlcius" | "cxml") => downloadInvoice({ params: Promise.resolve({ number }) }, format);
const countInvoices = async () => (await handle.db.select({ id: invoices.id }).from(invoices)).length;

async function orderAndInvoice(customer: Customer, skus: { sku: string; quantity: number }[]) {
  for (const { sku, quantity } of skus) await addToCart(customer.buyer, sku, quantity);
  const placed = await placeOrder(customer.buyer, { shipToAddressId: customer.shipTo.id, poNumber: `PO-${customer.company.id}`, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
  const order = await handle.db.query.orders.findFirst({ where: (o, { eq: is }) => is(o.orderNumber, placed.orderNumber) });
  const issued = await issueInvoiceForOrder({ orderId: order!.id, userId: null, now });
  if (!issued.ok) throw new Error(`invoice not issued: ${issued.error} ${issued.detail ?? ""}`);
  return issued.invoice;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  const paper = await createProduct(handle, category.id, { listPriceMinor: 1250 });
  const pens = await createProduct(handle, category.id, { listPriceMinor: 399 });
  victim = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle, "company_admin");
  victimUsers = [
    { role: "buyer", user: victim.buyer },
    { role: "approver", user: await addCompanyUser(handle, victim, "approver") },
    { role: "company_admin", user: await addCompanyUser(handle, victim, "company_admin") },
  ];
  otherUsers = [
    { role: "company_admin", user: other.buyer },
    { role: "approver", user: await addCompanyUser(handle, other, "approver") },
    { role: "buyer", user: await addCompanyUser(handle, other, "buyer") },
  ];
  victimInvoice = await orderAndInvoice(victim, [
    { sku: paper.sku, quantity: 4 },
    { sku: pens.sku, quantity: 10 },
  ]);
  otherInvoice = await orderAndInvoice(other, [{ sku: paper.sku, quantity: 1 }]);
  adminStaff = await createStaff(handle, "admin");
  victimManager = await createStaff(handle, "account_manager", [victim.company.id]);
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
});

afterAll(async () => {
  await db?.dispose();
});

describe("company users", () => {
  it("every user of the invoiced company sees the invoice – a plain buyer too (invoices are company documents)", async () => {
    for (const { role, user } of victimUsers) {
      const seen = await getInvoiceForBuyer(user as Customer["buyer"], victimInvoice.number);
      expect(seen?.id, role).toBe(victimInvoice.id);
      const listed = await listInvoicesForBuyer(user as Customer["buyer"], {}, now);
      expect(listed.map((row) => row.number), role).toEqual([victimInvoice.number]);
    }
  });

  it("a user of another company gets nothing: not by number, not in the list, not filtered by the victim's order", async () => {
    const victimOrderId = (await handle.db.select({ orderId: invoices.orderId }).from(invoices).where(eq(invoices.id, victimInvoice.id)))[0]!.orderId!;
    for (const { role, user } of otherUsers) {
      expect(await getInvoiceForBuyer(user as Customer["buyer"], victimInvoice.number), role).toBeNull();
      const listed = await listInvoicesForBuyer(user as Customer["buyer"], {}, now);
      expect(listed.map((row) => row.number), role).toEqual([otherInvoice.number]);
      expect(await listInvoicesForBuyer(user as Customer["buyer"], { orderId: victimOrderId }, now), role).toEqual([]);
    }
  });

  it("downloads: the company's users get the files, another company's users the same 404 as an unknown number", async () => {
    session.staff = null;
    session.user = victimUsers[0]!.user;
    const pdf = await download(victimInvoice.number, "pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`attachment; filename="${victimInvoice.number}.pdf"`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const ubl = await download(victimInvoice.number, "ubl");
    expect(ubl.status).toBe(200);
    expect(ubl.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.xml"/);
    const xml = await ubl.text();
    expect(xml).toContain("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
    expect(xml).toContain(`<cbc:ID>${victimInvoice.number}</cbc:ID>`);

    for (const { role, user } of otherUsers) {
      session.user = user;
      for (const format of ["pdf", "ubl", "nlcius", "cxml"] as const) {
        const response = await download(victimInvoice.number, format);
        expect(response.status, `${role} ${format}`).toBe(404);
        expect(await response.text()).toBe("Not found");
      }
    }
    session.user = victimUsers[0]!.user;
    expect((await download("F2099-99999", "pdf")).status).toBe(404);
    expect((await download("../../etc/passwd", "pdf")).status).toBe(404);
  });

  it("an anonymous visitor is sent to sign in, with the download as the way back", async () => {
    session.user = null;
    session.staff = null;
    await expect(download(victimInvoice.number, "ubl")).rejects.toMatchObject({
      url: `/login?callbackUrl=${encodeURIComponent(`/account/invoices/${victimInvoice.number}/ubl`)}`,
    });
  });
});

describe("staff", () => {
  it("admins see every customer's documents, account managers only their customers'", async () => {
    const numbers = async (staff: typeof adminStaff, filter = {}) => (await listInvoicesForStaff(staff, filter, now)).map((row) => row.number).sort();
    expect(await numbers(adminStaff)).toEqual([victimInvoice.number, otherInvoice.number].sort());
    expect(await numbers(victimManager)).toEqual([victimInvoice.number]);
    expect(await numbers(otherManager)).toEqual([otherInvoice.number]);
    // Filtering on a customer that is not theirs gives nothing, not that customer's documents.
    expect(await numbers(otherManager, { companyId: victim.company.id })).toEqual([]);
    expect(await getInvoiceForStaff(otherManager, victimInvoice.id)).toBeNull();
    expect((await getInvoiceForStaff(victimManager, victimInvoice.id))?.number).toBe(victimInvoice.number);
  });

  it("staff download their customers' files (also from the shop URL), other managers get 404", async () => {
    session.user = victimManager;
    session.staff = victimManager;
    expect((await download(victimInvoice.number, "pdf")).status).toBe(200);
    session.user = otherManager;
    session.staff = otherManager;
    expect((await download(victimInvoice.number, "pdf")).status).toBe(404);
    // While viewing the shop as a user of their own customer, a manager still downloads that customer's files only.
    session.user = otherUsers[2]!.user;
    expect((await download(victimInvoice.number, "ubl")).status).toBe(404);
    session.staff = victimManager;
    expect((await download(victimInvoice.number, "ubl")).status).toBe(200);
  });

  it("another manager cannot credit, mark paid or resend the customer's invoice; nothing is written", async () => {
    session.user = otherManager;
    session.staff = otherManager;
    const before = await countInvoices();
    const line = (await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, victimInvoice.id)))[0]!;
    const credit = await actions.issueCreditNoteAction(idle, form({ invoiceId: String(victimInvoice.id), mode: "lines", reason: "Beschadigd", lineId: line.lineId, quantity: "1" }));
    expect(credit).toMatchObject({ status: "error", code: "not_found" });
    const paid = await actions.markPaidAction(idle, form({ invoiceId: String(victimInvoice.id), paid: "1", paidOn: "" }));
    expect(paid).toMatchObject({ status: "error", code: "not_found" });
    const resend = await actions.resendDeliveryAction(idle, form({ invoiceId: String(victimInvoice.id), channel: "email" }));
    expect(resend).toMatchObject({ status: "error", code: "not_found" });
    expect(await countInvoices()).toBe(before);
    expect((await getInvoiceForStaff(adminStaff, victimInvoice.id))?.paidAt).toBeNull();
    // A buyer is not staff at all.
    session.user = victimUsers[2]!.user;
    session.staff = null;
    expect(await actions.markPaidAction(idle, form({ invoiceId: String(victimInvoice.id), paid: "1" }))).toMatchObject({ status: "error", code: "not_found" });
  });

  it("the customer's manager credits one line; bad input leaves nothing behind; the buyer then sees the credit note", async () => {
    session.user = victimManager;
    session.staff = victimManager;
    const lines = await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, victimInvoice.id));
    expect(lines).toHaveLength(2);
    const [first, second] = lines as [(typeof lines)[0], (typeof lines)[0]];
    const before = await countInvoices();
    const base = { invoiceId: String(victimInvoice.id), mode: "lines", lineId: [first.lineId, second.lineId] };
    expect(await actions.issueCreditNoteAction(idle, form({ ...base, reason: "", quantity: ["1", ""] }))).toMatchObject({ status: "error", code: "invalid_input" });
    expect(await actions.issueCreditNoteAction(idle, form({ ...base, reason: "Te veel", quantity: [String(first.quantity + 1), ""] }))).toMatchObject({
      status: "error",
      message: "credit_quantity_too_high",
    });
    expect(await actions.issueCreditNoteAction(idle, form({ ...base, reason: "Niets", quantity: ["", "0"] }))).toMatchObject({ status: "error", message: "credit_no_lines" });
    expect(await actions.issueCreditNoteAction(idle, form({ ...base, reason: "Halve regel", quantity: ["1.5", ""] }))).toMatchObject({ status: "error", code: "invalid_input" });
    expect(await countInvoices()).toBe(before);

    const issued = await actions.issueCreditNoteAction(idle, form({ ...base, reason: "Eén pak beschadigd", quantity: ["1", ""] }));
    expect(issued).toMatchObject({ status: "ok" });
    const creditId = Number(issued.status === "ok" ? issued.data?.id : NaN);
    const credit = await getInvoiceForStaff(victimManager, creditId);
    expect(credit).toMatchObject({ kind: "credit_note", creditedInvoiceId: victimInvoice.id });
    expect(credit!.lines.map((l) => [l.lineId, l.quantity])).toEqual([[first.lineId, 1]]);

    // Every user of the company sees it in the list; the other company does not.
    for (const { role, user } of victimUsers) {
      const listed = await listInvoicesForBuyer(user as Customer["buyer"], { kind: "credit_note" }, now);
      expect(listed.map((row) => row.number), role).toEqual([credit!.number]);
    }
    expect(await getInvoiceForBuyer(otherUsers[0]!.user as Customer["buyer"], credit!.number)).toBeNull();
    // A credit note cannot be credited in turn.
    expect(await actions.issueCreditNoteAction(idle, form({ invoiceId: String(creditId), mode: "all", reason: "x" }))).toMatchObject({
      status: "error",
      message: "credit_of_credit_note",
    });
  });

  it("mark as paid / unpaid changes the status the buyer sees; open turns overdue after the due date", async () => {
    session.user = victimManager;
    session.staff = victimManager;
    const invoice = (await getInvoiceForStaff(victimManager, victimInvoice.id))!;
    expect(statusOf(invoice, now)).toBe("open");
    expect(invoice.dueDate).not.toBeNull();
    const afterDue = new Date(`${invoice.dueDate}T23:30:00Z`); // already the next day in Amsterdam
    expect(statusOf(invoice, afterDue)).toBe("overdue");
    const buyer = victimUsers[0]!.user as Customer["buyer"];
    expect((await listInvoicesForBuyer(buyer, { status: "overdue", kind: "invoice" }, afterDue)).map((r) => r.number)).toEqual([victimInvoice.number]);

    expect(await actions.markPaidAction(idle, form({ invoiceId: String(invoice.id), paid: "1", paidOn: "2099-01-01" }))).toMatchObject({
      status: "error",
      message: "paid_date_out_of_range",
    });
    expect(await actions.markPaidAction(idle, form({ invoiceId: String(invoice.id), paid: "1", paidOn: "" }))).toMatchObject({ status: "ok" });
    expect((await listInvoicesForBuyer(buyer, { status: "paid" }, afterDue)).map((r) => r.number)).toEqual([victimInvoice.number]);
    expect(await listInvoicesForBuyer(buyer, { status: "overdue" }, afterDue)).toEqual([]);
    expect(await actions.markPaidAction(idle, form({ invoiceId: String(invoice.id), paid: "0" }))).toMatchObject({ status: "ok" });
    expect((await getInvoiceForStaff(victimManager, invoice.id))?.paidAt).toBeNull();
  });
});
