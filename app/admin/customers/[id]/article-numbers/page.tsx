import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ArticleNumberForm, ArticleNumberImport } from "@/components/account/article-number-forms";
import { Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { ARTICLE_NUMBERS_PAGE_SIZE } from "@/lib/account/article-numbers";
import { listCustomerArticleNumbers } from "@/lib/admin/customer-article-numbers";
import { customerForPage } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { dateText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { importCustomerArticleNumbersAction, saveCustomerArticleNumberAction } from "./actions";

export const metadata = { title: "Artikelnummers klant" };

export default async function CustomerArticleNumbersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string; page?: string }> }) {
  await connection();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const staff = await requireStaff(`/admin/customers/${id}/article-numbers`);
  const company = await customerForPage(staff, id);
  const query = typeof search.q === "string" ? search.q.slice(0, 100) : "";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(search.page ?? "1", 10) || 1));
  const [t, ta, locale, { items, total }] = await Promise.all([
    getTranslations("admin.customerArticleNumbers"),
    getTranslations("account.articleNumbers"),
    getLocale().then(toLocale),
    listCustomerArticleNumbers(staff, company.id, { query, page }),
  ]);
  const base = `/admin/customers/${company.id}/article-numbers`;
  const hidden = { companyId: String(company.id) };
  return (
    <div className="space-y-6">
      <Card title={t("heading", { count: total })}>
        <p className="mb-3 text-sm text-slate-600">{t("intro")}</p>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <form className="flex gap-2" role="search">
            <input name="q" defaultValue={query} type="search" aria-label={ta("search")} placeholder={ta("searchPlaceholder")} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              {ta("search")}
            </button>
          </form>
          {total > 0 && (
            <a href={`${base}/export`} className="text-sm text-brand-700 underline">
              {ta("export")}
            </a>
          )}
        </div>
        {items.length > 0 && (
          <table className={tableClass} data-testid="customer-article-numbers">
            <thead>
              <tr>
                <th className={thClass}>{t("number")}</th>
                <th className={thClass}>{ta("skuHeader")}</th>
                <th className={thClass}>{ta("productHeader")}</th>
                <th className={thClass}>{ta("changedHeader")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.productId} data-testid="article-number-row">
                  <td className={`${tdClass} font-mono`}>{row.articleNumber}</td>
                  <td className={`${tdClass} font-mono`}>{row.sku}</td>
                  <td className={tdClass}>{locale === "en" ? row.nameEn : row.nameNl}</td>
                  <td className={tdClass}>{dateText(row.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={page} pages={Math.max(1, Math.ceil(total / ARTICLE_NUMBERS_PAGE_SIZE))} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={ta("singleTitle")}>
          <ArticleNumberForm action={saveCustomerArticleNumberAction} hidden={hidden} />
        </Card>
        <Card title={ta("importTitle")}>
          <ArticleNumberImport action={importCustomerArticleNumbersAction} hidden={hidden} />
        </Card>
      </div>
    </div>
  );
}
