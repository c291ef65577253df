import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputBase } from "@/components/admin/styles";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { ORDER_FILTER_STATUSES, ORDER_SOURCES, listOrdersForStaff, orderInboxParamsSchema } from "@/lib/admin/purchase-orders";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { statusTone } from "./status-tone";
import { pageTitle } from "@/lib/i18n/page-title";
import { GetForm } from "@/components/get-form";

export const generateMetadata = pageTitle("admin.orders");

function exportHref(filters: { status?: string; source?: string; q?: string }): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return query.size ? `/admin/orders/export?${query}` : "/admin/orders/export";
}


export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff("/admin/orders");
  const filters = orderInboxParamsSchema.parse(await searchParams);
  const [text, rows, { locale }] = await Promise.all([
    getTranslations("purchaseOrders"),
    listOrdersForStaff(staff, { status: filters.status, source: filters.source, search: filters.q || undefined }),
    getShopContext(),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{text("title")}</h1>
      <p className="text-sm text-slate-600">{text("intro")}</p>
      <GetForm action="/admin/orders" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="order-filters">
        <label>
          {text("search")}
          <input type="search" name="q" defaultValue={filters.q ?? ""} maxLength={100} placeholder={text("searchPlaceholder")} className={`block ${inputBase}`} />
        </label>
        <label>
          {text("filterSource")}
          <select name="source" defaultValue={filters.source ?? ""} className="block rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">{text("all")}</option>
            {ORDER_SOURCES.map((source) => (
              <option key={source} value={source}>
                {text(`source.${source}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text("filterStatus")}
          <select name="status" defaultValue={filters.status ?? ""} className="block rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">{text("all")}</option>
            {ORDER_FILTER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {text(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          {text("filter")}
        </button>
        {/* Every line of every order these filters find (the list shows the newest 200 orders). */}
        <a href={exportHref(filters)} className="ml-auto self-center text-brand-700 underline" data-testid="admin-orders-export" download>
          {text("export")}
        </a>
      </GetForm>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{text("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="purchase-orders">
            <thead>
              <tr>
                <th className={thClass}>{text("number")}</th>
                <th className={thClass}>{text("poNumber")}</th>
                <th className={thClass}>{text("customer")}</th>
                <th className={thClass}>{text("filterSource")}</th>
                <th className={thClass}>{text("filterStatus")}</th>
                <th className={`${thClass} text-right`}>{text("totalInclVat")}</th>
                <th className={thClass}>{text("received")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="order-row" data-order-number={row.orderNumber} data-source={row.source}>
                  <td className={tdClass}>
                    <Link href={`/admin/orders/${row.id}`} className="text-brand-700 underline">
                      {row.orderNumber}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    {row.poNumber ?? row.buyerOrderId ?? text("detail.none")}
                    {row.buyerOrderId && row.poNumber && row.buyerOrderId !== row.poNumber ? <span className="block text-xs text-slate-500">{row.buyerOrderId}</span> : null}
                  </td>
                  <td className={tdClass}>{row.companyName}</td>
                  <td className={tdClass}>
                    {text(`source.${row.source}`)}
                    {row.connectionName ? <span className="block text-xs text-slate-500">{row.connectionName}</span> : null}
                  </td>
                  <td className={tdClass}>
                    <Badge tone={statusTone(row.status)}>{text(`status.${row.status}`)}</Badge>
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>{money(row.totalMinor, locale, row.currency)}</td>
                  <td className={tdClass}>{dateTimeText(row.placedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
