import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, Field } from "@/components/admin/action-form";
import { QuoteAnswerForm, QuoteLinesView, type QuoteLineRow } from "@/components/admin/quote-answer-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card } from "@/components/admin/tabs";
import { formatMoneyInput } from "@/lib/admin/price-input";
import { getQuoteForStaff, punchoutRequest } from "@/lib/admin/quotes";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateText, dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { mayQuote, mayReject, quoteState } from "@/lib/quotes/quote-rules";
import { rejectQuoteAction, sendQuoteAction } from "../actions";
import { quoteTone } from "../status-tone";
import { adminQuoteTitle } from "@/lib/page-titles";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => adminQuoteTitle((await params).id);

export default async function QuotePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/quotes/${id}`);
  const quoteId = Number(id);
  if (!Number.isSafeInteger(quoteId) || quoteId <= 0 || quoteId > 2_147_483_647) notFound();
  const now = new Date();
  // A quote of a customer the staff member does not manage is "not found", like every admin page.
  const { quote, reference, defaultValidUntil } = await getQuoteForStaff(staff, quoteId, now).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("admin.quotes"), getLocale().then(toLocale)]);
  const { orderId } = quote;
  const today = calendarDate(now);
  const state = quoteState(quote, today);
  const none = t("detail.none");
  const lines: QuoteLineRow[] = quote.lines.map((line) => {
    const ref = reference.get(line.id);
    return {
      id: line.id,
      sku: line.sku,
      name: productName(line, locale),
      unit: line.unit,
      active: line.active,
      quantity: line.quantity,
      requestedUnitPriceMinor: line.requestedUnitPriceMinor,
      quotedUnitPriceMinor: line.quotedUnitPriceMinor,
      currentUnitPriceMinor: ref?.currentUnitPriceMinor ?? null,
      listPriceMinor: ref?.listPriceMinor ?? null,
      costMinor: ref?.costMinor ?? null,
    };
  });
  // A revision starts from what was sent; a first answer from what the customer pays today.
  const initialPrices = Object.fromEntries(
    lines.map((line) => [line.id, formatMoneyInput(line.quotedUnitPriceMinor ?? line.currentUnitPriceMinor ?? line.requestedUnitPriceMinor, locale === "nl")]),
  );
  // An answer that lapsed is re-sent with a fresh default rather than its past date.
  const validUntil = quote.validUntil && quote.validUntil >= today ? quote.validUntil : defaultValidUntil;
  const byOn = (name: string | null, at: Date | null) => (at ? t("detail.byOn", { name: name ?? none, date: dateTimeText(at, locale) }) : none);
  // Asked as a punchout connection's technical user: no mail reaches anybody, the note names who asked.
  const punchout = punchoutRequest(quote);
  const punchoutTexts = punchout ? { company: quote.companyName, connection: punchout.connectionName ?? t("detail.punchoutConnectionUnknown") } : null;
  const decidedLabel = { accepted: t("detail.acceptedBy"), ordered: t("detail.acceptedBy"), declined: t("detail.declinedBy"), rejected: t("detail.rejectedBy") } as const;

  return (
    <div className="space-y-4">
      <Link href="/admin/quotes" className="text-sm text-brand-700 underline">
        ← {t("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("detail.title", { number: quote.quoteNumber })}</h1>
        <Badge tone={quoteTone(state)}>
          <span data-testid="quote-status">{t(`statuses.${state}`)}</span>
        </Badge>
      </div>
      <Card title={t("detail.request")}>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2" data-testid="quote-header">
          {punchoutTexts && (
            // The only trace of the person behind a shared account: up front, where the manager looks first.
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3 sm:col-span-2" data-testid="quote-punchout-contact">
              <dt className="font-semibold text-amber-950">{t("detail.punchoutContact")}</dt>
              <dd className="space-y-1 text-amber-950">
                <p>{t("detail.punchoutContactIntro", punchoutTexts)}</p>
                {quote.buyerComment ? (
                  <p className="whitespace-pre-line rounded bg-white px-2 py-1 font-medium">{quote.buyerComment}</p>
                ) : (
                  <p className="font-medium">{t("detail.punchoutNoContact", punchoutTexts)}</p>
                )}
              </dd>
            </div>
          )}
          <div>
            <dt className="font-medium">{t("customer")}</dt>
            <dd>
              <Link href={`/admin/customers/${quote.companyId}`} className="text-brand-700 underline">
                {quote.companyName}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{t("requester")}</dt>
            <dd>
              {punchoutTexts ? (
                // Its address is a placeholder nobody reads: no mail link.
                <>
                  {quote.requestedBy.name}
                  <span className="block text-xs text-slate-500">{t("detail.punchoutRequester", punchoutTexts)}</span>
                </>
              ) : (
                <>
                  {quote.requestedBy.name} (
                  <a href={`mailto:${quote.requestedBy.email}`} className="text-brand-700 underline">
                    {quote.requestedBy.email}
                  </a>
                  )
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="font-medium">{t("requestedAt")}</dt>
            <dd>{dateTimeText(quote.createdAt, locale)}</dd>
          </div>
          <div>
            <dt className="font-medium">{t("status")}</dt>
            <dd>{t(`statuses.${state}`)}</dd>
          </div>
          {!punchoutTexts && (
            <div className="sm:col-span-2">
              <dt className="font-medium">{t("detail.buyerComment")}</dt>
              <dd className="whitespace-pre-line">{quote.buyerComment ?? none}</dd>
            </div>
          )}
        </dl>
      </Card>
      {(quote.quotedAt || quote.decidedAt || quote.orderNumber) && (
        <Card title={t("detail.answer")}>
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2" data-testid="quote-answer">
            {quote.quotedAt && (
              <>
                <div>
                  <dt className="font-medium">{t("detail.quotedBy")}</dt>
                  <dd>{byOn(quote.quotedByName, quote.quotedAt)}</dd>
                </div>
                <div>
                  <dt className="font-medium">{t("validUntil")}</dt>
                  <dd>{quote.validUntil ? dateText(quote.validUntil, locale) : none}</dd>
                </div>
                <div className="sm:col-span-2">
                  <dt className="font-medium">{t("detail.staffComment")}</dt>
                  <dd className="whitespace-pre-line">{quote.staffComment ?? none}</dd>
                </div>
              </>
            )}
            {quote.decidedAt && quote.status !== "quoted" && quote.status !== "requested" && (
              <div>
                <dt className="font-medium">{decidedLabel[quote.status]}</dt>
                <dd>{byOn(quote.decidedByName, quote.decidedAt)}</dd>
              </div>
            )}
            {(quote.status === "declined" || quote.status === "rejected") && (
              <div className="sm:col-span-2">
                <dt className="font-medium">{t("detail.reason")}</dt>
                <dd className="whitespace-pre-line" data-testid="quote-reason">
                  {quote.declineReason ?? t("detail.noReason")}
                </dd>
              </div>
            )}
            {quote.orderNumber && (
              <div>
                <dt className="font-medium">{t("detail.order")}</dt>
                <dd>
                  {orderId ? (
                    <Link href={`/admin/orders/${orderId}`} className="text-brand-700 underline">
                      {quote.orderNumber}
                    </Link>
                  ) : (
                    quote.orderNumber
                  )}
                </dd>
              </div>
            )}
          </dl>
        </Card>
      )}
      <Card title={mayQuote(quote) ? t("answer.title") : t("detail.lines")}>
        {mayQuote(quote) ? (
          <div className="space-y-3">
            {state === "expired" && quote.validUntil ? (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("detail.expiredNotice", { date: dateText(quote.validUntil, locale) })}</p>
            ) : quote.status === "quoted" ? (
              <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("detail.requotable")}</p>
            ) : null}
            <QuoteAnswerForm
              action={sendQuoteAction}
              quoteId={quote.id}
              lines={lines}
              locale={locale}
              currency={quote.currency}
              initialPrices={initialPrices}
              validUntil={validUntil}
              minValidUntil={today}
              comment={quote.staffComment ?? ""}
              requesterName={quote.requestedBy.name}
              punchout={punchoutTexts}
            />
          </div>
        ) : (
          <QuoteLinesView lines={lines} locale={locale} currency={quote.currency} />
        )}
      </Card>
      {mayReject(quote) && (
        <Card title={quote.status === "quoted" ? t("reject.titleWithdraw") : t("reject.title")}>
          <p className="mb-3 text-sm text-slate-600">{punchoutTexts ? t("reject.introPunchout", punchoutTexts) : t("reject.intro")}</p>
          <ActionForm
            action={rejectQuoteAction}
            submitLabel={quote.status === "quoted" ? t("reject.submitWithdraw") : t("reject.submit")}
            variant="danger"
            confirm={t("reject.confirm")}
            fieldLabels={{ reason: t("reject.reason") }}
            testId="quote-reject-form"
          >
            <input type="hidden" name="quoteId" value={quote.id} />
            <Field label={t("reject.reason")}>
              <textarea name="reason" required rows={2} maxLength={1000} className={inputClass} />
            </Field>
          </ActionForm>
        </Card>
      )}
    </div>
  );
}

/**
 * The admin order page takes an order id, the quote knows the order number: look it up within the
 * orders this staff member may see (null, shown as plain text, if it is not among them).
 */
