import "server-only";
import type { Invoice } from "@/db/schema";
import { canSeeCustomer } from "@/lib/admin/access";
import { getCurrentUser, getStaffUser, isBuyer, type BuyerUser, type StaffUser } from "@/lib/auth/guards";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { getInvoiceById, getInvoiceByNumber, listInvoices } from "@/lib/data/invoices";
import { invoiceStatus, type InvoiceKindFilter, type InvoiceState } from "./invoice-status";

/**
 * Who sees which invoice. Invoices and credit notes are company documents: every user of the
 * invoiced company (buyer, approver, company admin) sees all of them – unlike orders, where a plain
 * buyer only sees their own. Staff see the invoices of the customers they may see (admins: all,
 * account managers: their assigned customers, lib/admin/access.ts). Anybody else gets "not found",
 * never "forbidden": another company's invoice does not exist for them.
 */

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoiceByNumber>>>;
export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>[number];

/** The downloadable renderings of one document (routes …/[number]/<format>). */
export const INVOICE_FORMATS = ["pdf", "ubl", "nlcius", "cxml"] as const;
export type InvoiceFormat = (typeof INVOICE_FORMATS)[number];

/** Which files to offer: PDF and both UBL profiles always, cXML for documents that go out as cXML. */
export function formatsOf(invoice: Pick<InvoiceDetail, "deliveries">): InvoiceFormat[] {
  return ["pdf", "ubl", "nlcius", ...(invoice.deliveries.some((d) => d.channel === "cxml") ? (["cxml"] as const) : [])];
}

/** The download route of one rendering (app/(shop)/account/invoices/[number]/<format>); shop and /admin link to it. */
export function downloadHref(number: string, format: InvoiceFormat): string {
  return `/account/invoices/${encodeURIComponent(number)}/${format}`;
}

/** Invoice and credit note numbers as CORE issues them ("F2026-00001"); anything else is not looked up. */
const NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/**
 * Listing reads at most this many documents per request; the status filter (open/paid/overdue
 * depends on today's date, lib/invoices/invoice-status.ts) is applied to them in memory.
 */
export const LIST_LIMIT = 1000;

/** Today's date in the Netherlands (due dates are calendar dates there), as YYYY-MM-DD. */
export function amsterdamToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function statusOf(row: Pick<Invoice, "kind" | "paidAt" | "dueDate">, now: Date): InvoiceState {
  return invoiceStatus({ kind: row.kind, paidAt: row.paidAt, dueDate: row.dueDate }, amsterdamToday(now));
}

export function isInvoiceNumber(value: string): boolean {
  return NUMBER_PATTERN.test(value);
}

/** A route segment as an invoice number ("" when it is not even valid percent-encoding: found nowhere). */
export function invoiceNumberParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

export type CompanyViewer = Pick<BuyerUser, "companyId">;

/** A company user's view of one document by number, or null (unknown or another company's). */
export async function getInvoiceForBuyer(viewer: CompanyViewer, number: string): Promise<InvoiceDetail | null> {
  if (!isInvoiceNumber(number)) return null;
  const invoice = await getInvoiceByNumber(number);
  return invoice && invoice.companyId === viewer.companyId ? invoice : null;
}

/** A staff member's view of one document by id, or null when it does not exist or its customer is not theirs. */
export async function getInvoiceForStaff(staff: StaffUser, invoiceId: number): Promise<InvoiceDetail | null> {
  const invoice = await getInvoiceById(invoiceId);
  return invoice && (await canSeeCustomer(staff, invoice.companyId)) ? invoice : null;
}

export async function getInvoiceForStaffByNumber(staff: StaffUser, number: string): Promise<InvoiceDetail | null> {
  if (!isInvoiceNumber(number)) return null;
  const invoice = await getInvoiceByNumber(number);
  return invoice && (await canSeeCustomer(staff, invoice.companyId)) ? invoice : null;
}

/**
 * For the download routes, which both the shop and /admin link to: the signed-in company user's
 * document, else – also while a staff member views the shop as a customer – the staff member's.
 * `signedIn` tells the route whether to send an anonymous visitor to the login page.
 */
export async function getInvoiceForRequest(number: string): Promise<{ signedIn: boolean; invoice: InvoiceDetail | null }> {
  const user = await getCurrentUser();
  if (!user) return { signedIn: false, invoice: null };
  if (isBuyer(user)) {
    const own = await getInvoiceForBuyer(user, number);
    if (own) return { signedIn: true, invoice: own };
  }
  const staff = await getStaffUser();
  return { signedIn: true, invoice: staff ? await getInvoiceForStaffByNumber(staff, number) : null };
}

export interface InvoiceListFilter {
  status?: InvoiceState;
  kind?: InvoiceKindFilter;
  orderId?: number;
}

export type InvoiceListItem = InvoiceListRow & { status: InvoiceState };

function withStatus(rows: InvoiceListRow[], status: InvoiceState | undefined, now: Date): InvoiceListItem[] {
  return rows.map((row) => ({ ...row, status: statusOf(row, now) })).filter((row) => !status || row.status === status);
}

/** All documents of the viewer's company (newest first), optionally by status, kind or order. */
export async function listInvoicesForBuyer(viewer: CompanyViewer, filter: InvoiceListFilter, now: Date): Promise<InvoiceListItem[]> {
  const rows = await listInvoices({ companyId: viewer.companyId, kind: filter.kind, orderId: filter.orderId, limit: LIST_LIMIT });
  return withStatus(rows, filter.status, now);
}

/** The documents of the customers a staff member may see; a `companyId` outside that scope gives nothing. */
export async function listInvoicesForStaff(
  staff: StaffUser,
  filter: InvoiceListFilter & { companyId?: number },
  now: Date,
): Promise<InvoiceListItem[]> {
  if (filter.companyId !== undefined && !(await canSeeCustomer(staff, filter.companyId))) return [];
  const companyIds = staff.role === "admin" || filter.companyId !== undefined ? undefined : await listAssignedCompanyIds(staff.id);
  if (companyIds && companyIds.length === 0) return [];
  const rows = await listInvoices({ companyIds, companyId: filter.companyId, kind: filter.kind, orderId: filter.orderId, limit: LIST_LIMIT });
  return withStatus(rows, filter.status, now);
}
