import "server-only";
import { z } from "zod";
import type { AddressSnapshot, NewOrderLine, PriceSourceSnapshot } from "@/db/schema";
import { resolveShipTo } from "@/lib/account/addresses";
import { resolveOrderCostCenter } from "@/lib/account/cost-centers";
import { resolveOrderPoNumber } from "@/lib/account/po-number";
import type { BuyerUser } from "@/lib/auth/guards";
import { getPricedCart } from "@/lib/cart/cart-service";
import type { PricedCart, PricedCartLine } from "@/lib/cart/priced-cart";
import { getRecipient } from "@/lib/data/account";
import { listCompanyAddresses } from "@/lib/data/companies";
import { createOrder } from "@/lib/data/orders";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { notifyApprovalRequested } from "@/lib/orders/approvals";
import { approvalReasons } from "@/lib/orders/approval-rule";
import { orderConfirmationMailer } from "@/lib/orders/order-confirmation";
import { calendarDate } from "@/lib/pricing/calendar-date";
import type { PriceSource } from "@/lib/pricing/resolve-price";

/** Checkout form input. Lengths follow what procurement systems accept for PO number / cost center (35). */
export const checkoutSchema = z.object({
  shipToAddressId: z.coerce.number().int().positive(),
  poNumber: z.string().trim().max(35).optional().transform((v) => v || null),
  costCenter: z.string().trim().max(35).optional().transform((v) => v || null),
  requestedDeliveryDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.iso.date().nullable()),
  note: z.string().trim().max(1000).optional().transform((v) => v || null),
});
export type CheckoutInput = z.infer<typeof checkoutSchema>;

/** An address as the order keeps it (addresses may change later). */
export function addressSnapshot(address: {
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  externalId: string | null;
}): AddressSnapshot {
  const { name, attention, street, postalCode, city, countryCode, externalId } = address;
  return { name, attention, street, postalCode, city, countryCode, externalId };
}

/**
 * Places the buyer's shop cart as an order: re-prices every line with the pricing module at `now`,
 * re-checks quantity rules, snapshots the addresses and prices, and stores everything at once.
 */
export async function placeOrder(user: BuyerUser, input: CheckoutInput, locale: Locale, now: Date) {
  // In a punchout session the procurement system places the order (after its own approval).
  if (user.punchout) throw new AppError("forbidden", "punchout_no_checkout");
  if (input.requestedDeliveryDate && input.requestedDeliveryDate < calendarDate(now)) {
    throw new AppError("invalid_input", "delivery_date_in_past", { field: "requestedDeliveryDate" });
  }
  // Required by the company (its company admin's or account manager's setting): no order without it.
  const poNumber = await resolveOrderPoNumber(user, input.poNumber);
  // The company's, and one this buyer may have orders delivered to (lib/account/addresses.ts).
  const shipTo = await resolveShipTo(user, input.shipToAddressId);
  if (!shipTo) throw new AppError("invalid_input", "unknown_address", { field: "shipToAddressId" });
  const [billTo] = await listCompanyAddresses(user.companyId, "bill_to");

  const cart = await getPricedCart(user, locale, now);
  if (cart.lines.length === 0) throw new AppError("cart_empty", "cart_empty");
  // A product taken out of the shop since it was put in the cart is not ordered (nor silently dropped).
  const unavailable = cart.lines.find((line) => !line.available);
  if (unavailable) throw new AppError("conflict", "cart_has_unavailable_products", { sku: unavailable.product.sku });
  const invalid = cart.lines.find((line) => !line.quantityCheck.ok);
  if (invalid) throw new AppError("quantity_rule", "cart_has_invalid_quantities", { sku: invalid.product.sku });

  const costCenter = await resolveOrderCostCenter(user, input.costCenter);
  const subtotalMinor = cart.totals.subtotalMinor;
  // To the user the order is placed as (also when staff place it viewing the shop as them).
  const confirmation = await orderConfirmationMailer(await getRecipient(user.id), { source: "web", costCenterId: costCenter.costCenterId, companyId: user.companyId });
  const created = await createOrder({
    // Purchasing policy: above the buyer's order limit or beyond the cost centre's budget (excl. VAT) the order waits for an approver.
    approval: { at: now, reasons: (budget) => approvalReasons({ orderLimitMinor: user.orderLimitMinor, subtotalMinor, budget }) },
    cart: { cartId: cart.cartId, lineIds: cart.lines.map((line) => line.lineId) },
    // Lines priced at a quote use it up: checked and marked in the order's transaction.
    quotes: { ids: cart.lines.flatMap((line) => (line.quote?.verdict.applies ? [line.quote.quoteId] : [])), day: calendarDate(now) },
    // Placed by a staff member viewing the shop as this user: audited with both identities.
    onBehalf: user.impersonatedBy ? { sessionId: user.impersonatedBy.sessionId, staffUserId: user.impersonatedBy.id } : null,
    order: {
      companyId: user.companyId,
      userId: user.id,
      source: "web",
      poNumber,
      ...costCenter,
      requestedDeliveryDate: input.requestedDeliveryDate,
      note: input.note,
      shipTo: addressSnapshot(shipTo),
      billTo: billTo ? addressSnapshot(billTo) : null,
      ...orderTotalsOf(cart),
    },
    lines: orderLinesOf(cart.lines),
    // Confirmed once it is placed; held for credit review, a receipt now and the confirmation when released;
    // awaiting approval, the approver's decision brings it.
    mail: (stored) =>
      !confirmation ? null : stored.status === "placed" ? confirmation(stored, { kind: "checkout" }) : stored.status === "needs_review" ? confirmation(stored, { kind: "held" }) : null,
  });
  if ((created.status === "placed" || created.status === "needs_review") && confirmation) {
    // Queued with the order; delivered now when SMTP is configured (else by the next delivery run).
    await deliverQueuedMail().catch((error: unknown) => console.error(`[koppel] delivering the confirmation of ${created.orderNumber} failed`, error));
  }
  if (created.status === "awaiting_approval") {
    // The order stands even if the notification cannot be queued; approvers also see it in their list.
    await notifyApprovalRequested(user, { ...created, poNumber, costCenter: costCenter.costCenter, subtotalMinor, currency: cart.currency }, now).catch(
      (error: unknown) => console.error(`[koppel] approval request mail for ${created.orderNumber} failed`, error),
    );
  }
  return created;
}

/** A priced cart's totals as the order keeps them: the delivery charge inside the subtotal and VAT breakdown. */
export function orderTotalsOf(cart: Pick<PricedCart, "currency" | "totals" | "delivery">) {
  return {
    currency: cart.currency,
    subtotalMinor: cart.totals.subtotalMinor,
    deliveryChargeMinor: cart.delivery.chargeMinor,
    vatMinor: cart.totals.vatMinor,
    totalMinor: cart.totals.totalMinor,
    vatBreakdown: cart.totals.breakdown,
  };
}

/** Priced lines as order lines: numbered in their order, with the price and how it came about. */
export function orderLinesOf(lines: PricedCartLine[]): Omit<NewOrderLine, "id" | "orderId">[] {
  return lines.map((line, index) => ({
    lineNumber: index + 1,
    productId: line.product.id,
    sku: line.product.sku,
    name: line.product.name,
    unit: line.product.unit,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    listPriceMinor: line.listPriceMinor,
    lineTotalMinor: line.lineTotalMinor,
    vatRateBasisPoints: line.product.vatRateBasisPoints,
    priceSource: line.quote?.verdict.applies ? { kind: "quote", quoteNumber: line.quote.quoteNumber } : toPriceSourceSnapshot(line.priceSource),
    customerArticleNumber: line.customerArticleNumber,
  }));
}

export function toPriceSourceSnapshot(source: PriceSource): PriceSourceSnapshot {
  if (source.kind === "list") return { kind: source.kind };
  if (source.kind === "list_tier") return { kind: source.kind, tierMinQuantity: source.tierMinQuantity };
  return {
    kind: source.kind,
    priceListId: source.priceListId,
    priceListCode: source.priceListCode,
    ...(source.tierMinQuantity === undefined ? {} : { tierMinQuantity: source.tierMinQuantity }),
  };
}
