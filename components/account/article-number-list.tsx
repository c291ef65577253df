import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/shop/pagination";
import { ARTICLE_NUMBERS_PAGE_SIZE, type ArticleNumberRow } from "@/lib/account/article-numbers";
import { toQueryString } from "@/lib/admin/search-params";
import { dateText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { productName } from "@/lib/catalog/product-name";

/**
 * A company's own article numbers, searchable, paged, with the CSV export: the same list in My account
 * and on the customer's page in /admin (`basePath` is either page; the export is `${basePath}/export`).
 */
export async function ArticleNumberList({
  items,
  total,
  query,
  page,
  basePath,
  numberHeader,
  locale,
}: {
  items: ArticleNumberRow[];
  total: number;
  query: string;
  page: number;
  basePath: string;
  numberHeader: string;
  locale: Locale;
}) {
  const t = await getTranslations("account.articleNumbers");
  const cell = "border-b border-slate-100 px-2 py-2";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form className="flex gap-2" role="search">
          <input name="q" defaultValue={query} type="search" aria-label={t("search")} placeholder={t("searchPlaceholder")} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            {t("search")}
          </button>
        </form>
        {total > 0 && (
          <a href={`${basePath}/export`} className="text-sm text-brand-700 underline">
            {t("export")}
          </a>
        )}
      </div>
      <p className="text-sm text-slate-600" data-testid="article-number-count">
        {t("count", { count: total })}
      </p>
      {items.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
                <th className="px-2 py-2">{numberHeader}</th>
                <th className="px-2 py-2">{t("skuHeader")}</th>
                <th className="px-2 py-2">{t("productHeader")}</th>
                <th className="px-2 py-2">{t("changedHeader")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.productId} data-testid="article-number-row">
                  <td className={`${cell} font-mono`}>{row.articleNumber}</td>
                  <td className={`${cell} font-mono`}>
                    <Link href={`/products/${encodeURIComponent(row.sku)}`} className="text-brand-700 underline">
                      {row.sku}
                    </Link>
                  </td>
                  <td className={cell}>{productName(row, locale)}</td>
                  <td className={`${cell} text-slate-500`}>{dateText(row.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pages={Math.max(1, Math.ceil(total / ARTICLE_NUMBERS_PAGE_SIZE))}
        hrefFor={(p) => `${basePath}${toQueryString({ q: query, page: p })}`}
      />
    </div>
  );
}
