import { parseCreditHoldComment, parseCreditHoldDetail, type CreditHoldAmounts } from "./credit";

/**
 * What staff read of the texts the order flow stores for itself, pure. Order-history comments and
 * reason details are written once, by code, in a fixed form (reason codes, amounts in minor units or
 * euros with a point, English sentences of the document flow); the order page turns them into words of
 * the viewer's language and money in its format here. Reading at display keeps the rows already stored
 * readable; a comment a person typed is anything else and stays as it is.
 */

/** db/schema/purchase-orders.ts PurchaseOrderLineReason codes, repeated: pure code imports nothing from db/. */
export const REVIEW_REASON_CODES = [
  "price_higher",
  "price_lower",
  "price_missing",
  "currency",
  "unknown_product",
  "invalid_quantity",
  "not_in_transfer",
  "unknown_ship_to",
  "quote_lapsed",
  "credit_limit",
  "not_in_assortment",
  "total_mismatch",
] as const;

export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

const isReasonCode = (text: string): text is ReviewReasonCode => (REVIEW_REASON_CODES as readonly string[]).includes(text);

/** The comment of a purchase order's confirmation with changes that came without a comment of its own. */
export const CONFIRMED_WITH_CHANGES = "Confirmed with changes";

export type HistoryComment =
  /** A purchase order waiting for review: why, each reason once (its lines may share one). */
  | { kind: "review_reasons"; codes: ReviewReasonCode[] }
  /** A web order held beyond the customer's credit limit (lib/orders/credit.ts creditHoldComment). */
  | { kind: "credit_hold"; amounts: CreditHoldAmounts }
  | { kind: "confirmed_with_changes" }
  /** The buyer's system sent a new version of its order (lib/punchout/cxml-order.ts). */
  | { kind: "buyer_update"; version: string; payloadId: string }
  | { kind: "text"; text: string };

const BUYER_UPDATE = /^Updated by the buyer \(orderVersion (.*), payloadID (.*)\)$/s;

export function historyComment(comment: string): HistoryComment {
  const credit = parseCreditHoldComment(comment);
  if (credit) return { kind: "credit_hold", amounts: credit };
  if (comment === CONFIRMED_WITH_CHANGES) return { kind: "confirmed_with_changes" };
  const update = BUYER_UPDATE.exec(comment);
  if (update) return { kind: "buyer_update", version: update[1]!, payloadId: update[2]! };
  // The intake writes the reasons' codes joined by ", " (lib/punchout/cxml-order.ts eventComment).
  const parts = comment.split(", ");
  if (parts.every(isReasonCode)) return { kind: "review_reasons", codes: [...new Set(parts)] };
  return { kind: "text", text: comment };
}

export type ReasonDetail =
  /** price_higher / price_lower: the buyer's unit price against ours, in minor units of the order's currency. */
  | { kind: "prices"; buyerMinor: number; ourMinor: number }
  /** credit_limit on a purchase order's header. */
  | { kind: "credit"; amounts: CreditHoldAmounts }
  /** invalid_quantity: what the buyer ordered, the rule it breaks and the nearest quantity that keeps it. */
  | { kind: "quantity"; quantity: string; rule: "below_minimum" | "not_multiple" | "not_positive"; suggested: number }
  /** quote_lapsed: the quote and why it no longer holds (lib/quotes/quote-rules.ts). */
  | { kind: "quote"; quoteNumber: string; why: "expired" | "quantity_changed" | "not_accepted" | "other_customer" }
  /** currency: the currencies the buyer sent and the one we invoice in ("USD ≠ EUR", lib/purchase-orders/header-reasons.ts). */
  | { kind: "currencies"; theirs: string[]; ours: string }
  /** total_mismatch: the buyer's header Total and the sum of its lines, in minor units of the order's currency. */
  | { kind: "totals"; totalMinor: number; linesMinor: number }
  | { kind: "text"; text: string };

const PRICES = /^(\d+) [<>] (\d+)$/;
// As lib/punchout/cxml-order.ts writes them: "3 (not_multiple, e.g. 4)", "Q2001: expired".
const QUANTITY = /^(\S+) \((below_minimum|not_multiple|not_positive), e\.g\. (\d+)\)$/;
const QUOTE = /^(\S+): (expired|quantity_changed|not_accepted|other_customer)$/;
const CURRENCIES = /^([A-Z]{3}(?:, [A-Z]{3})*) ≠ ([A-Z]{3})$/;
const TOTALS = /^(-?\d+) ≠ (-?\d+)$/;

/** A reason's stored detail, read for display; null when it has none. */
export function reasonDetail(reason: { code: string; detail?: string | null }): ReasonDetail | null {
  if (!reason.detail) return null;
  if (reason.code === "price_higher" || reason.code === "price_lower") {
    const match = PRICES.exec(reason.detail);
    if (match) return { kind: "prices", buyerMinor: Number(match[1]), ourMinor: Number(match[2]) };
  }
  if (reason.code === "invalid_quantity") {
    const match = QUANTITY.exec(reason.detail);
    if (match) return { kind: "quantity", quantity: match[1]!, rule: match[2] as "not_multiple", suggested: Number(match[3]) };
  }
  if (reason.code === "quote_lapsed") {
    const match = QUOTE.exec(reason.detail);
    if (match) return { kind: "quote", quoteNumber: match[1]!, why: match[2] as "expired" };
  }
  if (reason.code === "currency") {
    const match = CURRENCIES.exec(reason.detail);
    if (match) return { kind: "currencies", theirs: match[1]!.split(", "), ours: match[2]! };
  }
  if (reason.code === "total_mismatch") {
    const match = TOTALS.exec(reason.detail);
    if (match) return { kind: "totals", totalMinor: Number(match[1]), linesMinor: Number(match[2]) };
  }
  if (reason.code === "credit_limit") {
    const amounts = parseCreditHoldDetail(reason.detail);
    if (amounts) return { kind: "credit", amounts };
  }
  return { kind: "text", text: reason.detail };
}
