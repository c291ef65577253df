import "server-only";
import { suggestProducts, type ProductSuggestion } from "@/lib/data/cart-bulk";
import { toPrefixTsQuery } from "@/lib/data/catalog";
import type { Locale } from "@/lib/i18n/locales";

export interface QuickOrderSuggestion {
  sku: string;
  name: string;
  gtin: string | null;
  unit: string;
  minOrderQuantity: number;
  orderMultiple: number;
}

export async function suggestQuickOrderProducts(query: string, locale: Locale): Promise<QuickOrderSuggestion[]> {
  const rows: ProductSuggestion[] = await suggestProducts(query, toPrefixTsQuery(query), 8);
  return rows.map(({ nameNl, nameEn, ...rest }) => ({ ...rest, name: locale === "en" ? nameEn : nameNl }));
}
