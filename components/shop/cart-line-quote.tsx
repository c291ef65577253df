import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { unitName } from "@/lib/catalog/unit-names";
import type { Locale } from "@/lib/i18n/locales";

/** What a cart line knows of the quote it came from (lib/cart/priced-cart.ts CartLineQuote). */
export interface CartLineQuoteProps {
  quoteNumber: string;
  quotedQuantity: number;
  verdict: { applies: true; unitPriceMinor: number } | { applies: false; reason: "expired" | "quantity_changed" | "not_accepted" | "other_customer" };
}

/** The quote props for a line's quantity controls (CartLineControls `quote`): set while the quote holds the line's quantity. */
export function quoteLock(quote: (CartLineQuoteProps & { lockedQuantity: number | null }) | null, unit: string, locale: Locale) {
  return quote && quote.lockedQuantity !== null
    ? { number: quote.quoteNumber, lockedQuantity: quote.lockedQuantity, unit: unitName(unit, locale, quote.lockedQuantity) }
    : null;
}

/**
 * The quote badge under a cart line. When the quoted price does not apply (any more) the line is
 * priced like any other, and the buyer is told why, so a price jump is never a surprise at checkout.
 */
export async function CartLineQuote({
  quote,
  unit,
  locale,
  quantityWarnedElsewhere = false,
}: {
  quote: CartLineQuoteProps;
  /** The product's unit code. */
  unit: string;
  locale: Locale;
  /** The line's controls warn of a changed quantity, with the way back (CartLineControls): not said twice. */
  quantityWarnedElsewhere?: boolean;
}) {
  const t = await getTranslations("cart.quote");
  const { verdict } = quote;
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid="cart-line-quote" data-quote={quote.quoteNumber} data-applies={verdict.applies}>
      <Link href={`/account/quotes/${encodeURIComponent(quote.quoteNumber)}`} className="inline-block rounded bg-brand-100 px-2 py-0.5 font-medium text-brand-900 hover:underline">
        {t("badge", { number: quote.quoteNumber })}
      </Link>
      {!verdict.applies && !(verdict.reason === "quantity_changed" && quantityWarnedElsewhere) && (
        <div className="rounded-md bg-amber-50 px-2 py-1 text-amber-900" data-testid="cart-line-quote-note">
          {verdict.reason === "expired"
            ? t("expired")
            : verdict.reason === "quantity_changed"
              ? t("quantity_changed", { quantity: quote.quotedQuantity, unit: unitName(unit, locale, quote.quotedQuantity) })
              : t("not_valid")}
        </div>
      )}
    </div>
  );
}
