import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { inputBase } from "@/components/admin/styles";
import { PriceGrid, type GridRowView } from "@/components/admin/price-grid";
import { Pagination } from "@/components/shop/pagination";
import { windowStatus } from "@/lib/admin/list-status";
import { formatEntryValue, formatTiersText } from "@/lib/admin/price-input";
import { priceListForPage } from "@/lib/admin/route-params";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listPriceGrid } from "@/lib/data/price-lists";
import { toLocale } from "@/lib/i18n/locales";
import { removeEntryAction, saveEntryAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = pageTitle("admin.priceList");
const PAGE_SIZE = 50;
const paramsSchema = z.object({ q: queryParam, page: pageParam, scope: z.enum(["entries", "all", "missing"]).catch("entries") });

export default async function PriceGridPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}`);
  const { list, canEdit } = await priceListForPage(staff, id);
  const query = parseSearchParams(paramsSchema, await searchParams);
  const [t, locale, grid] = await Promise.all([
    getTranslations("admin.grid"),
    getLocale().then(toLocale),
    listPriceGrid(list.id, { query: query.q, scope: query.scope, offset: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  const now = new Date();
  const comma = locale === "nl";
  const rows: GridRowView[] = grid.rows.map(({ product, entry }) => ({
    productId: product.id,
    sku: product.sku,
    name: productName(product, locale),
    brand: product.brand,
    unit: product.unit,
    active: product.active,
    listPriceMinor: product.listPriceMinor,
    listPriceTiers: product.listPriceTiers,
    costMinor: product.costMinor,
    entry: entry && {
      kind: entry.kind,
      value: formatEntryValue(entry, comma),
      tiers: formatTiersText(entry.kind, entry.tiers, comma),
      validFrom: entry.validFrom ?? "",
      validTo: entry.validTo ?? "",
      updatedAt: entry.updatedAt.toISOString(),
      validToday: windowStatus(entry.validFrom, entry.validTo, now) === "active",
    },
  }));
  const pages = Math.max(1, Math.ceil(grid.total / PAGE_SIZE));
  return (
    <div className="space-y-3">
      <form role="search" action={`/admin/price-lists/${list.id}`} className="flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium">
          {t("search")}
          <input type="search" name="q" defaultValue={query.q} placeholder={t("searchPlaceholder")} className={`${inputBase} mt-1 w-72`} />
        </label>
        <label className="text-sm font-medium">
          {t("show")}
          <select name="scope" defaultValue={query.scope} className={`${inputBase} mt-1 w-56`}>
            <option value="entries">{t("scope.entries")}</option>
            <option value="all">{t("scope.all")}</option>
            <option value="missing">{t("scope.missing")}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("searchButton")}
        </button>
        <span className="ml-auto text-sm text-slate-600">{t("count", { count: grid.total })}</span>
      </form>
      {query.scope === "entries" && grid.total === 0 && !query.q && (
        <p className="text-sm text-slate-600">
          {t("emptyList")}{" "}
          <Link className="text-brand-700 underline" href={`/admin/price-lists/${list.id}${toQueryString({ scope: "all" })}`}>
            {t("showAll")}
          </Link>
        </p>
      )}
      {rows.length > 0 && (
        <PriceGrid rows={rows} priceListId={list.id} canEdit={canEdit} locale={locale} currency={list.currency} saveAction={saveEntryAction} removeAction={removeEntryAction} />
      )}
      <Pagination page={query.page} pages={pages} hrefFor={(page) => `/admin/price-lists/${list.id}${toQueryString({ q: query.q, scope: query.scope, page })}`} />
    </div>
  );
}
