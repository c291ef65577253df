import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListScope } from "@/components/account/list-scope";
import { z } from "zod";
import { QuoteStatusBadge } from "@/components/account/quote-status";
import { StatusFilter } from "@/components/account/status-filter";
import { Pagination } from "@/components/shop/pagination";
import type { QuoteStatus } from "@/db/schema/quotes";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText, money } from "@/lib/format";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { listQuotesForViewer } from "@/lib/quotes/buyer-quotes";
import { quoteState } from "@/lib/quotes/quote-rules";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";
import { NumberDateCells } from "@/components/account/number-date-cells";

export const generateMetadata = pageTitle("account.quotes");

const PAGE_SIZE = 25;

// A Record, so a status added to the schema fails to compile here until the filter offers it.
const STATUS_FILTER: Record<QuoteStatus, true> = { requested: true, quoted: true, accepted: true, ordered: true, declined: true, rejected: true };
const STATUSES = Object.keys(STATUS_FILTER) as QuoteStatus[];

/** From the URL, so a filtered list can be bookmarked; anything unexpected is ignored. */
const searchParamsSchema = z.object({
  status: z.enum(STATUSES as [QuoteStatus, ...QuoteStatus[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

function pageHref(status: QuoteStatus | undefined, page: number): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/account/quotes?${text}` : "/account/quotes";
}

export default async function QuotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/quotes");
  const [{ locale, now }, t, raw] = await Promise.all([getShopContext(), getTranslations("account.quotes"), searchParams]);
  const { status, page = 1 } = searchParamsSchema.parse(raw);
  // Like orders: buyers see their own requests; approvers and company admins the whole company's.
  const { items: quotes, total } = await listQuotesForViewer(buyer, {
    statuses: status ? [status] : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const wholeCompany = seesWholeCompany(buyer);
  const today = calendarDate(now);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <ListScope namespace="account.quotes" wholeCompany={wholeCompany} companyName={buyer.companyName} punchout={buyer.punchout} testId="quotes-scope" />
      <StatusFilter href="/account/quotes" namespace="account.quotes" statuses={STATUSES} current={status} />
      {total === 0 && !status ? (
        <p>
          {t("empty")}{" "}
          <Link href="/cart" className="text-brand-700 underline">
            {t("toCart")}
          </Link>
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="quote-count">
          {t("results", { count: total })}
        </p>
      )}
      {quotes.length > 0 && (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{t("number")}</th>
                <th className="hidden p-3 sm:table-cell">{t("requested")}</th>
                {wholeCompany && <th className="hidden p-3 sm:table-cell">{t("requestedBy")}</th>}
                <th className="p-3">{t("status")}</th>
                <th className="hidden p-3 sm:table-cell">{t("validUntil")}</th>
                <th className="hidden p-3 text-right sm:table-cell">{t("lines")}</th>
                <th className="p-3 text-right">{t("total")}</th>
              </tr>
            </thead>
            <tbody>
              {quotes.map((quote) => (
                <tr key={quote.id} className="border-t border-slate-100" data-testid="quote-row">
                  <NumberDateCells href={`/account/quotes/${encodeURIComponent(quote.quoteNumber)}`} number={quote.quoteNumber} date={quote.createdAt} locale={locale} />
                  {wholeCompany && <td className="hidden p-3 sm:table-cell">{quote.requesterName}</td>}
                  <td className="p-3">
                    <QuoteStatusBadge state={quoteState(quote, today)} />
                  </td>
                  <td className="hidden p-3 sm:table-cell">{quote.validUntil ? dateText(quote.validUntil, locale) : "–"}</td>
                  <td className="hidden p-3 text-right sm:table-cell">{quote.lineCount}</td>
                  <td className="p-3 text-right whitespace-nowrap">{money(quote.totalMinor, locale, quote.currency)}</td>
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
