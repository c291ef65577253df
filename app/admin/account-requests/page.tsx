import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { LinkTabs, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { listAccountRequestsForStaff } from "@/lib/admin/account-requests";
import { parseSearchParams, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";
import { RequestStage } from "./stage";

export const generateMetadata = pageTitle("admin.accountRequests");

/** "pending" (the queue, oldest first) is the default; decided requests newest first. */
const STATUSES = ["pending", "approved", "rejected"] as const;
const paramsSchema = z.object({ status: z.enum(STATUSES).catch("pending") });

export default async function AccountRequestsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/account-requests");
  const { status } = parseSearchParams(paramsSchema, await searchParams);
  const [t, locale, requests] = await Promise.all([
    getTranslations("accountRequests.admin"),
    getLocale().then(toLocale),
    listAccountRequestsForStaff(staff, status),
  ]);
  // The default tab stays out of the URL, so the navigation link and the "open" tab are the same page.
  const hrefFor = (value: (typeof STATUSES)[number]) => `/admin/account-requests${toQueryString({ status: value === "pending" ? undefined : value })}`;
  const decided = status !== "pending";
  const now = new Date();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <LinkTabs
        label={t("filterLabel")}
        testId="account-request-filters"
        items={STATUSES.map((value) => ({ href: hrefFor(value), label: t(`filter.${value}`), current: value === status }))}
      />
      <p className="text-sm text-slate-600">{t("count", { count: requests.length })}</p>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">{status === "pending" ? t("emptyPending") : t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="account-request-table">
            <thead>
              <tr>
                <th className={thClass}>{t("receivedAt")}</th>
                <th className={thClass}>{t("company")}</th>
                <th className={thClass}>{t("kvk")}</th>
                <th className={thClass}>{t("city")}</th>
                <th className={thClass}>{t("contact")}</th>
                {decided && <th className={thClass}>{t("decided")}</th>}
                {status === "approved" && <th className={thClass}>{t("customer")}</th>}
                {status === "approved" && <th className={thClass}>{t("outcome.stage")}</th>}
                {status === "rejected" && <th className={thClass}>{t("reason")}</th>}
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} data-testid="account-request-row" data-id={request.id} data-status={request.status}>
                  <td className={`${tdClass} whitespace-nowrap`}>{dateTimeText(request.createdAt, locale)}</td>
                  <td className={tdClass}>
                    <Link href={`/admin/account-requests/${request.id}`} className="font-medium text-brand-700 underline">
                      {request.companyName}
                    </Link>
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{request.kvkNumber ?? t("none")}</td>
                  <td className={tdClass}>
                    {request.city}
                    {request.countryCode !== "NL" && <span className="text-slate-500"> ({request.countryCode})</span>}
                  </td>
                  <td className={tdClass}>
                    {request.contactName}
                    <a href={`mailto:${request.email}`} className="block text-xs text-brand-700 hover:underline">
                      {request.email}
                    </a>
                  </td>
                  {decided && (
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {request.decidedAt ? t("byOn", { name: request.decidedBy === null ? t("autoJoin") : (request.decidedByName ?? t("unknown")), date: dateTimeText(request.decidedAt, locale) }) : t("none")}
                    </td>
                  )}
                  {status === "approved" && (
                    <td className={tdClass}>
                      {request.companyId ? (
                        <Link href={`/admin/customers/${request.companyId}`} className="text-brand-700 underline" data-testid="account-request-customer-link">
                          {t("openCustomer")}
                        </Link>
                      ) : (
                        t("none")
                      )}
                    </td>
                  )}
                  {status === "approved" && (
                    <td className={tdClass}>
                      <RequestStage request={request} locale={locale} now={now} />
                    </td>
                  )}
                  {status === "rejected" && <td className={`${tdClass} max-w-md whitespace-pre-line`}>{request.rejectionReason ?? t("none")}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
