import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { SecurityEventText } from "@/components/admin/security-event-text";
import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { listAccountSecurityEvents } from "@/lib/admin/two-step";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.accountSecurity");
const PAGE_SIZE = 50;

/** The account security log: two-step verification of the staff member's customers' users (admins: everybody's). */
export default async function SecurityAuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/audit/security");
  const { page } = parseSearchParams(z.object({ page: pageParam }), await searchParams);
  const [t, locale, events] = await Promise.all([
    getTranslations("twoStep.audit"),
    getLocale().then(toLocale),
    listAccountSecurityEvents(staff, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
  ]);
  const ts = await getTranslations("staff");
  const role = (value: string) => (["self", "admin", "account_manager", "company_admin"].includes(value) ? t(`roles.${value as "self"}`) : value);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">
        {t("intro")}{" "}
        <Link href="/admin/audit" className="text-brand-700 underline">
          {t("priceLink")}
        </Link>
      </p>
      <p className="text-sm text-slate-600">{t("count", { count: events.total })}</p>
      <table className={tableClass} data-testid="security-events">
        <thead>
          <tr>
            <th className={thClass}>{t("when")}</th>
            <th className={thClass}>{t("user")}</th>
            <th className={thClass}>{t("customer")}</th>
            <th className={thClass}>{t("event")}</th>
            <th className={thClass}>{t("by")}</th>
          </tr>
        </thead>
        <tbody>
          {events.items.map((event) => (
            <tr key={event.id} data-testid="security-event" data-kind={event.kind} data-email={event.userEmail}>
              <td className={tdClass}>{dateTimeText(event.createdAt, locale)}</td>
              <td className={tdClass}>
                <div>{event.userName}</div>
                <div className="text-xs text-slate-600">{event.userEmail}</div>
              </td>
              <td className={tdClass}>
                {event.companyId !== null ? (
                  <Link href={`/admin/customers/${event.companyId}/users`} className="underline">
                    {event.companyName}
                  </Link>
                ) : staff.role === "admin" ? (
                  // A staff member's event (only admins see those): their page in Staff.
                  <Link href={`/admin/staff/${event.userId}`} className="underline">
                    {ts("staffMember")}
                  </Link>
                ) : (
                  "–"
                )}
              </td>
              <td className={tdClass}>
                <SecurityEventText event={event} />
              </td>
              <td className={tdClass}>{event.actorRole === "self" ? role("self") : `${event.actorName} (${role(event.actorRole)})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pages={Math.max(1, Math.ceil(events.total / PAGE_SIZE))} hrefFor={(p) => `/admin/audit/security?page=${p}`} />
    </div>
  );
}
