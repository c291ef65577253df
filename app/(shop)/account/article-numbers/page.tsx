import { connection } from "next/server";
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { ArticleNumberForm, ArticleNumberImport } from "@/components/account/article-number-forms";
import { ArticleNumberList } from "@/components/account/article-number-list";
import { canManageArticleNumbers, listCompanyArticleNumbers } from "@/lib/account/article-numbers";
import { pageParam, parseSearchParams, queryParam, type RawSearchParams } from "@/lib/admin/search-params";
import { requireBuyer } from "@/lib/auth/guards";
import { getShopContext } from "@/lib/shop-context";
import { importArticleNumbersAction, saveArticleNumberAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.articleNumbers");

export default async function ArticleNumbersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/article-numbers");
  const { q: query = "", page } = parseSearchParams(z.object({ q: queryParam, page: pageParam }), await searchParams);
  const [t, { locale }, { items, total }] = await Promise.all([getTranslations("account.articleNumbers"), getShopContext(), listCompanyArticleNumbers(buyer, { query, page })]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ArticleNumberList items={items} total={total} query={query} page={page} basePath="/account/article-numbers" numberHeader={t("numberHeader")} locale={locale} />
      {canManageArticleNumbers(buyer) ? (
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
