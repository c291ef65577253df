import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { getOrderDetail, listOrderLinesForExport, searchOrders, type OrderDetailView, type OrderSearch } from "@/lib/data/order-history";

/**
 * Who sees which orders: a plain buyer their own, approvers and company admins every order of
 * their company. Another company's order does not exist for anybody (not found, never forbidden).
 */

export type OrderViewer = Pick<BuyerUser, "id" | "companyId" | "role">;

export const seesWholeCompany = (viewer: Pick<OrderViewer, "role">) => viewer.role === "approver" || viewer.role === "company_admin";

export async function getOrderForViewer(viewer: OrderViewer, orderNumber: string): Promise<OrderDetailView | null> {
  const detail = await getOrderDetail(viewer.companyId, orderNumber);
  if (!detail) return null;
  if (!seesWholeCompany(viewer) && detail.order.userId !== viewer.id) return null;
  return detail;
}

export function searchOrdersForViewer(viewer: OrderViewer, search: Omit<OrderSearch, "companyId" | "userId">) {
  return searchOrders({ ...search, companyId: viewer.companyId, ...(seesWholeCompany(viewer) ? {} : { userId: viewer.id }) });
}

/** The lines of the orders this viewer may see that a search finds, for the CSV download (same scope as the list). */
export function orderLinesForViewer(viewer: OrderViewer, search: Omit<OrderSearch, "companyId" | "userId" | "limit" | "offset">, limit: number) {
  return listOrderLinesForExport({ ...search, companyId: viewer.companyId, ...(seesWholeCompany(viewer) ? {} : { userId: viewer.id }) }, limit);
}
