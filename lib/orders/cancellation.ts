/**
 * Who may cancel a web order, and until when, pure. An order is cancelled only while nothing of it
 * has shipped or been invoiced (lib/data/order-history.ts cancelWebOrder checks both under the
 * order's lock); purchase orders from a procurement system are cancelled by that system (cXML
 * OrderRequest type="delete") or rejected by staff, never here.
 */

/** db/schema/orders.ts ORDER_STATUSES, repeated: pure code imports nothing from db/. */
type Status = "awaiting_approval" | "rejected" | "placed" | "needs_review" | "accepted" | "confirmed" | "shipped" | "cancelled";

/**
 * The customer cancels an order we have not confirmed yet: still waiting for its approver, placed,
 * or held for our credit review. Once confirmed, we may already be picking it: they ask us.
 */
export const BUYER_CANCELLABLE_STATUSES = ["awaiting_approval", "placed", "needs_review"] as const satisfies readonly Status[];

/** Staff cancel a web order on the customer's request until it ships (a held one through its review form). */
export const STAFF_CANCELLABLE_STATUSES = ["placed", "accepted", "confirmed"] as const satisfies readonly Status[];

export const mayBuyerCancel = (order: { source: string; status: Status }) =>
  order.source === "web" && (BUYER_CANCELLABLE_STATUSES as readonly Status[]).includes(order.status);

export const mayStaffCancel = (order: { source: string; status: Status }) =>
  order.source === "web" && (STAFF_CANCELLABLE_STATUSES as readonly Status[]).includes(order.status);
