import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListScope } from "@/components/account/list-scope";
import { z } from "zod";
import { ReturnStatusBadge } from "@/components/account/return-status";
import { StatusFilter } from "@/components/account/status-filter";
import { Pagination } from "@/components/shop/pagination";
import type { ReturnStatus } from "@/db/schema/returns";
import { requireBuyer } from "@/lib/auth/guards";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { listReturnsForViewer } from "@/lib/returns/buyer-returns";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";
import { NumberDateCells } from "@/components/account/number-date-cells";

export const generateMetadata = pageTitle("account.returns");

const PAGE_SIZE = 25;

// A Record, so a status added to the schema fails to compile here until the filter offers it.
const STATUS_FILTER: Record<ReturnStatus, true> = { requested: true, approved: true, completed: true, rejected: true, cancelled: true };
const STATUSES = Object.keys(STATUS_FILTER) as ReturnStatus[];

/** From the URL, so a filtered list can be bookmarked; anything unexpected is ignored. */
const searchParamsSchema = z.object({
  status: z.enum(STATUSES as [ReturnStatus, ...ReturnStatus[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

function pageHref(status: ReturnStatus | undefined, page: number): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/account/returns?${text}` : "/account/returns";
}

export default async function ReturnsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/returns");
  const [{ locale }, t, raw] = await Promise.all([getShopContext(), getTranslations("account.returns"), searchParams]);
  const { status, page = 1 } = searchParamsSchema.parse(raw);
  // Like orders: buyers see the returns of their own orders; approvers and company admins the whole company's.
  const { items, total } = await listReturnsForViewer(buyer, { statuses: status ? [status] : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const wholeCompany = seesWholeCompany(buyer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ListScope namespace="account.returns" wholeCompany={wholeCompany} companyName={buyer.companyName} punchout={buyer.punchout} testId="returns-scope" />
      <StatusFilter href="/account/returns" namespace="account.returns" statuses={STATUSES} current={status} />
      {total === 0 && !status ? (
        <p>
          {wholeCompany ? t("emptyCompany", { company: buyer.companyName }) : t("empty")}{" "}
          <Link href="/account/orders" className="text-brand-700 underline">
            {t("toOrders")}
          </Link>
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="return-count">
          {t("results", { count: total })}
        </p>
      )}
      {items.length > 0 && (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{t("number")}</th>
                <th className="hidden p-3 sm:table-cell">{t("reported")}</th>
                <th className="p-3">{t("order")}</th>
                {wholeCompany && <th className="hidden p-3 sm:table-cell">{t("reportedBy")}</th>}
                <th className="p-3">{t("status")}</th>
                <th className="hidden p-3 text-right sm:table-cell">{t("items")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-t border-slate-100" data-testid="return-row">
                  <NumberDateCells href={`/account/returns/${encodeURIComponent(item.returnNumber)}`} number={item.returnNumber} date={item.createdAt} locale={locale} />
                  <td className="p-3">
                    <Link href={`/account/orders/${encodeURIComponent(item.orderNumber)}`} className="text-brand-700 underline">
                      {item.orderNumber}
                    </Link>
                  </td>
                  {wholeCompany && <td className="hidden p-3 sm:table-cell">{item.requesterName}</td>}
                  <td className="p-3">
                    <ReturnStatusBadge status={item.status} />
                  </td>
                  <td className="hidden p-3 text-right sm:table-cell" data-testid="return-items">
                    {/* A partial credit (8 of 10 arrived) shows here, not only on the return's page. */}
                    {item.status === "completed" && item.receivedQuantity !== null && item.receivedQuantity !== item.quantity
                      ? t("itemsCredited", { quantity: item.quantity, credited: item.receivedQuantity })
                      : item.quantity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.ceil(total / PAGE_SIZE)} hrefFor={(p) => pageHref(status, p)} />
    </div>
  );
}
