import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { getCreditUse, setCreditLimit } from "@/lib/data/credit";
import { AppError } from "@/lib/errors";
import { getInvoiceForStaffByNumber } from "@/lib/invoices/invoice-access";
import { availableCredit, type CreditUse } from "@/lib/orders/credit";
import { parseDecimalToMinor, toDecimalString } from "@/lib/pricing/money";
import { getCustomerOrThrow } from "./access";
import { markPaidForStaff } from "./invoices";

/**
 * Credit on account for the supplier's ERP (AFAS, Exact…), which usually keeps the credit limit and
 * knows the payments: `GET/PUT /admin/api/customers/<id>/credit` reads the customer's credit and
 * sets its limit; `PUT /admin/api/invoices/<number>/payment` reports an invoice paid (or not), which
 * frees its amount. Amounts are decimal strings with a point ("12500.00"), as in the price API.
 * Staff who may see the customer only; everybody else: not found.
 */

const MAX_LIMIT_MINOR = 2_000_000_000;

export const creditLimitSchema = z.object({
  // null: no limit. A number is accepted as well as a string ("12500", 12500.5).
  creditLimit: z.union([z.null(), z.string().max(20), z.number()]).transform((value, ctx) => {
    if (value === null) return null;
    const minor = parseDecimalToMinor(String(value));
    if (minor === null || minor < 0 || minor > MAX_LIMIT_MINOR) {
      ctx.addIssue({ code: "custom", message: "invalid_amount" });
      return z.NEVER;
    }
    return minor;
  }),
});

export interface CreditJson {
  customerId: number;
  creditLimit: string | null;
  unpaidInvoices: string | null;
  uninvoicedOrders: string | null;
  available: string | null;
  currency: "EUR";
}

function creditJson(customerId: number, credit: CreditUse | null): CreditJson {
  const amount = (minor: number | undefined) => (minor === undefined ? null : toDecimalString(minor));
  return {
    customerId,
    creditLimit: amount(credit?.limitMinor),
    unpaidInvoices: amount(credit?.unpaidInvoicesMinor),
    uninvoicedOrders: amount(credit?.uninvoicedOrdersMinor),
    available: credit ? toDecimalString(availableCredit(credit)) : null,
    currency: "EUR",
  };
}

export async function getCreditForStaff(staff: StaffUser, customerId: number): Promise<CreditJson> {
  await getCustomerOrThrow(staff, customerId);
  return creditJson(customerId, await getCreditUse(customerId));
}

export async function setCreditLimitForStaff(staff: StaffUser, customerId: number, limitMinor: number | null): Promise<CreditJson> {
  await getCustomerOrThrow(staff, customerId);
  if (!(await setCreditLimit(customerId, limitMinor))) throw new AppError("not_found", "customer_not_found");
  return creditJson(customerId, await getCreditUse(customerId));
}

export const invoicePaymentSchema = z.object({
  // The day the ERP booked the payment; null: not paid (a reversed payment).
  paidOn: z.iso.date().nullable(),
});

export async function setInvoicePaymentForStaff(staff: StaffUser, number: string, paidOn: string | null, now: Date) {
  const invoice = await getInvoiceForStaffByNumber(staff, number);
  if (!invoice) throw new AppError("not_found", "invoice_not_found");
  await markPaidForStaff(staff, { invoiceId: invoice.id, paid: paidOn !== null, paidOn }, now);
  return { number: invoice.number, paidOn, credit: creditJson(invoice.companyId, await getCreditUse(invoice.companyId)) };
}
