import type { Locale } from "@/lib/i18n/locales";

/**
 * A product's name in a language. The English name may be left empty (admin form, product API): it is
 * stored empty, so a catalog export or a translator can see it is missing, and English readers get the
 * Dutch name meanwhile, which stays current as it is edited. Every place that shows a product's name
 * by language asks this (shop, cart, punchout carts, mails, back office, catalog exports). Pure.
 */
export function productName(product: { nameNl: string; nameEn: string }, locale: Locale): string {
  return locale === "en" && product.nameEn.trim() !== "" ? product.nameEn : product.nameNl;
}
