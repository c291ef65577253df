import "server-only";
import type { ProductRow } from "@/lib/data/catalog";
import { articleNumbersForProducts } from "@/lib/data/customer-article-numbers";
import { listContractCandidates } from "@/lib/data/prices";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { resolvePrice, type PriceSource, type PriceTierStep } from "@/lib/pricing/resolve-price";
import type { Locale } from "@/lib/i18n/locales";
import { inAssortment, type Assortment } from "./assortment";
import { productDescription } from "./product-description";
import { productName } from "@/lib/catalog/product-name";

/** What the shop UI shows of a product: localized, and priced for the customer when there is one. */
export interface ProductView {
  id: number;
  sku: string;
  name: string;
  description: string;
  brand: string;
  manufacturer: string;
  manufacturerPartNumber: string;
  gtin: string | null;
  unspsc: string | null;
  unit: string;
  packSize: number;
  /** What the pack size counts (a unit code), or null: not said (lib/catalog/pack-text.ts). */
  contentUnit: string | null;
  minOrderQuantity: number;
  orderMultiple: number;
  leadTimeDays: number;
  stock: number;
  vatRateBasisPoints: number;
  currency: string;
  attributes: Record<string, string>;
  categoryId: number;
  /** The main photo's key (lib/catalog/product-image.ts), or null: a placeholder is shown. */
  imageKey: string | null;
  /** Null for anonymous visitors: Koppel is a closed B2B shop. */
  price: ProductPrice | null;
  /** The customer's own article number for it, if their company keeps one. */
  customerArticleNumber?: string | null;
  /**
   * False when the customer's assortment is its contract and no price list of it prices the product
   * today (lib/catalog/assortment.ts): shown where it is asked for by name, never orderable. Always
   * true for anonymous visitors and customers who see the whole catalogue.
   */
  inAssortment: boolean;
}

export interface ProductPrice {
  /** Net unit price at the smallest orderable quantity. */
  unitPriceMinor: number;
  listPriceMinor: number;
  source: PriceSource;
  tiers: PriceTierStep[];
}

export function localizeProduct(product: ProductRow, locale: Locale): Omit<ProductView, "price" | "inAssortment"> {
  return {
    id: product.id,
    sku: product.sku,
    name: productName(product, locale),
    description: productDescription(product, locale),
    brand: product.brand,
    manufacturer: product.manufacturer,
    manufacturerPartNumber: product.manufacturerPartNumber,
    gtin: product.gtin,
    unspsc: product.unspsc,
    unit: product.unit,
    packSize: product.packSize,
    contentUnit: product.contentUnit,
    minOrderQuantity: product.minOrderQuantity,
    orderMultiple: product.orderMultiple,
    leadTimeDays: product.leadTimeDays,
    stock: product.stock,
    vatRateBasisPoints: product.vatRateBasisPoints,
    currency: product.currency,
    attributes: product.attributes,
    categoryId: product.categoryId,
    imageKey: product.imageKey,
  };
}

/**
 * What showing products to a customer reads besides the products: every contract-price candidate, and
 * — unless the company is known to keep none (UserRecord.companyKeepsArticleNumbers) — the company's
 * own article numbers, in parallel: one round trip each for the whole page or cart.
 */
export async function customerProductInputs(
  companyId: number,
  productIds: number[],
  companyKeepsArticleNumbers: boolean | undefined,
): Promise<{ candidates: Awaited<ReturnType<typeof listContractCandidates>>; articleNumbers: Map<number, string> }> {
  const [candidates, articleNumbers] = await Promise.all([
    listContractCandidates(companyId, productIds),
    companyKeepsArticleNumbers === false ? new Map<number, string>() : articleNumbersForProducts(companyId, productIds),
  ]);
  return { candidates, articleNumbers };
}

export interface ProductViewOptions {
  /** Null: an anonymous visitor (no prices). */
  companyId: number | null;
  locale: Locale;
  now: Date;
  companyKeepsArticleNumbers?: boolean;
  /** The customer's assortment (UserRecord.companyAssortment); absent: the whole catalogue. */
  assortment?: Assortment;
}

/**
 * Localizes and prices a page of products for a customer: one query for all contract prices of
 * the page (and one, alongside, for the customer's own article numbers), then the pricing module
 * per product. Anonymous (companyId null) gets no prices.
 */
export async function toProductViews(
  rows: ProductRow[],
  options: ProductViewOptions,
): Promise<ProductView[]> {
  if (options.companyId === null) return rows.map((row) => ({ ...localizeProduct(row, options.locale), price: null, inAssortment: true }));
  const { candidates, articleNumbers } = await customerProductInputs(options.companyId, rows.map((row) => row.id), options.companyKeepsArticleNumbers);
  return rows.map((row) => {
    const rowCandidates = candidates.get(row.id) ?? [];
    const resolved = resolvePrice({
      product: row,
      candidates: rowCandidates,
      quantity: smallestValidQuantity(row),
      now: options.now,
    });
    return {
      ...localizeProduct(row, options.locale),
      price: resolved,
      customerArticleNumber: articleNumbers.get(row.id) ?? null,
      inAssortment: inAssortment(options.assortment, rowCandidates, options.now, row.currency),
    };
  });
}

/**
 * The ids of those products that lie outside the customer's assortment today (lib/catalog/assortment.ts).
 * No query unless the assortment is `contract`: the many customers who see everything pay nothing.
 */
export async function productsOutsideAssortment(
  customer: { companyId: number; assortment?: Assortment },
  products: readonly { id: number; currency: string }[],
  now: Date,
): Promise<Set<number>> {
  if (customer.assortment !== "contract" || products.length === 0) return new Set();
  const candidates = await listContractCandidates(customer.companyId, products.map((product) => product.id));
  return new Set(products.filter((product) => !inAssortment(customer.assortment, candidates.get(product.id) ?? [], now, product.currency)).map((product) => product.id));
}
