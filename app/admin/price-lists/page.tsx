import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { inputBase } from "@/components/admin/styles";
import { validity } from "@/components/admin/audit-table";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { managerScope, priceListAccessOf } from "@/lib/admin/access";
import { windowStatus } from "@/lib/admin/list-status";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { searchPriceLists } from "@/lib/data/price-lists";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.priceLists");

const PAGE_SIZE = 50;
/** A list used by many customers (a general staffel list) names the first few; the settings tab has them all. */
const CUSTOMERS_SHOWN = 5;
const paramsSchema = z.object({ q: queryParam, page: pageParam });

export default async function PriceListsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/price-lists");
  const { q, page } = parseSearchParams(paramsSchema, await searchParams);
  const [t, ta, locale, result] = await Promise.all([
    getTranslations("admin.priceLists"),
    getTranslations("admin.audit"),
    getLocale().then(toLocale),
    searchPriceLists({ managerId: managerScope(staff), query: q, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, customersShown: CUSTOMERS_SHOWN }),
  ]);
  const lists = result.items;
  const now = new Date();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{staff.role === "admin" ? t("introAdmin") : t("introManager")}</p>
          <p className="text-sm text-slate-600" data-testid="price-list-count">
            {t("count", { count: result.total })}
          </p>
        </div>
        <Link href="/admin/price-lists/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
      </div>
      <form role="search" action="/admin/price-lists" className="flex items-end gap-2">
        <label className="text-sm font-medium">
          {t("search")}
          <input type="search" name="q" defaultValue={q} placeholder={t("searchPlaceholder")} className={`${inputBase} mt-1 w-96`} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("searchButton")}
        </button>
      </form>
      {lists.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="price-list-table">
            <thead>
              <tr>
                <th className={thClass}>{t("name")}</th>
                <th className={thClass}>{t("validity")}</th>
                <th className={`${thClass} text-right`}>{t("entries")}</th>
                <th className={thClass}>{t("customers")}</th>
                <th className={thClass}>{t("access")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => {
                const status = windowStatus(list.validFrom, list.validTo, now);
                const access = priceListAccessOf(staff, list);
                return (
                  <tr key={list.id} data-testid="price-list-row" data-code={list.code}>
                    <td className={tdClass}>
                      <Link href={`/admin/price-lists/${list.id}`} className="font-medium text-brand-700 hover:underline">
                        {list.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {list.code} · {list.currency}
                      </div>
                    </td>
                    <td className={tdClass}>
                      <Badge tone={status === "active" ? "green" : status === "upcoming" ? "blue" : "slate"}>{t(`status.${status}`)}</Badge>
                      <div className="text-xs text-slate-600">{validity(list.validFrom, list.validTo, ta, locale) || ta("alwaysValid")}</div>
                    </td>
                    <td className={`${tdClass} text-right`}>{list.entryCount}</td>
                    <td className={tdClass}>
                      {list.customerCount === 0 ? (
                        <span className="text-slate-400">{t("noCustomers")}</span>
                      ) : (
                        <>
                          {list.customers.map((c) => (
                            <div key={c.id} className={c.mine ? "" : "text-slate-500"}>
                              {c.name} <span className="text-xs text-slate-500">({t("priorityShort", { priority: c.priority })})</span>
                            </div>
                          ))}
                          {list.customerCount > list.customers.length && (
                            <Link href={`/admin/price-lists/${list.id}/settings`} className="text-xs text-brand-700 hover:underline" data-testid="more-customers">
                              {t("moreCustomers", { count: list.customerCount - list.customers.length })}
                            </Link>
                          )}
                        </>
                      )}
                    </td>
                    <td className={tdClass}>{access === "edit" ? <Badge tone="green">{t("editable")}</Badge> : <Badge>{t("readOnly")}</Badge>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.max(1, Math.ceil(result.total / PAGE_SIZE))} hrefFor={(p) => `/admin/price-lists${toQueryString({ q, page: p })}`} />
    </div>
  );
}
