import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { StaffForm } from "@/components/admin/staff-form";
import { IdleBulkDeactivate } from "@/components/admin/idle-bulk-deactivate";
import { IdleFilter } from "@/components/admin/idle-filter";
import { StaffStatus } from "@/components/admin/staff-status";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { idleDaysParam, idleFilterChoices, isIdle } from "@/lib/admin/idle-accounts";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { readStaffOverview } from "@/lib/admin/staff";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { deactivateIdleStaffAction, inviteStaffAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.staff");

/** Staff management: admins only, account managers get a 404 like everybody else. */
export default async function StaffPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/staff");
  if (!isAdmin(staff)) notFound();
  const [t, locale, everybody, { idle }] = await Promise.all([
    getTranslations("staff"),
    getLocale().then(toLocale),
    readStaffOverview(staff),
    searchParams.then((raw) => parseSearchParams(z.object({ idle: idleDaysParam }), raw)),
  ]);
  // Access review (?idle=90): only the accounts not signed in for that long.
  const now = new Date();
  const members = idle ? everybody.filter((member) => isIdle(member, idle, now)) : everybody;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("count", { count: everybody.length })}>
        <IdleFilter
          label={t("idleLabel")}
          choices={idleFilterChoices("/admin/staff", everybody, idle, now)}
          labelFor={(days, count) => (days ? t("idleDays", { days, count }) : t("idleAll", { count }))}
        />
        {idle && <p className="mb-3 text-xs text-slate-600">{members.length === 0 ? t("idleNone") : t("idleNote")}</p>}
        {idle && <IdleBulkDeactivate action={deactivateIdleStaffAction} list="staff" days={idle} userIds={members.map((member) => member.id)} />}
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="staff-table">
            <thead>
              <tr>
                <th className={thClass}>{t("name")}</th>
                <th className={thClass}>{t("role")}</th>
                <th className={thClass}>{t("status")}</th>
                <th className={thClass}>{t("twoStep")}</th>
                <th className={thClass}>{t("lastSignIn")}</th>
                <th className={`${thClass} text-right`}>{t("customers")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id} data-testid="staff-row" data-email={member.email}>
                  <td className={tdClass}>
                    <Link href={`/admin/staff/${member.id}`} className="font-medium text-brand-700 underline">
                      {member.name}
                    </Link>{" "}
                    {member.id === staff.id && <span className="text-xs text-slate-600">{t("you")}</span>}
                    <div className="text-xs text-slate-600">{member.email}</div>
                  </td>
                  <td className={tdClass}>{t(`roles.${member.role}`)}</td>
                  <td className={tdClass}>
                    <StaffStatus member={member} locale={locale} />
                  </td>
                  <td className={tdClass}>{member.hasPassword ? member.twoStepOn ? <Badge tone="green">{t("twoStepOn")}</Badge> : t("twoStepOff") : "–"}</td>
                  <td className={tdClass}>{member.lastSignInAt ? dateTimeText(member.lastSignInAt, locale) : t("never")}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{member.customerCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t("inviteTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("inviteIntro")}</p>
        <StaffForm action={inviteStaffAction} submitLabel={t("invite")} values={{ id: null, name: "", email: "", role: "account_manager", locale: "nl" }} />
      </Card>
    </div>
  );
}
