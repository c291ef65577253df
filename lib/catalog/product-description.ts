import type { Locale } from "@/lib/i18n/locales";

/**
 * A product's description in a language. The English one may be left empty (admin form, product
 * API): English readers then get the Dutch one, which stays current as it is edited — as an empty
 * English name shows the Dutch name. Pure: the shop, punchout carts and catalog exports use it alike.
 */
export function productDescription(product: { descriptionNl: string; descriptionEn: string }, locale: Locale): string {
  return locale === "en" && product.descriptionEn.trim() !== "" ? product.descriptionEn : product.descriptionNl;
}
