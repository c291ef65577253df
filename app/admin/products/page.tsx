import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { inputBase } from "@/components/admin/styles";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { Pagination } from "@/components/shop/pagination";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listProductsForAdmin, searchProducts, type ProductActivity } from "@/lib/data/catalog";
import { money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = pageTitle("admin.products");

const PAGE_SIZE = 50;
const ACTIVITIES = ["all", "active", "inactive"] as const satisfies readonly ProductActivity[];

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/products");
  const { q, activity, page } = parseSearchParams(z.object({ q: queryParam, activity: z.enum(ACTIVITIES).catch("all"), page: pageParam }), await searchParams);
  const [t, tf, locale, result] = await Promise.all([
    getTranslations("admin.products"),
    getTranslations("admin.productForm"),
    getLocale().then(toLocale),
    // A search finds products as the shop's search does (SKU fragments, words, typos), inactive ones
    // too unless asked otherwise; without one, every product by SKU. Both a page at a time.
    q
      ? searchProducts(q, { activity }, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE })
      : listProductsForAdmin({ activity, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // The default filter and the first page stay out of the URL (the navigation link is the same page).
  const hrefFor = (next: ProductActivity, nextPage?: number) =>
    `/admin/products${toQueryString({ q: q || undefined, activity: next === "all" ? undefined : next, page: nextPage && nextPage > 1 ? nextPage : undefined })}`;
  // A broad search ranks a bounded candidate set: its total is a lower bound (lib/data/catalog.ts).
  const truncated = "truncated" in result && result.truncated;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {isAdmin(staff) && (
          <Link href="/admin/products/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {tf("new")}
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <form role="search" action="/admin/products" className="flex items-end gap-2">
        {activity !== "all" && <input type="hidden" name="activity" value={activity} />}
        <label className="text-sm font-medium">
          {t("search")}
          <input type="search" name="q" defaultValue={q} placeholder={t("searchPlaceholder")} className={`${inputBase} mt-1 block w-80`} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("searchButton")}
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-4 text-sm" data-testid="product-activity">
          <nav aria-label={t("activityLabel")} className="flex gap-1">
            {ACTIVITIES.map((option) => (
              <Link
                key={option}
                href={hrefFor(option)}
                aria-current={option === activity ? "page" : undefined}
                className={`rounded-md px-3 py-1 ${option === activity ? "bg-slate-900 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
              >
                {t(`activity.${option}`)}
              </Link>
            ))}
          </nav>
          {result.total > 0 && (
            <span className="text-slate-600" data-testid="product-count">
              {t(truncated ? "countAtLeast" : "count", { count: result.total })}
            </span>
          )}
      </div>
      {result.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>SKU</th>
                  <th className={thClass}>{t("name")}</th>
                  <th className={thClass}>{t("brand")}</th>
                  <th className={`${thClass} text-right`}>{t("listPrice")}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((p) => (
                  <tr key={p.id}>
                    <td className={tdClass}>
                      <Link className="font-medium text-brand-700 hover:underline" href={`/admin/products/${encodeURIComponent(p.sku)}`}>
                        {p.sku}
                      </Link>
                    </td>
                    <td className={tdClass}>
                      {productName(p, locale)} {!p.active && <Badge>{tf("inactive")}</Badge>}
                    </td>
                    <td className={tdClass}>{p.brand}</td>
                    <td className={`${tdClass} text-right`}>{money(p.listPriceMinor, locale, p.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <Pagination page={page} pages={pages} hrefFor={(next) => hrefFor(activity, next)} />
    </div>
  );
}
