import Link from "next/link";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReturnRequestForm } from "@/components/account/return-request-form";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText } from "@/lib/format";
import { getOrderForViewer } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { getReturnableOrderForViewer } from "@/lib/returns/buyer-returns";
import { RETURN_REASON_CODES, RETURN_WINDOW_DAYS } from "@/lib/returns/return-rules";
import { getShopContext } from "@/lib/shop-context";
import { requestReturnAction } from "../../../returns/actions";
import { accountOrderTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ params }: { params: Promise<{ number: string }> }) => accountOrderTitle((await params).number, "returnRequest");

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
          <ReturnRequestForm
            orderId={detail.order.id}
            lines={lines.map(({ lineNumber, sku, name, unit, returnable }) => ({ lineNumber, sku, name, unit, returnable }))}
            reasons={RETURN_REASON_CODES}
            action={requestReturnAction}
          />
        </>
      )}
    </div>
  );
}
