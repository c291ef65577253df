import { z } from "zod";
import type { ShownOrderStatus } from "./shown-status";

/** Every order status, in life-cycle order, for the status filter ("shipped" in part and in full, as the list shows them). */
export const FILTERABLE_STATUSES = [
  "awaiting_approval",
  "rejected",
  "placed",
  "needs_review",
  "accepted",
  "confirmed",
  "partly_shipped",
  "shipped",
  "cancelled",
] as const satisfies readonly ShownOrderStatus[];

/** The order list's search parameters (from the URL, so searches can be bookmarked and shared). */
export const orderSearchParamsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(FILTERABLE_STATUSES).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  costCenter: z.string().trim().max(35).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type OrderSearchParams = z.infer<typeof orderSearchParamsSchema>;

export function orderSearchHref(params: OrderSearchParams, page: number, path = "/account/orders"): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status) query.set("status", params.status);
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (params.costCenter) query.set("costCenter", params.costCenter);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The CSV download of what the list with these parameters finds (every page). */
export const orderExportHref = (params: OrderSearchParams) => orderSearchHref(params, 1, "/account/orders/export");

/** What the list's parameters search for (the list and its CSV download alike). */
export function orderSearchOf(params: OrderSearchParams) {
  return { text: params.q, status: params.status, from: params.from, to: params.to, costCenter: params.costCenter || undefined };
}
