import type { PurchaseOrderLineReason } from "@/db/schema";
import { inAssortment, type Assortment } from "@/lib/catalog/assortment";
import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";

/**
 * Why a purchase-order line must wait for the account manager because the customer may not order
 * its product (lib/catalog/assortment.ts), or null. A procurement system's OrderRequest does not go
 * through the shop, which refuses such products in cart and transfer, so the intake checks again:
 * a customer limited to its contract must not get an order for something else silently accepted.
 * The day is the order date, the day the line is priced on (lib/punchout/cxml-order.ts). A line
 * held to a quote that still applies carries an agreed price: it counts as contract, as in the cart
 * (lib/cart/priced-cart.ts).
 */
export function assortmentReason(input: {
  assortment: Assortment;
  product: { sku: string; currency: string };
  candidates: readonly ContractPriceCandidate[];
  orderDate: Date;
  quoteApplies: boolean;
}): PurchaseOrderLineReason | null {
  if (input.quoteApplies || inAssortment(input.assortment, input.candidates, input.orderDate, input.product.currency)) return null;
  return { code: "not_in_assortment", detail: input.product.sku };
}
