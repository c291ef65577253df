import "server-only";
import type { CartLineWithProduct } from "@/lib/data/carts";
import { quoteLineTerms } from "@/lib/data/quotes";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { quotedPrice, quotedQuantityLock, type QuotedPriceVerdict } from "@/lib/quotes/quote-rules";
import { customerProductInputs, localizeProduct, type ProductView } from "@/lib/catalog/priced-product";
import type { Locale } from "@/lib/i18n/locales";
import { resolvePrice, type PriceSource } from "@/lib/pricing/resolve-price";
import { deliveryChargeByRate, deliveryChargeFor, NO_DELIVERY_CHARGE, type DeliveryCharge, type DeliveryTerms } from "@/lib/pricing/delivery-charge";
import { lineVatMinor, summarizeVat, type VatSummary } from "@/lib/pricing/vat";
import { checkQuantity, type QuantityCheck } from "./quantity-rules";
import { inAssortment, type Assortment } from "@/lib/catalog/assortment";

export interface PricedCartLine {
  lineId: number;
  product: Omit<ProductView, "price" | "inAssortment">;
  quantity: number;
  unitPriceMinor: number;
  listPriceMinor: number;
  lineTotalMinor: number;
  lineVatMinor: number;
  priceSource: PriceSource;
  quantityCheck: QuantityCheck;
  /** Fewer units in stock than ordered: still orderable, delivered when available. */
  exceedsStock: boolean;
  /**
   * False when the product was taken out of the shop after it was put in the cart, or is no longer in
   * the customer's contract assortment (unavailableReason says which): shown, but it must be removed
   * before the cart is ordered or transferred (lib/checkout/place-order.ts, lib/punchout/transfer.ts).
   */
  available: boolean;
  unavailableReason: "discontinued" | "not_in_assortment" | null;
  /** The customer's own article number for the product (order line snapshot, punchout BuyerPartID/MATNR). */
  customerArticleNumber: string | null;
  /**
   * Set when the line came from an accepted quote. With `applies` the line carries the quoted price
   * (unitPriceMinor); otherwise it is priced like any other line and `reason` says why.
   */
  quote: CartLineQuote | null;
}

export interface CartLineQuote {
  quoteId: number;
  quoteNumber: string;
  quoteLineId: number;
  /** The quote line's number (OCI EXT_QUOTE_ITEM). */
  quoteLineNumber: number;
  quotedQuantity: number;
  verdict: QuotedPriceVerdict;
  /**
   * The quantity the line is held to while the quote would price it (quote-rules quotedQuantityLock),
   * null when it is free. Set with a verdict "quantity_changed": the line lost its quoted price to a
   * change elsewhere (another add), and the buyer is offered the way back.
   */
  lockedQuantity: number | null;
}

export interface PricedCart {
  lines: PricedCartLine[];
  /** The goods plus the delivery charge (in the subtotal and, split over the goods' rates, in the VAT breakdown). */
  totals: VatSummary;
  /** The lines' amount excl. VAT. */
  goodsMinor: number;
  delivery: DeliveryCharge & { terms: DeliveryTerms };
  currency: string;
  /** True when every line is available and passes its quantity rules, and the cart is not empty. */
  orderable: boolean;
}

/** Prices cart lines for a customer with the pricing module (server-side, never browser state). */
export async function priceCartLines(
  lines: CartLineWithProduct[],
  /** `delivery`: the customer's terms (lib/pricing/delivery-charge.ts); none given, none charged (punchout carts). */
  options: {
    companyId: number;
    locale: Locale;
    now: Date;
    companyKeepsArticleNumbers?: boolean;
    delivery?: DeliveryTerms;
    /** The customer's assortment (lib/catalog/assortment.ts); absent: the whole catalogue. */
    assortment?: Assortment;
  },
): Promise<PricedCart> {
  const quoteLineIds = lines.flatMap((l) => (l.quoteLineId ? [l.quoteLineId] : []));
  const [{ candidates, articleNumbers }, quoteTerms] = await Promise.all([
    customerProductInputs(options.companyId, lines.map((l) => l.product.id), options.companyKeepsArticleNumbers),
    // Only carts holding a quote's lines read quotes: every other cart stays at its two statements.
    quoteLineIds.length > 0 ? quoteLineTerms(quoteLineIds) : undefined,
  ]);
  const day = calendarDate(options.now);
  const priced = lines.map(({ lineId, quantity, product, quoteLineId }): PricedCartLine => {
    const productCandidates = candidates.get(product.id) ?? [];
    const price = resolvePrice({ product, candidates: productCandidates, quantity, now: options.now });
    const terms = quoteLineId ? quoteTerms?.get(quoteLineId) : undefined;
    const quote: CartLineQuote | null = terms
      ? {
          quoteId: terms.quoteId,
          quoteNumber: terms.quoteNumber,
          quoteLineId: terms.quoteLineId,
          quoteLineNumber: terms.lineNumber,
          quotedQuantity: terms.quantity,
          verdict: quotedPrice(terms, { companyId: options.companyId, productId: product.id, quantity, day }),
          lockedQuantity: quotedQuantityLock(terms, { companyId: options.companyId, productId: product.id, day }),
        }
      : null;
    const unitPriceMinor = quote?.verdict.applies ? quote.verdict.unitPriceMinor : price.unitPriceMinor;
    // A quote that still applies is an agreed price too: its line counts as contract.
    const unavailableReason = !product.active
      ? "discontinued"
      : !quote?.verdict.applies && !inAssortment(options.assortment, productCandidates, options.now, product.currency)
        ? "not_in_assortment"
        : null;
    const lineTotalMinor = unitPriceMinor * quantity;
    return {
      lineId,
      product: localizeProduct(product, options.locale),
      quantity,
      unitPriceMinor,
      listPriceMinor: price.listPriceMinor,
      lineTotalMinor,
      lineVatMinor: lineVatMinor({ netMinor: lineTotalMinor, vatRateBasisPoints: product.vatRateBasisPoints }),
      priceSource: price.source,
      quantityCheck: checkQuantity(quantity, product),
      exceedsStock: quantity > product.stock,
      available: unavailableReason === null,
      unavailableReason,
      customerArticleNumber: articleNumbers.get(product.id) ?? null,
      quote,
    };
  });
  const goods = priced.map((l) => ({ netMinor: l.lineTotalMinor, vatRateBasisPoints: l.product.vatRateBasisPoints }));
  const goodsMinor = goods.reduce((sum, line) => sum + line.netMinor, 0);
  const terms = options.delivery ?? NO_DELIVERY_CHARGE;
  const delivery = deliveryChargeFor(goodsMinor, terms);
  return {
    lines: priced,
    totals: summarizeVat([...goods, ...deliveryChargeByRate(delivery.chargeMinor, goods)]),
    goodsMinor,
    delivery: { ...delivery, terms },
    currency: "EUR",
    orderable: priced.length > 0 && priced.every((l) => l.available && l.quantityCheck.ok && l.product.stock >= 0),
  };
}
