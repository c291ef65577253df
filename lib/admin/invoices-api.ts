import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { listInvoiceFeed, type InvoiceFeedRow } from "@/lib/data/invoices";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getInvoiceForStaffByNumber, isInvoiceNumber, statusOf, type InvoiceDetail } from "@/lib/invoices/invoice-access";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { cursorPageFields } from "./api-paging";
import { renderInvoiceFile, type InvoiceFile } from "@/lib/invoices/render-invoice-file";
import { renderInvoicePdf } from "@/lib/invoices/render-pdf";
import { toDecimalString } from "@/lib/pricing/money";

/**
 * Invoices and credit notes for an ERP that keeps its own books (`GET /admin/api/invoices`): every
 * document Koppel issued, oldest first, paged by a cursor that stays right while documents are
 * issued during the fetch (lib/data/invoices.ts listInvoiceFeed), each with its Peppol BIS UBL and
 * PDF to download with the same key. Staff see the documents of the customers they may see, as in
 * the back office (admins: all, account managers: their customers'); anything else is not found.
 */

export const INVOICE_FEED_MAX = 500;

// `after`: the `cursor` of the previous answer; left out: from the first document.
export const invoiceFeedQuerySchema = z.strictObject(cursorPageFields(INVOICE_FEED_MAX));

const appUrl = () => env.APP_URL?.replace(/\/+$/, "") ?? "";

function invoiceJson(row: InvoiceFeedRow, now: Date) {
  const amount = (minor: number) => toDecimalString(minor, row.currency);
  const path = `/admin/api/invoices/${encodeURIComponent(row.number)}`;
  return {
    number: row.number,
    // A credit note's amounts are positive, as in its UBL CreditNote: the kind says which way the money goes.
    kind: row.kind,
    creditedInvoiceNumber: row.creditedInvoiceNumber,
    orderNumber: row.orderNumber,
    customer: { id: row.companyId, name: row.companyName, vatId: row.companyVatId, erpCustomerNumber: row.erpCustomerNumber },
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    issuedAt: row.createdAt.toISOString(),
    status: statusOf(row, now),
    paidAt: row.paidAt?.toISOString() ?? null,
    currency: row.currency,
    lineExtensionMinor: row.lineExtensionMinor,
    allowanceTotalMinor: row.allowanceTotalMinor,
    chargeTotalMinor: row.chargeTotalMinor,
    taxExclusiveMinor: row.taxExclusiveMinor,
    taxMinor: row.taxMinor,
    payableMinor: row.payableMinor,
    lineExtension: amount(row.lineExtensionMinor),
    allowanceTotal: amount(row.allowanceTotalMinor),
    chargeTotal: amount(row.chargeTotalMinor),
    taxExclusive: amount(row.taxExclusiveMinor),
    tax: amount(row.taxMinor),
    payable: amount(row.payableMinor),
    links: { self: `${appUrl()}${path}`, ubl: `${appUrl()}${path}/ubl`, pdf: `${appUrl()}${path}/pdf` },
  };
}

/** undefined: every customer (admins); else the ids of the manager's customers. */
async function companyScope(staff: StaffUser): Promise<number[] | undefined> {
  return staff.role === "admin" ? undefined : await listAssignedCompanyIds(staff.id);
}

/**
 * One page of the feed. `cursor` is where the next call goes on (`?after=<cursor>`), also when the
 * page is empty: store it and ask again later. An account manager given a customer later reads that
 * customer's older documents from `after=0` (or one by one by number).
 */
export async function listInvoicesForApi(staff: StaffUser, query: { after: number; limit: number }, now: Date) {
  const rows = await listInvoiceFeed({ afterId: query.after, limit: query.limit + 1, companyIds: await companyScope(staff) });
  const page = rows.slice(0, query.limit);
  return {
    invoices: page.map((row) => invoiceJson(row, now)),
    cursor: String(page.at(-1)?.id ?? query.after),
    hasMore: rows.length > query.limit,
  };
}

export async function getInvoiceJsonForStaff(staff: StaffUser, number: string, now: Date) {
  if (!isInvoiceNumber(number)) throw new AppError("not_found", "invoice_not_found");
  const [row] = await listInvoiceFeed({ afterId: 0, limit: 1, companyIds: await companyScope(staff), number });
  if (!row) throw new AppError("not_found", "invoice_not_found");
  return { invoice: invoiceJson(row, now) };
}

async function visibleInvoice(staff: StaffUser, number: string): Promise<InvoiceDetail> {
  const invoice = await getInvoiceForStaffByNumber(staff, number);
  if (!invoice) throw new AppError("not_found", "invoice_not_found");
  return invoice;
}

/** The document as a file: "ubl" Peppol BIS Billing 3.0 (Invoice or CreditNote), "pdf" as the customer gets it. */
export async function invoiceFileForApi(staff: StaffUser, number: string, format: "ubl" | "pdf"): Promise<Response> {
  const invoice = await visibleInvoice(staff, number);
  const file: InvoiceFile | { filename: string; contentType: string; body: Uint8Array } =
    format === "pdf" ? { filename: `${invoice.number}.pdf`, contentType: "application/pdf", body: await renderInvoicePdf(invoice) } : await renderInvoiceFile(invoice, "ubl");
  return attachmentResponse(file);
}
