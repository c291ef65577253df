import { REVIEW_REASON_CODES, type ReviewReasonCode } from "@/lib/orders/history-comment";

/**
 * The admin overview's "Te beoordelen" list, pure: why an order waits, in short, and for how long.
 * What the data layer read (lib/data/credit.ts listOldestOrdersToReview) comes in as stored.
 */

/**
 * The reasons an order waits for, each once, in the order the order page lists them; codes this
 * version does not know are left out. A web order (no purchase order) is only ever held for its
 * credit limit (lib/data/orders.ts), which it does not store as a code.
 */
export function reviewReasonCodes(row: { buyerOrderId: string | null; reasonCodes: readonly string[] | null }): ReviewReasonCode[] {
  const codes = new Set(row.reasonCodes ?? []);
  if (row.buyerOrderId === null && codes.size === 0) return ["credit_limit"];
  return REVIEW_REASON_CODES.filter((code) => codes.has(code));
}

export type WaitingTime = { unit: "minutes" | "hours" | "days"; count: number };

/** How long an order placed at `placedAt` has waited at `now`, rounded down to whole minutes, hours under two days, else days. */
export function waitingTime(placedAt: Date, now: Date): WaitingTime {
  const minutes = Math.max(0, Math.floor((now.getTime() - placedAt.getTime()) / 60_000));
  if (minutes < 60) return { unit: "minutes", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", count: hours };
  return { unit: "days", count: Math.floor(hours / 24) };
}
