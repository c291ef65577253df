import "server-only";
import { isPoNumberRequired, setPoNumberRequired } from "@/lib/data/companies";
import { requirePoNumber } from "@/lib/orders/po-number";
import { assertCompanyAdmin, type CompanyAdmin } from "./company-users";

/**
 * "PO number required on every order" (companies.po_number_required): the company admin sets it on
 * the Users page (staff on the customer's page, lib/admin/customers.ts); the checkout and standing
 * orders refuse an order without one (lib/orders/po-number.ts), also while staff view the shop as
 * the customer. Punchout orders carry the procurement system's own order id and are not affected.
 */

/** Whether the company's web orders must carry a PO number (the checkout's and the standing order's field say so). */
export const poNumberRequired = (user: { companyId: number }): Promise<boolean> => isPoNumberRequired(user.companyId);

/** The PO number an order of the company carries: trimmed, null when blank; refused when required and blank. */
export async function resolveOrderPoNumber(user: { companyId: number }, value: string | null): Promise<string | null> {
  return requirePoNumber(await isPoNumberRequired(user.companyId), value);
}

/** The company admin requires a PO number on every order of the company, or stops requiring it (not while staff view as them). */
export async function setCompanyPoNumberRequired(admin: CompanyAdmin, required: boolean): Promise<void> {
  assertCompanyAdmin(admin);
  await setPoNumberRequired(admin.companyId, required);
}
