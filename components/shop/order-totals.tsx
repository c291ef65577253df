import { getTranslations } from "next-intl/server";
import { money, percent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

export async function OrderTotals({
  subtotalMinor,
  totalMinor,
  breakdown,
  locale,
}: {
  subtotalMinor: number;
  totalMinor: number;
  breakdown: { vatRateBasisPoints: number; taxableMinor: number; vatMinor: number }[];
  locale: Locale;
}) {
  const t = await getTranslations("cart");
  return (
    <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-y-1 text-sm" data-testid="totals">
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
    </dl>
  );
}
