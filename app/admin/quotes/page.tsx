import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, LinkTabs, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { listQuotesForStaff, parseQuoteStatusFilter } from "@/lib/admin/quotes";
import { pageParam, parseSearchParams, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { dateText, dateTimeText, money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { quoteState } from "@/lib/quotes/quote-rules";
import { quoteTone } from "./status-tone";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.quotes");

const PAGE_SIZE = 25;
/** "open" (requests waiting for an answer) is the inbox's default; "requested" is the same, so it is not offered twice. */
const FILTERS = ["open", "quoted", "accepted", "ordered", "declined", "rejected", "all"] as const;
const paramsSchema = z.object({ status: z.enum(FILTERS).catch("open"), page: pageParam });

export default async function QuotesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/quotes");
  const params = parseSearchParams(paramsSchema, await searchParams);
  const [t, locale, result] = await Promise.all([
    getTranslations("admin.quotes"),
    getLocale().then(toLocale),
    listQuotesForStaff(staff, {
      statuses: params.status === "all" ? undefined : parseQuoteStatusFilter(params.status),
      offset: (params.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
  ]);
  const today = calendarDate(new Date());
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  // The default filter stays out of the URL, so the navigation link and the "open" tab are the same page.
  const hrefFor = (status: (typeof FILTERS)[number], page?: number) =>
    `/admin/quotes${toQueryString({ status: status === "open" ? undefined : status, page: page && page > 1 ? page : undefined })}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <LinkTabs
        label={t("filterLabel")}
        testId="quote-filters"
        items={FILTERS.map((filter) => ({ href: hrefFor(filter), label: t(`filter.${filter}`), current: filter === params.status }))}
      />
      <p className="text-sm text-slate-600">{t("count", { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p className="text-sm text-slate-600">{params.status === "open" ? t("emptyOpen") : t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="quote-table">
            <thead>
              <tr>
                <th className={thClass}>{t("number")}</th>
                <th className={thClass}>{t("customer")}</th>
                <th className={thClass}>{t("requester")}</th>
                <th className={thClass}>{t("requestedAt")}</th>
                <th className={thClass}>{t("status")}</th>
                <th className={thClass}>{t("validUntil")}</th>
                <th className={`${thClass} text-right`}>{t("lines")}</th>
                <th className={`${thClass} text-right`}>{t("total")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((quote) => {
                const state = quoteState(quote, today);
                return (
                  <tr key={quote.id} data-testid="quote-row" data-quote-number={quote.quoteNumber} data-state={state}>
                    <td className={tdClass}>
                      <Link href={`/admin/quotes/${quote.id}`} className="font-medium text-brand-700 underline">
                        {quote.quoteNumber}
                      </Link>
                    </td>
                    <td className={tdClass}>
                      <Link href={`/admin/customers/${quote.companyId}`} className="text-brand-700 hover:underline">
                        {quote.companyName}
                      </Link>
                    </td>
                    <td className={tdClass}>{quote.requesterName}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{dateTimeText(quote.createdAt, locale)}</td>
                    <td className={tdClass}>
                      <Badge tone={quoteTone(state)}>{t(`statuses.${state}`)}</Badge>
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>{quote.validUntil ? dateText(quote.validUntil, locale) : "–"}</td>
                    <td className={`${tdClass} text-right tabular-nums`}>{quote.lineCount}</td>
                    <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
                      {money(quote.totalMinor, locale, quote.currency)}
                      {/* Never quoted (open, or rejected unanswered): the total is what the buyer's prices came to when asking. */}
                      {quote.quotedAt === null && <span className="block text-xs text-slate-500">{t("atRequestPrices")}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={params.page} pages={pages} hrefFor={(page) => hrefFor(params.status, page)} />
    </div>
  );
}
