import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireBuyer } from "@/lib/auth/guards";
import { dateTimeText, money } from "@/lib/format";
import { listAwaitingApproval } from "@/lib/orders/approvals";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.approvals");

export default async function ApprovalsPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/approvals");
  if (!seesWholeCompany(buyer)) notFound();
  const [{ locale }, t, to] = await Promise.all([getShopContext(), getTranslations("account.approvals"), getTranslations("orders")]);
  const orders = await listAwaitingApproval(buyer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {orders.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{to("number")}</th>
                <th className="hidden p-3 sm:table-cell">{t("waitingSince")}</th>
                <th className="hidden p-3 sm:table-cell">PO</th>
                <th className="p-3">{t("reason")}</th>
                <th className="p-3 text-right">{t("amount")}</th>
                <th className="p-3" />
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} className="border-t border-slate-100" data-testid="approval-row">
                  <td className="p-3 font-medium">
                    {order.orderNumber}
                    <div className="text-xs font-normal text-slate-500">{order.placedBy}</div>
                  </td>
                  <td className="hidden p-3 sm:table-cell">{dateTimeText(order.placedAt, locale)}</td>
                  <td className="hidden p-3 sm:table-cell">{order.poNumber ?? "–"}</td>
                  <td className="p-3" data-testid="approval-row-reasons">
                    {order.approvalReasons.map((reason) => t(`reasons.${reason}`, { code: order.costCenter ?? "–" })).join("; ") || "–"}
                  </td>
                  <td className="p-3 text-right whitespace-nowrap">{money(order.subtotalMinor, locale, order.currency)}</td>
                  <td className="p-3 text-right">
                    <Link href={`/account/orders/${encodeURIComponent(order.orderNumber)}`} className="font-medium text-brand-700 underline" aria-label={`${t("decide")} ${order.orderNumber}`}>
                      {t("decide")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
