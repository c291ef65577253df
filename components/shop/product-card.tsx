import type { ActionState } from "@/lib/actions/safe-action";
import type { ProductView } from "@/lib/catalog/priced-product";
import type { Locale } from "@/lib/i18n/locales";
import { addToListAction, loadEditableListsAction } from "@/app/(shop)/favorites/actions";
import { priceLabels, toProductCardData, type CatalogTranslator } from "./product-card-data";
import { ProductCards } from "./product-cards";

/**
 * The products of a listing or search page (synchronous: the page passes its "catalog" translator).
 * The cards are one client island fed with small, pre-translated objects: as server components
 * every card's element tree (with its class names) travelled in the RSC payload, ~1.7 KB each.
 */
export function ProductGrid({
  products,
  locale,
  addToCartAction,
  t,
}: {
  products: ProductView[];
  locale: Locale;
  addToCartAction: ((state: ActionState, formData: FormData) => Promise<ActionState>) | null;
  t: CatalogTranslator;
}) {
  return (
    <ProductCards
      cards={products.map((product) => toProductCardData(product, locale, t))}
      labels={priceLabels(t)}
      addToCartAction={addToCartAction}
      addToListAction={addToListAction}
      loadLists={loadEditableListsAction}
    />
  );
}
