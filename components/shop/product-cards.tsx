"use client";

import Link from "next/link";
import { useId } from "react";
import type { ActionState } from "@/lib/actions/safe-action";
import { SaveToList, type ListOption } from "@/components/account/save-to-list";
import { AddToCartForm } from "./add-to-cart-form";
import { PriceBlock, type PriceLabels, type PriceView } from "./price-block";
import { StockBadge } from "./stock-badge";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * What a product card shows, already translated and formatted by the server (product-card.tsx):
 * a listing sends 24 of these small objects instead of 24 rendered element trees.
 */
export interface ProductCardData {
  id: number;
  sku: string;
  name: string;
  brand: string;
  /** The main photo's thumbnail, or the generated placeholder. */
  imagePath: string;
  /** "12 op voorraad" / "Niet op voorraad – levering in 3 dagen". */
  stock: string;
  inStock: boolean;
  /** Minimum / multiple note, only when one of them is above 1. */
  minOrder: string | null;
  /** Null for anonymous visitors (sign-in link instead). */
  price: PriceView | null;
  /** "Uw nr. 100-2045": the customer's own article number, when their company keeps one. */
  ownNumber: string | null;
  defaultQuantity: number;
  minOrderQuantity: number;
  orderMultiple: number;
}

/**
 * The product grid of a listing or search page: one client island for all cards (with the add-to-cart
 * and save-to-list controls), rendered on the server as before; PriceBlock and StockBadge are the
 * product page's too.
 */
export function ProductCards({
  cards,
  labels,
  addToCartAction,
  addToListAction,
  loadLists,
}: {
  cards: ProductCardData[];
  labels: PriceLabels;
  /** Null when the cart cannot be changed (anonymous, or a read-only punchout inspect session). */
  addToCartAction: Action | null;
  addToListAction: Action;
  loadLists: () => Promise<ListOption[]>;
}) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {cards.map((card) => (
        <ProductCard key={card.id} card={card} labels={labels} addToCartAction={addToCartAction} addToListAction={addToListAction} loadLists={loadLists} />
      ))}
    </div>
  );
}

function ProductCard({
  card,
  labels,
  addToCartAction,
  addToListAction,
  loadLists,
}: {
  card: ProductCardData;
  labels: PriceLabels;
  addToCartAction: Action | null;
  addToListAction: Action;
  loadLists: () => Promise<ListOption[]>;
}) {
  const href = `/products/${encodeURIComponent(card.sku)}`;
  const { price } = card;
  // The card's name describes its quantity field and button: 24 times "In winkelwagen" says which product each time.
  const nameId = useId();
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="product-card" data-sku={card.sku}>
      <Link href={href} className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails are sized WebP already (lib/catalog/product-image.ts) */}
        <img src={card.imagePath} alt="" width={160} height={120} className="mx-auto h-28 w-auto object-contain" loading="lazy" />
        <h3 id={nameId} className="mt-3 line-clamp-2 min-h-10 text-sm font-medium text-slate-900 hover:text-brand-700">
          {card.name}
        </h3>
      </Link>
      <p className="mt-1 text-xs text-slate-500">
        {card.brand} · {card.sku}
      </p>
      {card.ownNumber !== null && (
        <p className="text-xs font-medium text-slate-700" data-testid="own-article-number">
          {card.ownNumber}
        </p>
      )}
      <div className="mt-2">
        <StockBadge text={card.stock} inStock={card.inStock} />
      </div>
      {card.minOrder !== null && <p className="text-xs text-slate-500">{card.minOrder}</p>}
      <div className="mt-auto space-y-2 pt-3">
        <PriceBlock price={price} labels={labels} loginReturnTo={href} />
        {price && addToCartAction && (
          <AddToCartForm
            sku={card.sku}
            minOrderQuantity={card.minOrderQuantity}
            orderMultiple={card.orderMultiple}
            action={addToCartAction}
            compact
            describedBy={nameId}
          />
        )}
        {price && addToCartAction && (
          <SaveToList sku={card.sku} productName={card.name} defaultQuantity={card.defaultQuantity} action={addToListAction} loadLists={loadLists} compact />
        )}
      </div>
    </article>
  );
}
