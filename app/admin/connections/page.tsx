import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { inputBase } from "@/components/admin/styles";
import { Pagination } from "@/components/shop/pagination";
import { searchConnectionsForStaff } from "@/lib/admin/punchout-connections";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";
import { presetName, protocolName } from "@/lib/punchout/preset-names";

export const generateMetadata = pageTitle("admin.connections");

const PAGE_SIZE = 50;
const paramsSchema = z.object({ q: queryParam, page: pageParam });

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/connections");
  const params = parseSearchParams(paramsSchema, await searchParams);
  const [t, locale, result] = await Promise.all([
    getTranslations("punchout.admin"),
    getLocale().then(toLocale),
    searchConnectionsForStaff(staff, { query: params.q, offset: (params.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  const rows = result.items;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600" data-testid="connection-count">
            {t("count", { count: result.total })}
          </p>
        </div>
        <Link href="/admin/connections/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
      </div>
      <form role="search" className="flex flex-wrap items-end gap-2" action="/admin/connections">
        <label className="text-sm font-medium">
          {t("search")}
          <input type="search" name="q" defaultValue={params.q} placeholder={t("searchPlaceholder")} className={`${inputBase} mt-1 w-96`} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("searchButton")}
        </button>
      </form>
      <table className={tableClass}>
        <thead>
          <tr>
            <th className={thClass}>{t("customer")}</th>
            <th className={thClass}>{t("name")}</th>
            <th className={thClass}>{t("protocol")}</th>
            <th className={thClass}>{t("preset")}</th>
            <th className={thClass}>{t("environment")}</th>
            <th className={thClass}>{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="connection-row">
              <td className={tdClass}>
                <Link href={`/admin/customers/${row.companyId}`} className="text-brand-700 underline">
                  {row.companyName}
                </Link>
              </td>
              <td className={tdClass}>
                <Link href={`/admin/connections/${row.id}`} className="font-medium text-brand-700 underline">
                  {row.name}
                </Link>
                {row.username && <div className="text-xs text-slate-500">USERNAME {row.username}</div>}
              </td>
              <td className={tdClass}>{protocolName(row.protocol)}</td>
              <td className={tdClass}>{presetName(row.protocol, row.presetId, locale)}</td>
              <td className={tdClass}>{t(row.environment)}</td>
              <td className={tdClass}>{row.enabled ? <Badge tone="green">{t("enabled")}</Badge> : <Badge tone="red">{t("disabled")}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="text-sm text-slate-600">{params.q ? t("noneFound") : t("none")}</p>}
      <Pagination page={params.page} pages={pages} hrefFor={(page) => `/admin/connections${toQueryString({ q: params.q, page })}`} />
    </div>
  );
}
