import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, LinkTabs, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { listReturnsForStaff, parseReturnStatusFilter } from "@/lib/admin/returns";
import { pageParam, parseSearchParams, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { returnTone } from "./status-tone";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.returns");

const PAGE_SIZE = 25;
/** "open" (waiting for a decision or for the goods) is the inbox's default. */
const FILTERS = ["open", "requested", "approved", "completed", "rejected", "cancelled", "all"] as const;
const paramsSchema = z.object({ status: z.enum(FILTERS).catch("open"), page: pageParam });

export default async function ReturnsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/returns");
  const params = parseSearchParams(paramsSchema, await searchParams);
  const [t, ts, locale, result] = await Promise.all([
    getTranslations("admin.returns"),
    getTranslations("account.returns.statuses"),
    getLocale().then(toLocale),
    listReturnsForStaff(staff, {
      statuses: params.status === "all" ? undefined : parseReturnStatusFilter(params.status),
      offset: (params.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // The default filter stays out of the URL, so the navigation link and the "open" tab are the same page.
  const hrefFor = (status: (typeof FILTERS)[number], page?: number) =>
    `/admin/returns${toQueryString({ status: status === "open" ? undefined : status, page: page && page > 1 ? page : undefined })}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <LinkTabs
        label={t("filterLabel")}
        testId="return-filters"
        items={FILTERS.map((filter) => ({ href: hrefFor(filter), label: t(`filter.${filter}`), current: filter === params.status }))}
      />
      <p className="text-sm text-slate-600">{t("count", { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p className="text-sm text-slate-600">{params.status === "open" ? t("emptyOpen") : t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="return-table">
            <thead>
              <tr>
                <th className={thClass}>{t("number")}</th>
                <th className={thClass}>{t("customer")}</th>
                <th className={thClass}>{t("order")}</th>
                <th className={thClass}>{t("requester")}</th>
                <th className={thClass}>{t("reportedAt")}</th>
                <th className={thClass}>{t("status")}</th>
                <th className={`${thClass} text-right`}>{t("items")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.id} data-testid="return-row" data-return-number={item.returnNumber} data-status={item.status}>
                  <td className={tdClass}>
                    <Link href={`/admin/returns/${item.id}`} className="font-medium text-brand-700 underline">
                      {item.returnNumber}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <Link href={`/admin/customers/${item.companyId}`} className="text-brand-700 hover:underline">
                      {item.companyName}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <Link href={`/admin/orders/${item.orderId}`} className="text-brand-700 hover:underline">
                      {item.orderNumber}
                    </Link>
                  </td>
                  <td className={tdClass}>{item.requesterName}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>{dateTimeText(item.createdAt, locale)}</td>
                  <td className={tdClass}>
                    <Badge tone={returnTone(item.status)}>{ts(item.status)}</Badge>
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>{item.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={params.page} pages={pages} hrefFor={(page) => hrefFor(params.status, page)} />
    </div>
  );
}
