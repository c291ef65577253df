import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ArticleNumberForm, ArticleNumberImport } from "@/components/account/article-number-forms";
import { ArticleNumberList } from "@/components/account/article-number-list";
import { Card } from "@/components/admin/tabs";
import { listCustomerArticleNumbers } from "@/lib/admin/customer-article-numbers";
import { customerForPage } from "@/lib/admin/route-params";
import { pageParam, parseSearchParams, queryParam, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { importCustomerArticleNumbersAction, saveCustomerArticleNumberAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.customerArticleNumbers");

export default async function CustomerArticleNumbersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const staff = await requireStaff(`/admin/customers/${id}/article-numbers`);
  const company = await customerForPage(staff, id);
  const { q: query = "", page } = parseSearchParams(z.object({ q: queryParam, page: pageParam }), search);
  const [t, ta, locale, { items, total }] = await Promise.all([
    getTranslations("admin.customerArticleNumbers"),
    getTranslations("account.articleNumbers"),
    getLocale().then(toLocale),
    listCustomerArticleNumbers(staff, company.id, { query, page }),
  ]);
  const hidden = { companyId: String(company.id) };
  return (
    <div className="space-y-6">
      <Card title={t("heading", { count: total })}>
        <p className="mb-3 text-sm text-slate-600">{t("intro")}</p>
        <ArticleNumberList items={items} total={total} query={query} page={page} basePath={`/admin/customers/${company.id}/article-numbers`} numberHeader={t("number")} locale={locale} />
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
