import type { PurchaseOrderLineReason } from "@/db/schema";
import { roundHalfAwayFromZero } from "@/lib/pricing/money";

/**
 * Order-level checks of an OrderRequest's amounts (PROTOCOLS.md §2.8), pure: what the buyer sent in,
 * a reason for the account manager out (null: nothing to say). Neither refuses the order: a review
 * keeps everything the buyer sent, where a cXML 400 would leave the buyer's system with an order we
 * never saw again (lib/punchout/cxml-order.ts puts the order in "needs_review" with these reasons).
 */

interface Money {
  amountMinor: number;
  currency: string;
}

export interface AmountsOfOrder {
  total: Money;
  shipping: Money | null;
  tax: Money | null;
  /** OrderRequestHeader@orderType as sent ("blanket", "regular", …; null: regular). */
  orderType: string | null;
  lines: readonly { quantity: string; unitPrice: Money | null }[];
}

/**
 * The Total or any Money of the header or a line in another currency than the one we invoice in:
 * detail "USD ≠ EUR" (several: "USD, GBP ≠ EUR"), the form lib/orders/history-comment.ts reads.
 * Our prices, credit limits and invoices are in `ours` only, so such an order cannot just be taken on.
 */
export function currencyReason(order: AmountsOfOrder, ours: string): PurchaseOrderLineReason | null {
  const sent = [order.total, order.shipping, order.tax, ...order.lines.map((line) => line.unitPrice)].flatMap((money) => (money ? [money.currency] : []));
  const foreign = [...new Set(sent.filter((currency) => currency !== ours))];
  return foreign.length ? { code: "currency", detail: `${foreign.join(", ")} ≠ ${ours}` } : null;
}

const QUANTITY = /^(\d+)(?:\.(\d+))?$/;

/**
 * The buyer's header Total against the sum of its lines (quantity × UnitPrice): detail
 * "57500 ≠ 54300" (Total, then the lines' sum, in minor units; the order page formats both).
 *
 * What the Total holds: the cXML DTD says only "the total amount of this order" with Shipping and Tax
 * as elements of their own; for a blanket order it is a commitment ceiling, not a sum (DTD comment),
 * so it is not checked. Real documents differ: Coupa's sample has Total = the lines (Shipping 0.0),
 * our own example (shared cxml/examples/OrderRequest.xml) Total = lines + Shipping, Tax outside. So the
 * Total agrees when it is the lines' sum with or without the header's Shipping and/or Tax.
 * "Beyond rounding": a line of a fractional quantity may have been rounded by the buyer by up to half a
 * minor unit; whole quantities give exact sums. Not checked (other reasons say it): a line without
 * a price, amounts in mixed currencies.
 */
export function totalReason(order: AmountsOfOrder): PurchaseOrderLineReason | null {
  if (order.orderType?.toLowerCase() === "blanket" || order.lines.length === 0) return null;
  const currency = order.total.currency;
  // Exact: every line's quantity × price as an integer over 10^scale (quantities are decimals such as "2.5").
  const parsed: { units: bigint; scale: number; price: bigint }[] = [];
  for (const line of order.lines) {
    const match = QUANTITY.exec(line.quantity);
    if (!line.unitPrice || line.unitPrice.currency !== currency || !match) return null;
    const fraction = match[2] ?? "";
    parsed.push({ units: BigInt(match[1]! + fraction), scale: fraction.length, price: BigInt(line.unitPrice.amountMinor) });
  }
  const scale = Math.max(...parsed.map((line) => line.scale));
  const unit = 10n ** BigInt(scale);
  let sum = 0n;
  let tolerance = 0n;
  for (const line of parsed) {
    const amount = line.units * line.price * 10n ** BigInt(scale - line.scale);
    sum += amount;
    if (amount % unit !== 0n) tolerance += unit / 2n;
  }
  const extra = (money: Money | null) => (money && money.currency === currency ? [0n, BigInt(money.amountMinor) * unit] : [0n]);
  // The lines alone, with Shipping, with Tax, with both (each only when the header has it).
  const explanations = extra(order.shipping).flatMap((shipping) => extra(order.tax).map((tax) => sum + shipping + tax));
  const total = BigInt(order.total.amountMinor) * unit;
  if (explanations.some((expected) => (total > expected ? total - expected : expected - total) <= tolerance)) return null;
  const linesMinor = roundHalfAwayFromZero(Number(sum) / Number(unit));
  return { code: "total_mismatch", detail: `${order.total.amountMinor} ≠ ${linesMinor}` };
}
