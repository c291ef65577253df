import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { ActionForm } from "@/components/account/action-form";
import { QuoteStatusBadge } from "@/components/account/quote-status";
import { AnnounceCartReading } from "@/components/shop/cart-badge";
import { requireBuyer } from "@/lib/auth/guards";
import { readCartBadge } from "@/lib/cart/cart-service";
import { dateText, dateTimeText, money } from "@/lib/format";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { getQuoteForViewer } from "@/lib/quotes/buyer-quotes";
import { mayAccept, mayDecline, quoteState } from "@/lib/quotes/quote-rules";
import { getShopContext } from "@/lib/shop-context";
import { acceptQuoteAction, declineQuoteAction } from "../actions";
import { accountQuoteTitle } from "@/lib/page-titles";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = async ({ params }: { params: Promise<{ number: string }> }) => accountQuoteTitle((await params).number);

const NOTICE_TONE = {
  info: "border-slate-200 bg-slate-50 text-slate-800",
  good: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  bad: "border-red-200 bg-red-50 text-red-900",
};

export default async function QuotePage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ requested?: string }>;
}) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ number }, { requested }] = await Promise.all([params, searchParams]);
  const buyer = await requireBuyer(`/account/quotes/${number}`);
  const [{ locale, now, canEditCart }, t] = await Promise.all([getShopContext(), getTranslations("account.quotes")]);
  // A plain buyer only sees their own requests; another company's quote does not exist for them.
  const quote = await getQuoteForViewer(buyer, decodeURIComponent(number));
  if (!quote) notFound();
  const justRequested = requested === "1" && quote.status === "requested";
  // The request emptied the cart, but Next keeps the shop layout (and its badge) across the redirect.
  const cartAfterRequest = justRequested ? await readCartBadge(buyer) : null;

  const today = calendarDate(now);
  const state = quoteState(quote, today);
  const validUntil = quote.validUntil ? dateText(quote.validUntil, locale) : null;
  const quoted = quote.lines.every((line) => line.quotedUnitPriceMinor !== null);
  const requestedTotal = quote.lines.reduce((sum, line) => sum + line.requestedUnitPriceMinor * line.quantity, 0);
  const quotedTotal = quote.lines.reduce((sum, line) => sum + (line.quotedUnitPriceMinor ?? 0) * line.quantity, 0);
  const unavailable = quote.lines.some((line) => !line.active);
  // On a phone each line is a block of its own (the product across the width, under it the quantity,
  // one unit price and the line total, each named): the requested price until the quote is answered,
  // then the quoted one.
  const onPhone = (shown: boolean) => (shown ? "max-sm:pt-0" : "hidden sm:table-cell");
  const phoneLabel = (text: string) => <span className="block text-xs font-normal text-slate-500 sm:hidden">{text}</span>;
  // A cXML inspect session's cart is read-only: nothing can be taken into it.
  const acceptable = mayAccept(quote, today) && canEditCart;
  // Declining is the customer's own decision (lib/quotes/buyer-quotes.ts): not offered to staff viewing as them.
  const declinable = mayDecline(quote, today) && !buyer.impersonatedBy;

  const notice: { tone: keyof typeof NOTICE_TONE; text: string } | null = justRequested
    ? null
    : state === "requested"
      ? { tone: "info", text: t("waitingNotice") }
      : state === "quoted"
        ? { tone: "good", text: t("quotedNotice", { date: validUntil ?? "–" }) }
        : state === "accepted"
          ? { tone: "info", text: t("acceptedNotice", { date: validUntil ?? "–" }) }
          : state === "expired"
            ? { tone: "warn", text: t("expiredNotice", { date: validUntil ?? "–" }) }
            : state === "ordered"
              ? { tone: "info", text: t("orderedNotice") }
              : state === "declined"
                ? { tone: "bad", text: t("declinedNotice") }
                : { tone: "bad", text: t("rejectedNotice") };

  return (
    <div className="space-y-6">
      {cartAfterRequest && <AnnounceCartReading reading={cartAfterRequest} />}
      <Link href="/account/quotes" className="text-sm text-brand-700 underline">
        {t("backToList")}
      </Link>
      {justRequested && (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" data-testid="quote-requested">
          {/* A technical punchout user's mailbox is read by nobody: no mail promised, where the quote waits instead. */}
          {buyer.punchout?.technicalUser
            ? t("requestedNoticePunchout", { number: quote.quoteNumber, system: buyer.punchout.connectionName })
            : t("requestedNotice", { number: quote.quoteNumber })}
        </p>
      )}
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold" data-testid="quote-number">
        {t("detailTitle", { number: quote.quoteNumber })}
        <span className="text-sm font-normal">
          <QuoteStatusBadge state={state} />
        </span>
      </h1>
      {notice && <p className={`rounded-md border px-3 py-2 text-sm ${NOTICE_TONE[notice.tone]}`}>{notice.text}</p>}
      <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("requested")}</dt>
        <dd>{dateTimeText(quote.createdAt, locale)}</dd>
        <dt className="text-slate-500">{t("requestedBy")}</dt>
        <dd>{quote.requestedBy.name}</dd>
        {quote.quotedAt && (
          <>
            <dt className="text-slate-500">{t("quoted")}</dt>
            <dd>{t("dateBy", { date: dateTimeText(quote.quotedAt, locale), name: quote.quotedByName ?? "–" })}</dd>
          </>
        )}
        <dt className="text-slate-500">{t("validUntil")}</dt>
        <dd data-testid="quote-valid-until">{validUntil ?? "–"}</dd>
        {quote.decidedAt && (
          <>
            {/* The buyer's own decision on the quote: said as what it was. */}
            <dt className="text-slate-500">{t(quote.status === "declined" ? "decidedDeclined" : quote.status === "accepted" || quote.status === "ordered" ? "decidedAccepted" : "decided")}</dt>
            <dd>{t("dateBy", { date: dateTimeText(quote.decidedAt, locale), name: quote.decidedByName ?? "–" })}</dd>
          </>
        )}
        {quote.orderNumber && (
          <>
            <dt className="text-slate-500">{t("order")}</dt>
            <dd>
              <Link href={`/account/orders/${encodeURIComponent(quote.orderNumber)}`} className="font-medium text-brand-700 underline" data-testid="quote-order">
                {quote.orderNumber}
              </Link>
            </dd>
          </>
        )}
        {quote.buyerComment && (
          <>
            <dt className="text-slate-500">{t("buyerComment")}</dt>
            <dd className="whitespace-pre-line">{quote.buyerComment}</dd>
          </>
        )}
        {quote.staffComment && (
          <>
            <dt className="text-slate-500">{t("staffComment")}</dt>
            <dd className="whitespace-pre-line" data-testid="quote-staff-comment">
              {quote.staffComment}
            </dd>
          </>
        )}
        {quote.declineReason && (quote.status === "rejected" || quote.status === "declined") && (
          <>
            {/* Rejected: the account manager's reason; declined: the buyer's own. */}
            <dt className="text-slate-500">{quote.status === "rejected" ? t("rejectReason") : t("declineReasonShown")}</dt>
            <dd className="whitespace-pre-line" data-testid="quote-decline-reason">
              {quote.declineReason}
            </dd>
          </>
        )}
      </dl>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="block w-full text-sm sm:table">
          <thead className="hidden bg-slate-100 text-left sm:table-header-group">
            <tr>
              <th className="p-3">#</th>
              <th className="p-3">{t("product")}</th>
              <th className="p-3 text-right">{t("quantity")}</th>
              <th className={`p-3 text-right ${onPhone(!quoted)}`}>{t("requestedPrice")}</th>
              <th className={`p-3 text-right ${onPhone(quoted)}`}>{t("quotedPrice")}</th>
              <th className="p-3 text-right">{t("lineTotal")}</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {quote.lines.map((line) => (
              <tr key={line.id} className="grid grid-cols-3 border-t border-slate-100 align-top max-sm:first:border-t-0 sm:table-row" data-testid="quote-line" data-sku={line.sku}>
                <td className="hidden p-3 sm:table-cell">{line.lineNumber}</td>
                <td className="col-span-3 p-3">
                  {line.active ? (
                    <Link href={`/products/${encodeURIComponent(line.sku)}`} className="font-medium hover:text-brand-700">
                      {productName(line, locale)}
                    </Link>
                  ) : (
                    <span className="font-medium">{productName(line, locale)}</span>
                  )}
                  <div className="text-xs text-slate-500">{line.sku}</div>
                  {!line.active && <div className="text-xs text-red-700">{t("notAvailable")}</div>}
                </td>
                <td className="p-3 whitespace-nowrap max-sm:pt-0 sm:text-right">
                  {phoneLabel(t("quantity"))}
                  {unitQuantity(line.quantity, line.unit, locale)}
                </td>
                <td className={`p-3 text-right ${onPhone(!quoted)}`}>
                  {phoneLabel(t("requestedPrice"))}
                  {money(line.requestedUnitPriceMinor, locale, quote.currency)}
                </td>
                <td className={`p-3 text-right font-medium ${onPhone(quoted)}`} data-testid="quoted-price">
                  {phoneLabel(t("quotedPrice"))}
                  {line.quotedUnitPriceMinor === null ? "–" : money(line.quotedUnitPriceMinor, locale, quote.currency)}
                </td>
                <td className="p-3 text-right max-sm:pt-0">
                  {phoneLabel(t("lineTotal"))}
                  {money((line.quotedUnitPriceMinor ?? line.requestedUnitPriceMinor) * line.quantity, locale, quote.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-y-1 text-sm" data-testid="quote-totals">
        <dt className={quoted ? "text-slate-600" : "font-semibold"}>{t("requestedTotal")}</dt>
        <dd className={`text-right ${quoted ? "text-slate-600" : "font-semibold"}`}>{money(requestedTotal, locale, quote.currency)}</dd>
        {quoted && (
          <>
            <dt className="border-t border-slate-200 pt-1 font-semibold">{t("quotedTotal")}</dt>
            <dd className="border-t border-slate-200 pt-1 text-right font-semibold" data-testid="quoted-total">
              {money(quotedTotal, locale, quote.currency)}
            </dd>
          </>
        )}
      </dl>
      {acceptable && (
        <section className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4" aria-labelledby="quote-accept-title">
          <h2 id="quote-accept-title" className="font-semibold">
            {t("acceptTitle")}
          </h2>
          {unavailable ? (
            <p className="text-sm text-amber-900">{t("unavailableNotice")}</p>
          ) : (
            <>
              <p className="text-sm">{t("acceptIntro")}</p>
              <ActionForm action={acceptQuoteAction} submitLabel={t("accept")} ariaLabel={t("acceptTitle")}>
                <input type="hidden" name="quoteNumber" value={quote.quoteNumber} />
              </ActionForm>
            </>
          )}
        </section>
      )}
      {declinable && (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-semibold">{t("declineTitle")}</summary>
          <ActionForm
            action={declineQuoteAction}
            submitLabel={t("decline")}
            ariaLabel={t("declineTitle")}
            className="mt-3 space-y-3"
            submitClassName="rounded-md border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            <input type="hidden" name="quoteNumber" value={quote.quoteNumber} />
            <label className="block text-sm">
              <span className="font-medium">{t("declineReason")}</span>
              <textarea name="reason" rows={3} maxLength={1000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
            </label>
          </ActionForm>
        </details>
      )}
    </div>
  );
}
