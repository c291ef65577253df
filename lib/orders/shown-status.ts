import { stillToShip } from "./order-story";

/**
 * The status a buyer reads for an order. Pure. The first shipment makes an order "shipped" in the
 * database, while lines may still be to come: the buyer then reads "Partly shipped" (message
 * orders.statuses.partly_shipped) rather than a "Shipped" that promises everything, as the admin order
 * page calls it (an order shipped with quantities open to ship, lib/admin/purchase-orders.ts).
 */

/** db/schema/orders.ts ORDER_STATUSES, repeated: pure code imports nothing from db/. */
type Status = "awaiting_approval" | "rejected" | "placed" | "needs_review" | "accepted" | "confirmed" | "shipped" | "cancelled";

export type ShownOrderStatus = Status | "partly_shipped";

/** `partlyShipped`: not every ordered quantity has shipped (lib/data/order-history.ts OrderListItem.partlyShipped). */
export function shownOrderStatus(status: Status, partlyShipped: boolean): ShownOrderStatus {
  return status === "shipped" && partlyShipped ? "partly_shipped" : status;
}

/** The same from an order's lines and shipments, as the buyer's order page has them. */
export function shownOrderStatusOf(
  status: Status,
  lines: readonly { lineNumber: number; quantity: number }[],
  shipments: readonly { lines: readonly { lineNumber: number; quantity: number }[] }[],
): ShownOrderStatus {
  return shownOrderStatus(status, status === "shipped" && stillToShip(lines, shipments).length > 0);
}
