import Link from "next/link";
import type { getTranslations } from "next-intl/server";
import type { ProductPrice } from "@/lib/catalog/priced-product";
import { money } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

/** The "catalog" translator of the request: passed in, so 24 cards do not each await getTranslations. */
export type CatalogTranslator = Awaited<ReturnType<typeof getTranslations<"catalog">>>;

/** Net price with its origin; for anonymous visitors an invitation to sign in instead. */
export function PriceBlock({
  price,
  unit,
  locale,
  loginReturnTo,
  size = "md",
  t,
}: {
  price: ProductPrice | null;
  unit: string;
  locale: Locale;
  loginReturnTo: string;
  size?: "md" | "lg";
  t: CatalogTranslator;
}) {
  if (!price) {
    return (
      <Link href={`/login?callbackUrl=${encodeURIComponent(loginReturnTo)}`} className="text-sm font-medium text-brand-700 underline">
        {t("signInForPrices")}
      </Link>
    );
  }
  const isContract = price.source.kind === "contract" || price.source.kind === "contract_tier";
  return (
    <div data-testid="price">
      <div className="flex items-baseline gap-2">
        <span className={`${size === "lg" ? "text-3xl" : "text-lg"} font-semibold`}>{money(price.unitPriceMinor, locale)}</span>
        <span className="text-xs text-slate-500">
          {t("perUnit", { unit })} · {t("exclVat")}
        </span>
      </div>
      {isContract && (
        <div className="flex items-center gap-2 text-xs">
          <span className="rounded bg-brand-100 px-1.5 py-0.5 font-medium text-brand-900">{t("contractPrice")}</span>
          {price.listPriceMinor > price.unitPriceMinor && (
            <span className="text-slate-500 line-through" aria-label={t("listPrice")}>
              {money(price.listPriceMinor, locale)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
