import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { dateTimeText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { Badge, tableClass, tdClass, thClass } from "./tabs";

export interface ViewAsSessionRow {
  id: number;
  staffName: string;
  targetName: string;
  targetEmail: string;
  companyId: number;
  companyName: string;
  reason: string | null;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  pageViews: number;
  ordersPlaced: number;
}

/** The view-as audit: who viewed the shop as whom, when, how long, what they did. */
export async function ViewAsSessionsTable({ sessions, locale, now, showCompany = true }: { sessions: ViewAsSessionRow[]; locale: Locale; now: Date; showCompany?: boolean }) {
  const t = await getTranslations("admin.viewAs");
  if (sessions.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className={tableClass} data-testid="view-as-sessions">
        <thead>
          <tr>
            <th className={thClass}>{t("started")}</th>
            <th className={thClass}>{t("staff")}</th>
            <th className={thClass}>{t("viewedAs")}</th>
            {showCompany && <th className={thClass}>{t("customer")}</th>}
            <th className={thClass}>{t("reason")}</th>
            <th className={`${thClass} text-right`}>{t("pageViews")}</th>
            <th className={`${thClass} text-right`}>{t("orders")}</th>
            <th className={thClass}>{t("state")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const state = s.endedAt ? "ended" : s.expiresAt <= now ? "expired" : "active";
            return (
              <tr key={s.id} data-testid="view-as-session">
                <td className={`${tdClass} whitespace-nowrap`}>
                  <Link href={`/admin/view-as/${s.id}`} className="text-brand-700 underline">
                    {dateTimeText(s.createdAt, locale)}
                  </Link>
                </td>
                <td className={tdClass}>{s.staffName}</td>
                <td className={tdClass}>
                  {s.targetName}
                  <div className="text-xs text-slate-500">{s.targetEmail}</div>
                </td>
                {showCompany && (
                  <td className={tdClass}>
                    <Link href={`/admin/customers/${s.companyId}`} className="text-brand-700 hover:underline">
                      {s.companyName}
                    </Link>
                  </td>
                )}
                <td className={tdClass}>{s.reason ?? "–"}</td>
                <td className={`${tdClass} text-right`}>{s.pageViews}</td>
                <td className={`${tdClass} text-right`}>{s.ordersPlaced}</td>
                <td className={tdClass}>
                  <Badge tone={state === "active" ? "amber" : "slate"}>{t(`states.${state}`)}</Badge>
                  <div className="text-xs text-slate-500">{dateTimeText(s.endedAt ?? s.expiresAt, locale)}</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
