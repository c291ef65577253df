import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { canSeeCustomer } from "@/lib/admin/access";
import { idParam } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { getViewAsSession, listViewAsEvents } from "@/lib/data/impersonation";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.viewAsSession");

export default async function ViewAsSessionPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/view-as/${id}`);
  const session = await getViewAsSession(idParam(id));
  if (!session || !(await canSeeCustomer(staff, session.companyId))) notFound();
  const [t, locale, events] = await Promise.all([getTranslations("admin.viewAs"), getLocale().then(toLocale), listViewAsEvents(session.id)]);
  return (
    <div className="space-y-4">
      <Link href="/admin/view-as" className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("sessionTitle", { id: session.id })}</h1>
      <p className="text-sm text-slate-600">
        {t("sessionWindow", { start: dateTimeText(session.createdAt, locale), end: dateTimeText(session.endedAt ?? session.expiresAt, locale) })}
        {session.reason && ` · ${t("reason")}: ${session.reason}`}
      </p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={tableClass} data-testid="view-as-events">
          <thead>
            <tr>
              <th className={thClass}>{t("when")}</th>
              <th className={thClass}>{t("event")}</th>
              <th className={thClass}>{t("staff")}</th>
              <th className={thClass}>{t("viewedAs")}</th>
              <th className={thClass}>{t("detail")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="view-as-event" data-kind={event.kind}>
                <td className={`${tdClass} whitespace-nowrap`}>{dateTimeText(event.createdAt, locale)}</td>
                <td className={tdClass}>{t(`events.${event.kind}`)}</td>
                <td className={tdClass}>{event.staffName}</td>
                <td className={tdClass}>{event.targetName}</td>
                <td className={`${tdClass} break-all`}>{event.orderNumber ? t("order", { number: event.orderNumber }) : event.path ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
