import "server-only";
import type { CartLineWithProduct } from "@/lib/data/carts";
import { customerProductInputs, localizeProduct, type ProductView } from "@/lib/catalog/priced-product";
import type { Locale } from "@/lib/i18n/locales";
import { resolvePrice, type PriceSource } from "@/lib/pricing/resolve-price";
import { lineVatMinor, summarizeVat, type VatSummary } from "@/lib/pricing/vat";
import { checkQuantity, type QuantityCheck } from "./quantity-rules";

export interface PricedCartLine {
  lineId: number;
  product: Omit<ProductView, "price">;
  quantity: number;
  unitPriceMinor: number;
  listPriceMinor: number;
  lineTotalMinor: number;
  lineVatMinor: number;
  priceSource: PriceSource;
  quantityCheck: QuantityCheck;
  /** Fewer units in stock than ordered: still orderable, delivered when available. */
  exceedsStock: boolean;
  /** The customer's own article number for the product (order line snapshot, punchout BuyerPartID/MATNR). */
  customerArticleNumber: string | null;
}

export interface PricedCart {
  lines: PricedCartLine[];
  totals: VatSummary;
  currency: string;
  /** True when every line passes its quantity rules and the cart is not empty. */
  orderable: boolean;
}

/** Prices cart lines for a customer with the pricing module (server-side, never browser state). */
export async function priceCartLines(
  lines: CartLineWithProduct[],
  options: { companyId: number; locale: Locale; now: Date; companyKeepsArticleNumbers?: boolean },
): Promise<PricedCart> {
  const { candidates, articleNumbers } = await customerProductInputs(options.companyId, lines.map((l) => l.product.id), options.companyKeepsArticleNumbers);
  const priced = lines.map(({ lineId, quantity, product }): PricedCartLine => {
    const price = resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity, now: options.now });
    const lineTotalMinor = price.unitPriceMinor * quantity;
    return {
      lineId,
      product: localizeProduct(product, options.locale),
      quantity,
      unitPriceMinor: price.unitPriceMinor,
      listPriceMinor: price.listPriceMinor,
      lineTotalMinor,
      lineVatMinor: lineVatMinor({ netMinor: lineTotalMinor, vatRateBasisPoints: product.vatRateBasisPoints }),
      priceSource: price.source,
      quantityCheck: checkQuantity(quantity, product),
      exceedsStock: quantity > product.stock,
      customerArticleNumber: articleNumbers.get(product.id) ?? null,
    };
  });
  return {
    lines: priced,
    totals: summarizeVat(priced.map((l) => ({ netMinor: l.lineTotalMinor, vatRateBasisPoints: l.product.vatRateBasisPoints }))),
    currency: "EUR",
    orderable: priced.length > 0 && priced.every((l) => l.quantityCheck.ok && l.product.stock >= 0),
  };
}
