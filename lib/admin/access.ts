import "server-only";
import { randomUUID } from "node:crypto";
import type { Company } from "@/db/schema";
import { getProductBySku, type ProductRow } from "@/lib/data/catalog";
import type { StaffUser } from "@/lib/auth/guards";
import { getCustomer, isCompanyAssigned } from "@/lib/data/customers";
import type { PriceChangeActor } from "@/lib/data/price-audit";
import { getPriceList, type PriceListSummary } from "@/lib/data/price-lists";
import { AppError } from "@/lib/errors";

/**
 * Who may touch what in the account-manager workspace:
 * - admins: every customer and price list;
 * - account managers: the customers assigned to them. A price list is visible when it is not
 *   assigned to anyone yet or is assigned to at least one of their customers, and editable only
 *   when every customer using it is theirs (editing it must not move another manager's prices).
 * Anything out of reach is "not found", like the admin pages' 404.
 */

/** The scope for lib/data reads: the manager's id, or null for "everything" (admins). */
export function managerScope(staff: StaffUser): number | null {
  return staff.role === "admin" ? null : staff.id;
}

export function isAdmin(staff: StaffUser): boolean {
  return staff.role === "admin";
}

export async function canSeeCustomer(staff: StaffUser, companyId: number): Promise<boolean> {
  return staff.role === "admin" || (await isCompanyAssigned(staff.id, companyId));
}

export async function getCustomerOrThrow(staff: StaffUser, companyId: number): Promise<Company> {
  const company = await getCustomer(companyId);
  if (!company || !(await canSeeCustomer(staff, companyId))) throw new AppError("not_found", "customer_not_found");
  return company;
}

/** The catalogue is the whole shop's: its master data (photos, relations) is the admins'; everybody else "not found". */
export async function getProductForAdminOrThrow(staff: StaffUser, sku: string): Promise<ProductRow> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const product = await getProductBySku(sku);
  if (!product) throw new AppError("not_found", "product_not_found");
  return product;
}

export interface PriceListAccess {
  list: PriceListSummary;
  canEdit: boolean;
}

/**
 * Admins edit every list; an account manager edits a list only when every customer using it is
 * theirs (an unassigned list too), and may view one that serves at least one of theirs.
 */
export function priceListAccessOf(staff: StaffUser, list: Pick<PriceListSummary, "customerCount" | "mineCount">): "edit" | "view" | null {
  if (staff.role === "admin") return "edit";
  if (list.mineCount === list.customerCount) return "edit";
  return list.mineCount > 0 ? "view" : null;
}

export async function getPriceListOrThrow(staff: StaffUser, priceListId: number): Promise<PriceListAccess> {
  const list = await getPriceList(priceListId, managerScope(staff));
  const access = list ? priceListAccessOf(staff, list) : null;
  if (!list || !access) throw new AppError("not_found", "price_list_not_found");
  return { list, canEdit: access === "edit" };
}

export async function getEditablePriceListOrThrow(staff: StaffUser, priceListId: number): Promise<PriceListSummary> {
  const { list, canEdit } = await getPriceListOrThrow(staff, priceListId);
  if (!canEdit) throw new AppError("forbidden", "price_list_shared");
  return list;
}

export function actorOf(staff: StaffUser, source: PriceChangeActor["source"], batchId?: string): PriceChangeActor {
  return { userId: staff.id, name: staff.name, source, batchId: batchId ?? (source === "editor" ? null : randomUUID()) };
}
