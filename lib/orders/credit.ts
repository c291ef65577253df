/**
 * Credit on account ("op rekening"), pure. A customer's credit limit bounds what it may owe us:
 * invoices not yet paid (less credit notes not yet paid back) plus the part of its orders not yet
 * invoiced. Amounts include VAT, as the receivables in the ERP the limit usually comes from. An
 * order that would go beyond the limit is held for the supplier's review ("needs_review"), never
 * refused: a buyer's urgent need, or a procurement system's approved purchase order, is not lost.
 */

/** The order statuses whose amount counts until invoiced: accepted by us or waiting for our review. */
export const CREDIT_COMMITTED_STATUSES = ["placed", "needs_review", "accepted", "confirmed", "shipped"] as const;

export interface CreditUse {
  limitMinor: number;
  /** Unpaid invoices less unpaid credit notes (can be negative when we owe the customer). */
  unpaidInvoicesMinor: number;
  /** Orders in CREDIT_COMMITTED_STATUSES, each less what has been invoiced of it (never below 0). */
  uninvoicedOrdersMinor: number;
}

/** What the customer owes or has committed to owe. */
export const creditExposure = (use: CreditUse): number => use.unpaidInvoicesMinor + use.uninvoicedOrdersMinor;

/** What is left; negative once orders were released beyond the limit. */
export const availableCredit = (use: CreditUse): number => use.limitMinor - creditExposure(use);

/** An order exactly using up what is left fits; one cent more does not. */
export const exceedsCredit = (use: CreditUse, orderTotalMinor: number): boolean => creditExposure(use) + orderTotalMinor > use.limitMinor;

/**
 * The hold's detail as stored in an order's history and a purchase order's reasons: "exposure + order > limit"
 * in euros. Pages read the amounts back (parseCreditHoldDetail) and say them in words in their own money format.
 */
export function creditHoldDetail(use: CreditUse, orderTotalMinor: number): string {
  const euros = (minor: number) => (minor / 100).toFixed(2);
  return `${euros(creditExposure(use))} + ${euros(orderTotalMinor)} > ${euros(use.limitMinor)}`;
}

/** The three amounts of a hold, in minor units. */
export interface CreditHoldAmounts {
  owedMinor: number;
  orderMinor: number;
  limitMinor: number;
}

const DETAIL = /^(-?\d+\.\d{2}) \+ (-?\d+\.\d{2}) > (-?\d+\.\d{2})$/;
const toMinor = (euros: string) => Math.round(Number(euros) * 100);

/**
 * The amounts back from a stored detail (creditHoldDetail's text), so a page can say them in words and
 * in its own money format; old rows keep this text, so it is read, not rewritten. Null: not a hold's detail.
 */
export function parseCreditHoldDetail(detail: string): CreditHoldAmounts | null {
  const match = DETAIL.exec(detail.trim());
  return match ? { owedMinor: toMinor(match[1]!), orderMinor: toMinor(match[2]!), limitMinor: toMinor(match[3]!) } : null;
}

const CREDIT_HOLD = "credit_limit";

/** The order-history comment of a hold: the reason code and the numbers, for staff ("credit_limit: 1200.00 + 300.00 > 1400.00"). */
export const creditHoldComment = (use: CreditUse, orderTotalMinor: number): string => `${CREDIT_HOLD}: ${creditHoldDetail(use, orderTotalMinor)}`;

/** Whether an order-history comment is a credit hold's (buyers see that it is held, not the customer's figures). */
export const isCreditHoldComment = (comment: string | null): boolean => comment?.startsWith(`${CREDIT_HOLD}:`) ?? false;

/** The amounts of a hold's order-history comment (creditHoldComment's text); null for any other comment. */
export const parseCreditHoldComment = (comment: string): CreditHoldAmounts | null =>
  isCreditHoldComment(comment) ? parseCreditHoldDetail(comment.slice(CREDIT_HOLD.length + 1)) : null;
