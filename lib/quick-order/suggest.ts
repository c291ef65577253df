import "server-only";
import { suggestProducts, type ProductSuggestion } from "@/lib/data/cart-bulk";
import { toPrefixTsQuery } from "@/lib/data/catalog";
import { suggestByArticleNumberPrefix } from "@/lib/data/customer-article-numbers";
import type { Locale } from "@/lib/i18n/locales";
import { contractAssortmentFilter, type Assortment } from "@/lib/catalog/assortment";
import { productName } from "@/lib/catalog/product-name";

export interface QuickOrderSuggestion {
  sku: string;
  name: string;
  gtin: string | null;
  unit: string;
  /** With contentUnit, what one unit holds: shown as "per pak à 250 vel" (lib/catalog/pack-text.ts). */
  packSize: number;
  contentUnit: string | null;
  minOrderQuantity: number;
  orderMultiple: number;
  /** The customer's own article number, when the suggestion came from it. */
  ownNumber: string | null;
}

const LIMIT = 8;

/**
 * Autocomplete for a quick-order row: the company's own article numbers that start with what was
 * typed (when it keeps any), then our SKU or GTIN prefix and product names (lib/data/cart-bulk.ts).
 */
export async function suggestQuickOrderProducts(
  query: string,
  locale: Locale,
  company: { companyId: number; companyKeepsArticleNumbers?: boolean; companyAssortment?: Assortment },
  now: Date,
): Promise<QuickOrderSuggestion[]> {
  const text = query.trim().slice(0, 64);
  // A contract-assortment customer is offered only what it may order.
  const contract = contractAssortmentFilter(company.companyAssortment, company.companyId, now);
  const [owned, rows] = await Promise.all([
    text.length >= 2 && company.companyKeepsArticleNumbers !== false ? suggestByArticleNumberPrefix(company.companyId, text, LIMIT, contract?.day) : [],
    suggestProducts(query, toPrefixTsQuery(query), LIMIT, contract),
  ]);
  const toSuggestion = ({ nameNl, nameEn, ...rest }: ProductSuggestion, ownNumber: string | null): QuickOrderSuggestion => ({
    ...rest,
    name: productName({ nameNl, nameEn }, locale),
    ownNumber,
  });
  const seen = new Set(owned.map((o) => o.sku));
  return [
    ...owned.map(({ articleNumber, ...product }) => toSuggestion(product, articleNumber)),
    ...rows.filter((row) => !seen.has(row.sku)).map((row) => toSuggestion(row, null)),
  ].slice(0, LIMIT);
}
