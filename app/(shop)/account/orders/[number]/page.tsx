import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrderTotals } from "@/components/shop/order-totals";
import { requireBuyer } from "@/lib/auth/guards";
import { getCompanyOrder } from "@/lib/data/orders";
import { addressText } from "@/lib/format-address";
import { dateText, dateTimeText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ placed?: string }>;
}) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ number }, { placed }] = await Promise.all([params, searchParams]);
  const buyer = await requireBuyer(`/account/orders/${number}`);
  const [{ locale }, t, tc] = await Promise.all([getShopContext(), getTranslations("orders"), getTranslations("checkout")]);
  const detail = await getCompanyOrder(buyer.companyId, decodeURIComponent(number));
  // A plain buyer only sees their own orders; another company's order does not exist for them.
  if (!detail || (buyer.role === "buyer" && detail.order.userId !== buyer.id)) notFound();
  const { order, lines, events } = detail;
  return (
    <div className="space-y-6">
      {placed === "1" && (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
          <h2 className="font-semibold text-emerald-900">{t("confirmationTitle")}</h2>
          <p className="text-emerald-900">{t("confirmationText", { number: order.orderNumber })}</p>
        </div>
      )}
      <h1 className="text-2xl font-semibold" data-testid="order-number">
        {t("detailTitle", { number: order.orderNumber })}
      </h1>
      <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("status")}</dt>
        <dd>{t(`statuses.${order.status}`)}</dd>
        <dt className="text-slate-500">{t("date")}</dt>
        <dd>{dateTimeText(order.placedAt, locale)}</dd>
        <dt className="text-slate-500">{tc("poNumber")}</dt>
        <dd>{order.poNumber ?? "–"}</dd>
        <dt className="text-slate-500">{tc("costCenter")}</dt>
        <dd>{order.costCenter ?? "–"}</dd>
        <dt className="text-slate-500">{tc("requestedDeliveryDate")}</dt>
        <dd>{order.requestedDeliveryDate ? dateText(order.requestedDeliveryDate, locale) : "–"}</dd>
        <dt className="text-slate-500">{tc("shipTo")}</dt>
        <dd>{addressText(order.shipTo)}</dd>
        {order.billTo && (
          <>
            <dt className="text-slate-500">{tc("billTo")}</dt>
            <dd>{addressText(order.billTo)}</dd>
          </>
        )}
        {order.note && (
          <>
            <dt className="text-slate-500">{tc("note")}</dt>
            <dd className="whitespace-pre-line">{order.note}</dd>
          </>
        )}
      </dl>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="p-3">#</th>
            <th className="p-3">{t("product")}</th>
            <th className="p-3 text-right">{tc("summary")}</th>
            <th className="p-3 text-right">{t("total")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id} className="border-t border-slate-100" data-testid="order-line" data-sku={line.sku}>
              <td className="p-3">{line.lineNumber}</td>
              <td className="p-3">
                {line.name}
                <div className="text-xs text-slate-500">{line.sku}</div>
              </td>
              <td className="p-3 text-right">
                {line.quantity} {line.unit} × {money(line.unitPriceMinor, locale, order.currency)}
              </td>
              <td className="p-3 text-right">{money(line.lineTotalMinor, locale, order.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OrderTotals subtotalMinor={order.subtotalMinor} totalMinor={order.totalMinor} breakdown={order.vatBreakdown} locale={locale} />
      <section>
        <h2 className="font-semibold">{t("history")}</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {events.map((event, index) => (
            <li key={index}>
              {dateTimeText(event.createdAt, locale)} – {t(`statuses.${event.status}`)}
              {event.comment ? `: ${event.comment}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
