/**
 * The status people read for an order. Pure. The first shipment makes an order "shipped" in the
 * database, while lines may still be to come: lists, filters and CSV files then say "Partly shipped"
 * (message orders.statuses.partly_shipped, purchaseOrders.status.partly_shipped) rather than a
 * "Shipped" that promises everything, as the order pages do (lib/data/order-shown-status.ts reads the
 * same in SQL).
 */

/** db/schema/orders.ts ORDER_STATUSES, repeated: pure code imports nothing from db/. */
type Status = "awaiting_approval" | "rejected" | "placed" | "needs_review" | "accepted" | "confirmed" | "shipped" | "cancelled";

export type ShownOrderStatus = Status | "partly_shipped";

/** `partlyShipped`: not every ordered quantity has shipped (lib/data/order-history.ts OrderListItem.partlyShipped). */
export function shownOrderStatus(status: Status, partlyShipped: boolean): ShownOrderStatus {
  return status === "shipped" && partlyShipped ? "partly_shipped" : status;
}
