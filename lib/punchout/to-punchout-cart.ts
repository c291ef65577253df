import type { PricedCart } from "@/lib/cart/priced-cart";
import { orderDocumentsForReader, productDocumentPath } from "@/lib/catalog/product-document";
import { productImagePath } from "@/lib/catalog/product-image-path";
import type { ProductDocumentInfo } from "@/lib/data/product-documents";
import type { PunchoutCart, PunchoutDocument } from "./types";

/**
 * The priced server-side cart as a protocol-neutral punchout cart. Prices come from the pricing
 * module (via PricedCart), never from the browser. `newReference` makes the opaque per-line
 * reference the snapshot stores and the buyer system echoes in its purchase order.
 */
export function toPunchoutCart(
  cart: PricedCart,
  options: {
    language: string;
    newReference: () => string;
    categoryCodes: Map<number, string>;
    /** The shop's origin for photo and document links (APP_URL); without it items carry no imageUrl and no documents. */
    imageBaseUrl: string | null;
    /** The cart's products' documents by product id (listProductDocumentsOf: one statement for the whole cart). */
    documents: ReadonlyMap<number, readonly ProductDocumentInfo[]>;
  },
): PunchoutCart {
  const base = options.imageBaseUrl?.replace(/\/$/, "") ?? null;
  const documentsOf = (productId: number, sku: string): PunchoutDocument[] =>
    base === null
      ? []
      : orderDocumentsForReader(options.documents.get(productId) ?? [], options.language).map((document) => ({
          key: document.key,
          kind: document.kind,
          title: document.title,
          url: base + productDocumentPath(sku, document.key, document.fileName),
          fileName: document.fileName,
          byteSize: document.byteSize,
          language: document.language,
        }));
  const items = cart.lines.map((line) => ({
    lineReference: options.newReference(),
    sku: line.product.sku,
    buyerPartNumber: line.customerArticleNumber,
    productKey: line.product.sku,
    description: line.product.name,
    longText: line.product.description,
    language: options.language,
    quantity: line.quantity,
    unit: line.product.unit,
    unitPriceMinor: line.unitPriceMinor,
    priceBasisQuantity: 1,
    currency: line.product.currency,
    vatRateBasisPoints: line.product.vatRateBasisPoints,
    leadTimeDays: line.product.leadTimeDays,
    manufacturerName: line.product.manufacturer,
    manufacturerPartNumber: line.product.manufacturerPartNumber,
    gtin: line.product.gtin,
    unspsc: line.product.unspsc,
    categoryCode: options.categoryCodes.get(line.product.categoryId) ?? null,
    brand: line.product.brand,
    imageUrl: base && line.product.imageKey ? base + productImagePath(line.product.sku, line.product.imageKey, "large") : null,
    attributes: line.product.attributes,
    quote: line.quote?.verdict.applies ? { number: line.quote.quoteNumber, item: line.quote.quoteLineNumber } : null,
    documents: documentsOf(line.product.id, line.product.sku),
  }));
  return { items, currency: cart.currency, totalMinor: cart.totals.subtotalMinor };
}
