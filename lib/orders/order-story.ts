import { isCreditHoldComment } from "./credit";

/**
 * What the buyer's order page tells about an order's course, pure: who rejected or cancelled it
 * and why, what an approver's decision was, why it waits for approval (with the amounts), and what
 * of it is still to be delivered. The page turns these into words (account.order messages).
 */

/** db/schema/orders.ts ORDER_STATUSES, repeated: pure code imports nothing from db/. */
type Status = "awaiting_approval" | "rejected" | "placed" | "needs_review" | "accepted" | "confirmed" | "shipped" | "cancelled";

export interface StoryEvent {
  status: Status;
  /** db/schema/orders.ts orderEvents.kind, repeated. */
  kind: "status" | "changed" | "confirmation_sent";
  comment: string | null;
  userName: string | null;
}

/** What a history entry says happened; `approved*` name the approver inside the sentence. */
export type HistoryEventKind = "changed" | "confirmation_sent" | "submitted" | "approved" | "approved_held" | "credit_hold" | "rejected" | "status";

export function historyEventKind(event: StoryEvent, previous: StoryEvent | undefined, source: string): HistoryEventKind {
  if (event.kind === "changed") return "changed";
  if (event.kind === "confirmation_sent") return "confirmation_sent";
  if (event.status === "awaiting_approval") return "submitted";
  const afterApproval = previous?.status === "awaiting_approval";
  if (afterApproval && event.status === "placed") return "approved";
  // A web order held for our review: after an approval, or at once when placed beyond the credit limit.
  if (source === "web" && event.status === "needs_review") return afterApproval ? "approved_held" : "credit_hold";
  if (event.status === "rejected") return "rejected";
  return "status";
}

/** A comment a buyer may read: a credit hold's figures are the supplier's, not theirs. */
export const buyerVisibleComment = (comment: string | null): string | null => (comment && !isCreditHoldComment(comment) ? comment : null);

/**
 * Who brought a rejected or cancelled order there and why: the latest event that reached its
 * status. A procurement system's cancellation or an old order may name nobody or no reason (null).
 */
export function closingEvent(events: readonly StoryEvent[], status: "rejected" | "cancelled"): { name: string | null; reason: string | null } | null {
  const event = events.findLast((candidate) => candidate.kind === "status" && candidate.status === status);
  if (!event) return null;
  return { name: event.userName, reason: buyerVisibleComment(event.comment)?.trim() || null };
}

/**
 * How the page words "above the order limit" (message key account.order.approvalReasons.<key>).
 * The order keeps why it waits, not the limit of that moment: the orderer's limit now says it only
 * while it still lies below the amount; once raised or removed, the page says the amount *was*
 * above the limit when the order was placed, without a number it cannot know.
 */
export type OrderLimitWording =
  | { key: "order_limit_own" | "order_limit_other"; limitMinor: number }
  | { key: "order_limit_own_was" | "order_limit_other_was" | "order_limit" };

export function orderLimitWording(input: {
  subtotalMinor: number;
  /** The orderer's order limit now (users.order_limit_minor); null: no limit (any more). */
  currentLimitMinor: number | null;
  /** Whether the viewer placed the order ("your limit") or someone else looks at it ("the limit of …"). */
  viewerIsOrderer: boolean;
  /** The orderer's name; null when nobody is known (then the general sentence). */
  ordererName: string | null;
}): OrderLimitWording {
  if (!input.viewerIsOrderer && input.ordererName === null) return { key: "order_limit" };
  const stillBelow = input.currentLimitMinor !== null && input.subtotalMinor > input.currentLimitMinor;
  if (stillBelow) return { key: input.viewerIsOrderer ? "order_limit_own" : "order_limit_other", limitMinor: input.currentLimitMinor! };
  return { key: input.viewerIsOrderer ? "order_limit_own_was" : "order_limit_other_was" };
}

/**
 * What of an order has not shipped yet, per line (lines shipped in full are left out), in line
 * order. Shipments record the line numbers and quantities they carried.
 */
export function stillToShip(
  lines: readonly { lineNumber: number; quantity: number }[],
  shipments: readonly { lines: readonly { lineNumber: number; quantity: number }[] }[],
): { lineNumber: number; quantity: number }[] {
  const shipped = new Map<number, number>();
  for (const shipment of shipments) {
    for (const line of shipment.lines) shipped.set(line.lineNumber, (shipped.get(line.lineNumber) ?? 0) + line.quantity);
  }
  return lines
    .map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity - (shipped.get(line.lineNumber) ?? 0) }))
    .filter((line) => line.quantity > 0);
}

/**
 * A shipment's history entry, told in the reader's language: which shipment it was and whether it
 * left something of the order still to ship ("Partly shipped"). The event stores facts only,
 * "<shipment number>: <carrier> <tracking number>" (lib/data/purchase-orders.ts); whether it was
 * partial follows from the shipments up to and including it (an order cannot be edited once shipped,
 * so its lines are those that were shipped against). Events stored before said so in English, as
 * "K100004-S1 (partial): …": that marker is read and taken out of the comment. Null when the comment
 * names none of the order's shipments (another "shipped" event).
 */
export function shipmentEvent(
  comment: string | null,
  lines: readonly { lineNumber: number; quantity: number }[],
  /** The order's shipments, oldest first. */
  shipments: readonly { shipmentNumber: string; lines: readonly { lineNumber: number; quantity: number }[] }[],
): { shipmentNumber: string; partial: boolean; comment: string } | null {
  const match = comment?.match(/^(\S+?)( \(partial\))?: ([\s\S]*)$/);
  if (!match) return null;
  const [, shipmentNumber, legacyPartial, details] = match as unknown as [string, string, string | undefined, string];
  const index = shipments.findIndex((shipment) => shipment.shipmentNumber === shipmentNumber);
  if (index < 0 && !legacyPartial) return null;
  const partial = legacyPartial !== undefined || stillToShip(lines, shipments.slice(0, index + 1)).length > 0;
  return { shipmentNumber, partial, comment: `${shipmentNumber}, ${details}` };
}
