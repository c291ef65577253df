/** The stored statuses (db/schema/quotes.ts QUOTE_STATUSES; lib/data/quotes.ts checks that both agree). */
export type QuoteStatus = "requested" | "quoted" | "accepted" | "ordered" | "declined" | "rejected";

/**
 * The rules of a quote, pure: which state a quote is in on a given day, who may do what, and
 * when a cart line or a purchase-order line gets the quoted price. Days are calendar dates in
 * Europe/Amsterdam (lib/pricing/calendar-date.ts), like price-list windows.
 */

/** What a buyer or account manager sees: the stored status, with "expired" for an answer past its day. */
export type QuoteState = QuoteStatus | "expired";

export interface QuoteTerms {
  status: QuoteStatus;
  validUntil: string | null;
}

export function quoteState(quote: QuoteTerms, today: string): QuoteState {
  if ((quote.status === "quoted" || quote.status === "accepted") && quote.validUntil !== null && quote.validUntil < today) return "expired";
  return quote.status;
}

/** The buyer may take a quote into the cart while it holds, also again after removing its lines. */
export const mayAccept = (quote: QuoteTerms, today: string) => {
  const state = quoteState(quote, today);
  return state === "quoted" || state === "accepted";
};

/** The buyer may decline an answer they have not ordered yet (also once it lapsed, to tidy the list). */
export const mayDecline = (quote: QuoteTerms, today: string) => {
  const state = quoteState(quote, today);
  return state === "quoted" || state === "accepted" || state === "expired";
};

/** Staff answer a request, and may revise an answer the buyer has not accepted yet. */
export const mayQuote = (quote: QuoteTerms) => quote.status === "requested" || quote.status === "quoted";

/** Staff reject a request they will not quote (or withdraw an answer not yet accepted). */
export const mayReject = (quote: QuoteTerms) => quote.status === "requested" || quote.status === "quoted";

/** Default validity of an answer: 30 days, counted in calendar days from `today`. */
export const DEFAULT_VALIDITY_DAYS = 30;

export interface QuotedLineTerms extends QuoteTerms {
  companyId: number;
  productId: number;
  quantity: number;
  quotedUnitPriceMinor: number | null;
  /** The order that used the quote, once ordered. */
  orderId?: number | null;
}

export type QuotedPriceVerdict =
  | { applies: true; unitPriceMinor: number }
  | { applies: false; reason: "expired" | "quantity_changed" | "not_accepted" | "other_customer" };

/**
 * Whether a line (a cart line, or a purchase-order line matched to a transferred one) gets the
 * quoted price: only for the customer it was quoted to, once accepted, up to its last valid day,
 * for exactly the quoted quantity (the price was negotiated for that quantity). Otherwise the line
 * is priced as any other and the reason is shown.
 */
export function quotedPrice(
  line: QuotedLineTerms,
  use: { companyId: number; productId: number; quantity: number; day: string; orderId?: number },
): QuotedPriceVerdict {
  if (line.companyId !== use.companyId || line.productId !== use.productId) return { applies: false, reason: "other_customer" };
  // A procurement system's change to the order that used the quote (OrderRequest type="update") keeps its price.
  const usedByThisOrder = line.status === "ordered" && use.orderId !== undefined && line.orderId === use.orderId;
  if ((line.status !== "accepted" && !usedByThisOrder) || line.quotedUnitPriceMinor === null) return { applies: false, reason: "not_accepted" };
  if (!usedByThisOrder && quoteState(line, use.day) === "expired") return { applies: false, reason: "expired" };
  if (use.quantity !== line.quantity) return { applies: false, reason: "quantity_changed" };
  return { applies: true, unitPriceMinor: line.quotedUnitPriceMinor };
}

/**
 * The quantity a cart line taken from a quote is held to, or null when it is free: while the quote
 * would price the line at its quoted quantity (accepted, in time, this customer and product), any
 * other quantity would silently drop the line to the normal price, so the buyer may set it only back
 * to the quoted quantity (or remove the line). A quote that no longer applies anyway holds nothing.
 */
export function quotedQuantityLock(line: QuotedLineTerms, use: { companyId: number; productId: number; day: string }): number | null {
  return quotedPrice(line, { ...use, quantity: line.quantity }).applies ? line.quantity : null;
}
