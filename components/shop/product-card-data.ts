import type { ProductView } from "@/lib/catalog/priced-product";
import type { Locale } from "@/lib/i18n/locales";
import { quantityRuleHint, smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { productCardImagePath } from "@/lib/catalog/product-image-path";
import { packPhrase } from "@/lib/catalog/pack-text";
import { money } from "@/lib/format";
import type { getTranslations } from "next-intl/server";
import type { PriceLabels } from "./price-block";
import type { ProductCardData } from "./product-cards";

/** The "catalog" translator of the request: passed in, so 24 cards do not each await getTranslations. */
export type CatalogTranslator = Awaited<ReturnType<typeof getTranslations<"catalog">>>;

/**
 * The cards' texts with a number or unit in them ("1.705 op voorraad", "per pak", "Minimaal 10, per 5")
 * by locale, message and values: the same few hundred strings come back on every page, and ICU
 * formatting them (next-intl builds its message formats per request) took ~3 % of a listing's CPU.
 * The messages are static per locale; in development they are not remembered (edited messages).
 */
const cardTexts = new Map<string, string>();
const CARD_TEXTS_MAX = 5_000;

function cardText(locale: Locale, key: string, values: (string | number)[], translate: () => string): string {
  if (process.env.NODE_ENV !== "production") return translate();
  const id = `${locale}\u0000${key}\u0000${values.join("\u0000")}`;
  let text = cardTexts.get(id);
  if (text === undefined) {
    if (cardTexts.size >= CARD_TEXTS_MAX) cardTexts.clear();
    text = translate();
    cardTexts.set(id, text);
  }
  return text;
}

/** What one card (or the product page) shows, translated and formatted here; the components only lay it out. */
export function toProductCardData(product: ProductView, locale: Locale, t: CatalogTranslator): ProductCardData {
  const { price, stock, leadTimeDays, unit, packSize, contentUnit } = product;
  const rule = quantityRuleHint(product);
  const isContract = price !== null && (price.source.kind === "contract" || price.source.kind === "contract_tier");
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    imagePath: productCardImagePath(product),
    stock:
      stock > 0
        ? cardText(locale, "inStock", [stock], () => t("inStock", { count: stock }))
        : cardText(locale, "outOfStock", [leadTimeDays], () => t("outOfStock", { days: leadTimeDays })),
    inStock: stock > 0,
    minOrder: rule ? cardText(locale, "minOrder", [rule.min, rule.multiple], () => t("minOrder", rule)) : null,
    ownNumber: product.customerArticleNumber ? t("yourNumber", { number: product.customerArticleNumber }) : null,
    price: price && {
      amount: money(price.unitPriceMinor, locale),
      // "per pak à 250 vel" when the product says what its pack holds, else "per pak".
      perUnit: cardText(locale, "perUnit", [unit, packSize, contentUnit ?? ""], () => t("perUnit", { unit: packPhrase(product, locale) })),
      contract: isContract,
      listAmount: isContract && price.listPriceMinor > price.unitPriceMinor ? money(price.listPriceMinor, locale) : null,
    },
    defaultQuantity: smallestValidQuantity(product),
    minOrderQuantity: product.minOrderQuantity,
    orderMultiple: product.orderMultiple,
  };
}

/** The texts all price blocks share, sent once per page. */
export function priceLabels(t: CatalogTranslator): PriceLabels {
  return { signInForPrices: t("signInForPrices"), exclVat: t("exclVat"), contractPrice: t("contractPrice"), listPrice: t("listPrice") };
}
