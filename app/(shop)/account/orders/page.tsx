import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListScope } from "@/components/account/list-scope";
import { OrderStatusLabel } from "@/components/account/order-status";
import { Pagination } from "@/components/shop/pagination";
import { costCenterChoice } from "@/lib/account/cost-centers";
import { requireBuyer } from "@/lib/auth/guards";
import { money } from "@/lib/format";
import { searchOrdersForViewer, seesWholeCompany } from "@/lib/orders/order-access";
import { FILTERABLE_STATUSES, orderExportHref, orderSearchHref, orderSearchOf, orderSearchParamsSchema } from "@/lib/orders/order-search-params";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";
import { GetForm } from "@/components/get-form";
import { NumberDateCells } from "@/components/account/number-date-cells";

export const generateMetadata = pageTitle("account.orders");

const PAGE_SIZE = 25;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/orders");
  const [{ locale, now }, t, ta, tc, raw] = await Promise.all([
    getShopContext(),
    getTranslations("orders"),
    getTranslations("account.orders"),
    getTranslations("checkout"),
    searchParams,
  ]);
  const params = orderSearchParamsSchema.parse(raw);
  const page = params.page ?? 1;
  // Buyers see their own orders; approvers and company admins see the whole company's.
  const [{ items: orders, total }, { options: costCenterCodes }] = await Promise.all([
    searchOrdersForViewer(buyer, { ...orderSearchOf(params), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    // The company's cost centres as suggestions for the filter (orders keep the code they were placed with).
    costCenterChoice(buyer, now),
  ]);
  const wholeCompany = seesWholeCompany(buyer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ListScope namespace="account.orders" wholeCompany={wholeCompany} companyName={buyer.companyName} punchout={buyer.punchout} testId="orders-scope" />
      <GetForm action="/account/orders" role="search" aria-label={ta("search")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label className="flex min-w-64 flex-1 flex-col">
          <span className="font-medium">{ta("search")}</span>
          <input type="search" name="q" defaultValue={params.q} placeholder={ta("searchPlaceholder")} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">{ta("status")}</span>
          <select name="status" defaultValue={params.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{ta("anyStatus")}</option>
            {FILTERABLE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">{ta("from")}</span>
          <input type="date" name="from" defaultValue={params.from} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">{ta("to")}</span>
          <input type="date" name="to" defaultValue={params.to} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">{tc("costCenter")}</span>
          <input name="costCenter" maxLength={35} defaultValue={params.costCenter} list={costCenterCodes.length > 0 ? "order-cost-centers" : undefined} className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1.5" />
          {costCenterCodes.length > 0 && (
            <datalist id="order-cost-centers">
              {costCenterCodes.map((costCenter) => (
                <option key={costCenter.code} value={costCenter.code}>
                  {costCenter.name}
                </option>
              ))}
            </datalist>
          )}
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {ta("filter")}
        </button>
        <Link href="/account/orders" className="px-2 py-2 underline">
          {ta("reset")}
        </Link>
      </GetForm>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600" data-testid="order-count">
          {ta("results", { count: total })}
        </p>
        {/* A route, not a page: the browser downloads it (lines of every order the search finds). */}
        {total > 0 && (
          <a href={orderExportHref(params)} className="text-brand-700 underline" data-testid="orders-export" download>
            {t("export")}
          </a>
        )}
      </div>
      {orders.length === 0 ? (
        total === 0 && !params.q && !params.status && !params.from && !params.to && !params.costCenter ? <p>{t("empty")}</p> : null
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{t("number")}</th>
                <th className="hidden p-3 sm:table-cell">{t("date")}</th>
                <th className="hidden p-3 sm:table-cell">{tc("poNumber")}</th>
                {wholeCompany && <th className="hidden p-3 sm:table-cell">{ta("placedBy")}</th>}
                <th className="p-3">{t("status")}</th>
                <th className="hidden p-3 text-right sm:table-cell">{t("lines")}</th>
                <th className="p-3 text-right">{t("totalInclVat")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} className="border-t border-slate-100" data-testid="order-row">
                  <NumberDateCells href={`/account/orders/${encodeURIComponent(order.orderNumber)}`} number={order.orderNumber} date={order.placedAt} locale={locale} />
                  <td className="hidden p-3 sm:table-cell">{order.poNumber ?? "–"}</td>
                  {wholeCompany && <td className="hidden p-3 sm:table-cell">{order.placedBy ?? "–"}</td>}
                  <td className="p-3">
                    <OrderStatusLabel status={order.status} partlyShipped={order.partlyShipped} />
                  </td>
                  <td className="hidden p-3 text-right sm:table-cell">{order.lineCount}</td>
                  <td className="p-3 text-right whitespace-nowrap">{money(order.totalMinor, locale, order.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.ceil(total / PAGE_SIZE)} hrefFor={(p) => orderSearchHref(params, p)} />
    </div>
  );
}
