import Link from "next/link";
import type { ActionState } from "@/lib/actions/safe-action";
import type { ProductView } from "@/lib/catalog/priced-product";
import type { Locale } from "@/lib/i18n/locales";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { addToListAction, loadEditableListsAction } from "@/app/(shop)/favorites/actions";
import { SaveToList } from "@/components/account/save-to-list";
import { AddToCartForm } from "./add-to-cart-form";
import { PriceBlock, type CatalogTranslator } from "./price-block";
import { StockBadge } from "./stock-badge";

/** One product of a listing; synchronous (the page passes its "catalog" translator), 24 per page. */
export function ProductCard({
  product,
  locale,
  addToCartAction,
  t,
}: {
  product: ProductView;
  locale: Locale;
  addToCartAction: ((state: ActionState, formData: FormData) => Promise<ActionState>) | null;
  t: CatalogTranslator;
}) {
  const href = `/products/${encodeURIComponent(product.sku)}`;
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="product-card" data-sku={product.sku}>
      <Link href={href} className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- generated SVG placeholder, nothing to optimise */}
        <img src={`/product-images/${encodeURIComponent(product.sku)}`} alt="" width={160} height={120} className="mx-auto h-28 w-auto" loading="lazy" />
        <h3 className="mt-3 line-clamp-2 min-h-10 text-sm font-medium text-slate-900 hover:text-brand-700">{product.name}</h3>
      </Link>
      <p className="mt-1 text-xs text-slate-500">
        {product.brand} · {product.sku}
      </p>
      <div className="mt-2">
        <StockBadge stock={product.stock} leadTimeDays={product.leadTimeDays} t={t} />
      </div>
      {(product.minOrderQuantity > 1 || product.orderMultiple > 1) && (
        <p className="text-xs text-slate-500">{t("minOrder", { min: product.minOrderQuantity, multiple: product.orderMultiple })}</p>
      )}
      <div className="mt-auto space-y-2 pt-3">
        <PriceBlock price={product.price} unit={product.unit} locale={locale} loginReturnTo={href} t={t} />
        {product.price && addToCartAction && (
          <AddToCartForm
            sku={product.sku}
            defaultQuantity={smallestValidQuantity(product)}
            minOrderQuantity={product.minOrderQuantity}
            orderMultiple={product.orderMultiple}
            action={addToCartAction}
            compact
          />
        )}
        {product.price && addToCartAction && (
          <SaveToList
            sku={product.sku}
            productName={product.name}
            defaultQuantity={smallestValidQuantity(product)}
            action={addToListAction}
            loadLists={loadEditableListsAction}
            compact
          />
        )}
      </div>
    </article>
  );
}

export function ProductGrid({ children }: { children: React.ReactNode }) {
  return <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">{children}</div>;
}
