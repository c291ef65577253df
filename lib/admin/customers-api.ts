import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { listAssignedCompanyIds, listCustomersForApi, setErpCustomerNumber, type CustomerApiRow } from "@/lib/data/customers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getCustomerOrThrow } from "./access";
import { cursorPageFields } from "./api-paging";
import { ERP_CUSTOMER_NUMBER_MAX, erpCustomerNumberField } from "./erp-customer-number";

/**
 * Customers for the supplier's ERP: the list (`GET /admin/api/customers`, paged by id) and each
 * customer's number in the ERP (`erpCustomerNumber`, the debtor number), which staff type in on the
 * customer's page or the ERP sets with `PUT /admin/api/customers/<id>/erp-customer-number`. With it
 * the ERP finds its debtor in every order and invoice without keeping Koppel's ids. Staff see the
 * customers they may see (admins: all, account managers: theirs); anything else is not found.
 */

export const erpCustomerNumberSchema = z.strictObject({ erpCustomerNumber: erpCustomerNumberField });

export const customerListQuerySchema = z.strictObject({
  ...cursorPageFields(500),
  /** Finds the customer the ERP knows by this number. */
  erpCustomerNumber: z.string().trim().min(1).max(ERP_CUSTOMER_NUMBER_MAX).optional(),
});

const appUrl = () => env.APP_URL?.replace(/\/+$/, "") ?? "";

function customerJson(row: CustomerApiRow) {
  return {
    id: row.id,
    name: row.name,
    erpCustomerNumber: row.erpCustomerNumber,
    kvkNumber: row.kvkNumber,
    vatId: row.vatId,
    countryCode: row.countryCode,
    paymentTermsDays: row.paymentTermsDays,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    links: { self: `${appUrl()}/admin/customers/${row.id}`, api: `${appUrl()}/admin/api/customers/${row.id}` },
  };
}

const companyScope = async (staff: StaffUser) => (staff.role === "admin" ? undefined : await listAssignedCompanyIds(staff.id));

/** One page, oldest customer first; `cursor` is the next call's `after`. */
export async function listCustomersForStaffApi(staff: StaffUser, query: z.infer<typeof customerListQuerySchema>) {
  const rows = await listCustomersForApi({ afterId: query.after, limit: query.limit + 1, companyIds: await companyScope(staff), erpCustomerNumber: query.erpCustomerNumber });
  const page = rows.slice(0, query.limit);
  return { customers: page.map(customerJson), cursor: String(page.at(-1)?.id ?? query.after), hasMore: rows.length > query.limit };
}

export async function getCustomerJsonForStaff(staff: StaffUser, customerId: number) {
  await getCustomerOrThrow(staff, customerId);
  const [row] = await listCustomersForApi({ afterId: 0, limit: 1, id: customerId });
  if (!row) throw new AppError("not_found", "customer_not_found");
  return { customer: customerJson(row) };
}

/** Sets (or clears, with null or "") the ERP's number; the same again changes nothing. Another customer's number: 409. */
export async function setErpCustomerNumberForStaff(staff: StaffUser, customerId: number, erpCustomerNumber: string | null) {
  await getCustomerOrThrow(staff, customerId);
  const result = await setErpCustomerNumber(customerId, erpCustomerNumber);
  if (!result) throw new AppError("not_found", "customer_not_found");
  return { customerId, erpCustomerNumber, previous: result.previous, changed: result.previous !== erpCustomerNumber };
}
