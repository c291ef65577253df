import Link from "next/link";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText } from "@/lib/format";
import { getOrderForViewer } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { getReturnableOrderForViewer } from "@/lib/returns/buyer-returns";
import { RETURN_REASON_CODES, RETURN_WINDOW_DAYS } from "@/lib/returns/return-rules";
import { getShopContext } from "@/lib/shop-context";
import { requestReturnAction } from "../../../returns/actions";

export const metadata = { title: "Return items" };

/** "Return items" of an order: per shipped line how many go back and why. */
export default async function ReturnRequestPage({ params }: { params: Promise<{ number: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const { number } = await params;
  const buyer = await requireBuyer(`/account/orders/${number}/return`);
  const [{ locale, now }, t] = await Promise.all([getShopContext(), getTranslations("account.returns")]);
  const detail = await getOrderForViewer(buyer, decodeURIComponent(number));
  if (!detail) notFound();
  const returnable = await getReturnableOrderForViewer(buyer, detail.order.id);
  if (!returnable) notFound();
  const orderHref = `/account/orders/${encodeURIComponent(detail.order.orderNumber)}`;
  const open = returnable.deadline !== null && returnable.deadline >= calendarDate(now);
  const lines = returnable.lines.filter((line) => line.returnable > 0);

  return (
    <div className="space-y-6">
      <Link href={orderHref} className="text-sm text-brand-700 underline">
        {t("backToOrder", { number: detail.order.orderNumber })}
      </Link>
      <h1 className="text-2xl font-semibold">{t("requestTitle", { number: detail.order.orderNumber })}</h1>
      {!open || lines.length === 0 ? (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="return-unavailable">
          {returnable.deadline === null
            ? t("nothingShipped")
            : !open
              ? t("windowClosed", { date: dateText(returnable.deadline, locale) })
              : t("nothingReturnable")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("requestIntro", { days: RETURN_WINDOW_DAYS, date: dateText(returnable.deadline!, locale) })}</p>
          <ActionForm action={requestReturnAction} submitLabel={t("submit")} ariaLabel={t("requestTitle", { number: detail.order.orderNumber })}>
            <input type="hidden" name="orderId" value={detail.order.id} />
            <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th className="p-3">#</th>
                  <th className="p-3">{t("product")}</th>
                  <th className="p-3 text-right">{t("returnable")}</th>
                  <th className="p-3">{t("quantity")}</th>
                  <th className="p-3">{t("reason")}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.lineNumber} className="border-t border-slate-100 align-top" data-testid="return-line" data-sku={line.sku}>
                    <td className="p-3">{line.lineNumber}</td>
                    <td className="p-3">
                      {line.name}
                      <div className="text-xs text-slate-500">{line.sku}</div>
                    </td>
                    <td className="p-3 text-right">
                      {line.returnable} {line.unit}
                    </td>
                    <td className="p-3">
                      <input
                        type="number"
                        name={`quantity_${line.lineNumber}`}
                        min={0}
                        max={line.returnable}
                        step={1}
                        defaultValue={0}
                        aria-label={t("quantityOf", { sku: line.sku })}
                        className="w-24 rounded-md border border-slate-300 px-2 py-1"
                      />
                    </td>
                    <td className="p-3">
                      <select name={`reason_${line.lineNumber}`} defaultValue="" aria-label={t("reasonOf", { sku: line.sku })} className="rounded-md border border-slate-300 px-2 py-1">
                        <option value="">{t("chooseReason")}</option>
                        {RETURN_REASON_CODES.map((reason) => (
                          <option key={reason} value={reason}>
                            {t(`reasons.${reason}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="block text-sm">
              <span className="font-medium">{t("comment")}</span>
              <textarea name="comment" rows={3} maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
            </label>
          </ActionForm>
        </>
      )}
    </div>
  );
}
