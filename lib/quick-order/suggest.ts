import "server-only";
import { suggestProducts, type ProductSuggestion } from "@/lib/data/cart-bulk";
import { listProductsByIds, toPrefixTsQuery } from "@/lib/data/catalog";
import { productIdsByArticleNumberPrefix } from "@/lib/data/customer-article-numbers";
import type { Locale } from "@/lib/i18n/locales";

export interface QuickOrderSuggestion {
  sku: string;
  name: string;
  gtin: string | null;
  unit: string;
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
  company: { companyId: number; companyKeepsArticleNumbers?: boolean },
): Promise<QuickOrderSuggestion[]> {
  const text = query.trim().slice(0, 64);
  const [owned, rows] = await Promise.all([
    text.length >= 2 && company.companyKeepsArticleNumbers !== false ? productIdsByArticleNumberPrefix(company.companyId, text, LIMIT) : [],
    suggestProducts(query, toPrefixTsQuery(query), LIMIT),
  ]);
  const ownProducts = new Map((await listProductsByIds(owned.map((o) => o.productId))).map((p) => [p.id, p]));
  const name = (row: { nameNl: string; nameEn: string }) => (locale === "en" ? row.nameEn : row.nameNl);
  const fromOwn = owned.flatMap(({ productId, articleNumber }): QuickOrderSuggestion[] => {
    const p = ownProducts.get(productId);
    return p ? [{ sku: p.sku, name: name(p), gtin: p.gtin, unit: p.unit, minOrderQuantity: p.minOrderQuantity, orderMultiple: p.orderMultiple, ownNumber: articleNumber }] : [];
  });
  const seen = new Set(fromOwn.map((s) => s.sku));
  const fromCatalog = rows
    .filter((row: ProductSuggestion) => !seen.has(row.sku))
    .map(({ nameNl, nameEn, ...rest }) => ({ ...rest, name: name({ nameNl, nameEn }), ownNumber: null }));
  return [...fromOwn, ...fromCatalog].slice(0, LIMIT);
}
