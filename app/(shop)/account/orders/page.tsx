import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireBuyer } from "@/lib/auth/guards";
import { listCompanyOrders } from "@/lib/data/orders";
import { dateText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";

export const metadata = { title: "Orders" };

export default async function OrdersPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/orders");
  const [{ locale }, t] = await Promise.all([getShopContext(), getTranslations("orders")]);
  // Buyers see their own orders; approvers and company admins see the whole company's.
  const orders = await listCompanyOrders(buyer.companyId, buyer.role === "buyer" ? { userId: buyer.id } : {});
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {orders.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-3">{t("number")}</th>
              <th className="p-3">{t("date")}</th>
              <th className="p-3">PO</th>
              <th className="p-3">{t("status")}</th>
              <th className="p-3 text-right">{t("lines")}</th>
              <th className="p-3 text-right">{t("total")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} className="border-t border-slate-100" data-testid="order-row">
                <td className="p-3">
                  <Link href={`/account/orders/${encodeURIComponent(order.orderNumber)}`} className="font-medium text-brand-700 underline">
                    {order.orderNumber}
                  </Link>
                </td>
                <td className="p-3">{dateText(order.placedAt, locale)}</td>
                <td className="p-3">{order.poNumber ?? "–"}</td>
                <td className="p-3">{t(`statuses.${order.status}`)}</td>
                <td className="p-3 text-right">{order.lineCount}</td>
                <td className="p-3 text-right">{money(order.totalMinor, locale, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
