import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ArticleNumberForm, ArticleNumberImport } from "@/components/account/article-number-forms";
import { Pagination } from "@/components/shop/pagination";
import { ARTICLE_NUMBERS_PAGE_SIZE, canManageArticleNumbers, listCompanyArticleNumbers } from "@/lib/account/article-numbers";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { importArticleNumbersAction, saveArticleNumberAction } from "./actions";

export const metadata = { title: "Article numbers" };

export default async function ArticleNumbersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/article-numbers");
  const params = await searchParams;
  const query = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const [t, { locale }, { items, total }] = await Promise.all([getTranslations("account.articleNumbers"), getShopContext(), listCompanyArticleNumbers(buyer, { query, page })]);
  const manage = canManageArticleNumbers(buyer);
  const pages = Math.max(1, Math.ceil(total / ARTICLE_NUMBERS_PAGE_SIZE));
  const hrefFor = (p: number) => `/account/article-numbers?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form className="flex gap-2" role="search">
          <label className="sr-only" htmlFor="article-number-search">
            {t("search")}
          </label>
          <input id="article-number-search" name="q" defaultValue={query} type="search" placeholder={t("searchPlaceholder")} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            {t("search")}
          </button>
        </form>
        {total > 0 && (
          <a href="/account/article-numbers/export" className="text-sm text-brand-700 underline">
            {t("export")}
          </a>
        )}
      </div>
      <p className="text-sm text-slate-600" data-testid="article-number-count">
        {t("count", { count: total })}
      </p>
      {items.length > 0 && (
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
              <th className="px-2 py-2">{t("numberHeader")}</th>
              <th className="px-2 py-2">{t("skuHeader")}</th>
              <th className="px-2 py-2">{t("productHeader")}</th>
              <th className="px-2 py-2">{t("changedHeader")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr key={row.productId} className="border-b border-slate-100" data-testid="article-number-row">
                <td className="px-2 py-2 font-mono">{row.articleNumber}</td>
                <td className="px-2 py-2 font-mono">
                  <Link href={`/products/${encodeURIComponent(row.sku)}`} className="text-brand-700 underline">
                    {row.sku}
                  </Link>
                </td>
                <td className="px-2 py-2">{locale === "en" ? row.nameEn : row.nameNl}</td>
                <td className="px-2 py-2 text-slate-500">{dateText(row.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} hrefFor={hrefFor} />
      {manage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">{t("singleTitle")}</h2>
            <ArticleNumberForm action={saveArticleNumberAction} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">{t("importTitle")}</h2>
            <ArticleNumberImport action={importArticleNumbersAction} />
          </section>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("onlyAdmins")}</p>
      )}
    </div>
  );
}
