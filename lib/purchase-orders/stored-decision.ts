import { CONFIRMED_WITH_CHANGES } from "@/lib/orders/history-comment";

/**
 * The account manager's decision on a purchase order, read back from what the decision stored
 * (lib/purchase-orders/order-responses.ts respondToOrder → lib/data/purchase-orders.ts
 * changePurchaseOrderStatus), pure. A decision taken while the connection had no address for
 * confirmations queued no ConfirmationRequest; with this the same one can be built later.
 *
 * What the decision left behind: its history event (status "confirmed" or "rejected", the comment,
 * or CONFIRMED_WITH_CHANGES for changes without one) and, for changes, the order lines as confirmed —
 * a line rejected with 0 left the order, the buyer's line stays in purchase_order_lines. "Confirm
 * with changes" sent every order line, so the changes are every buyer line as the order holds it now.
 * One case reads differently and means the same to the buyer: "with changes" that changed nothing
 * but carried a comment is read as "accept" with that comment.
 */

/** db/schema/orders.ts statuses of an order decided on; "shipped": decided, then (partly) shipped. */
export const DECIDED_STATUSES = ["confirmed", "rejected", "shipped"] as const;

export interface StoredDecision {
  kind: "accept" | "change" | "reject";
  comment: string | null;
  changes: { lineNumber: number; quantity: number; unitPriceMinor: number; deliveryDate: Date | null }[];
}

export interface DecidedOrder {
  status: string;
  events: readonly { status: string; kind: string; comment: string | null }[];
  lines: readonly { lineNumber: number; quantity: number; unitPriceMinor: number; confirmedDeliveryDate: string | null }[];
  purchaseLines: readonly { lineNumber: number; quantity: string; buyerUnitPriceMinor: number | null; ourUnitPriceMinor: number | null }[];
}

/** The decision, or null when the order was not decided on (or is no longer: cancelled by the buyer). */
export function storedDecision(order: DecidedOrder): StoredDecision | null {
  if (!(DECIDED_STATUSES as readonly string[]).includes(order.status)) return null;
  const event = order.events.findLast((e) => e.kind === "status" && (e.status === "confirmed" || e.status === "rejected"));
  if (!event) return null;
  const marked = event.comment === CONFIRMED_WITH_CHANGES;
  const comment = marked ? null : event.comment?.trim() || null;
  if (event.status === "rejected") return { kind: "reject", comment, changes: [] };
  const byNumber = new Map(order.lines.map((line) => [line.lineNumber, line]));
  // As the intake made the order line: the buyer's quantity rounded up, the buyer's price or else ours.
  const changes = order.purchaseLines.map((buyer) => {
    const line = byNumber.get(buyer.lineNumber);
    if (!line) return { lineNumber: buyer.lineNumber, quantity: 0, unitPriceMinor: buyer.buyerUnitPriceMinor ?? buyer.ourUnitPriceMinor ?? 0, deliveryDate: null, changed: true };
    const ordered = Math.ceil(Number(buyer.quantity));
    const price = buyer.buyerUnitPriceMinor ?? buyer.ourUnitPriceMinor ?? 0;
    const deliveryDate = line.confirmedDeliveryDate ? new Date(`${line.confirmedDeliveryDate}T12:00:00Z`) : null;
    return { lineNumber: line.lineNumber, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, deliveryDate, changed: line.quantity !== ordered || line.unitPriceMinor !== price || deliveryDate !== null };
  });
  if (!marked && !changes.some((change) => change.changed)) return { kind: "accept", comment, changes: [] };
  return { kind: "change", comment, changes: changes.map(({ changed: _changed, ...change }) => change) };
}
