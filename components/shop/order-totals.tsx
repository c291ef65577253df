import { getTranslations } from "next-intl/server";
import { money, percent } from "@/lib/format";
import type { PricedCart } from "@/lib/cart/priced-cart";
import type { Locale } from "@/lib/i18n/locales";

/**
 * Totals of a cart or order. `delivery` (cart, checkout: the customer has delivery terms) shows the
 * items and the delivery charge above the subtotal, "free" when waived, and how much more makes it
 * free; an order passes just its charge, shown when there was one.
 */
export async function OrderTotals({
  subtotalMinor,
  totalMinor,
  breakdown,
  locale,
  delivery,
}: {
  subtotalMinor: number;
  totalMinor: number;
  breakdown: { vatRateBasisPoints: number; taxableMinor: number; vatMinor: number }[];
  locale: Locale;
  delivery?: { chargeMinor: number; missingForFreeMinor?: number | null; charged?: boolean };
}) {
  const t = await getTranslations("cart");
  const showDelivery = delivery !== undefined && (delivery.chargeMinor > 0 || delivery.charged === true);
  return (
    <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-y-1 text-sm" data-testid="totals">
      {showDelivery && (
        <>
          <dt>{t("goods")}</dt>
          <dd className="text-right">{money(subtotalMinor - delivery.chargeMinor, locale)}</dd>
          <dt>{t("delivery")}</dt>
          <dd className="text-right" data-testid="delivery-charge">
            {delivery.chargeMinor > 0 ? money(delivery.chargeMinor, locale) : t("deliveryFree")}
          </dd>
        </>
      )}
      <dt>{t("subtotal")}</dt>
      <dd className="text-right">{money(subtotalMinor, locale)}</dd>
      {breakdown.map((row) => (
        <div key={row.vatRateBasisPoints} className="contents">
          <dt className="text-slate-600">
            {t("vatAt", { rate: percent(row.vatRateBasisPoints, locale) })} ({money(row.taxableMinor, locale)})
          </dt>
          <dd className="text-right text-slate-600">{money(row.vatMinor, locale)}</dd>
        </div>
      ))}
      <dt className="border-t border-slate-200 pt-1 font-semibold">{t("total")}</dt>
      <dd className="border-t border-slate-200 pt-1 text-right font-semibold" data-testid="grand-total">
        {money(totalMinor, locale)}
      </dd>
      {showDelivery && delivery.missingForFreeMinor ? (
        <dd className="col-span-2 mt-1 rounded-md bg-sky-50 px-3 py-2 text-sky-900" data-testid="free-delivery-hint">
          {t("freeDeliveryHint", { amount: money(delivery.missingForFreeMinor, locale) })}
        </dd>
      ) : null}
    </dl>
  );
}

/** A priced cart's totals with its delivery charge ("free" once waived under the customer's terms). */
export function CartTotals({ cart, locale }: { cart: Pick<PricedCart, "totals" | "delivery">; locale: Locale }) {
  return (
    <OrderTotals
      subtotalMinor={cart.totals.subtotalMinor}
      totalMinor={cart.totals.totalMinor}
      breakdown={cart.totals.breakdown}
      locale={locale}
      delivery={{ chargeMinor: cart.delivery.chargeMinor, missingForFreeMinor: cart.delivery.missingForFreeMinor, charged: cart.delivery.terms.chargeMinor > 0 }}
    />
  );
}
