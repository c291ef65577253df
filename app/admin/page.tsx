import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/admin/audit-table";
import { Card } from "@/components/admin/tabs";
import { managerScope } from "@/lib/admin/access";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomers, listCustomerOptions } from "@/lib/data/customers";
import { listViewAsSessions } from "@/lib/data/impersonation";
import { listPriceAudit } from "@/lib/data/price-audit";
import { searchPriceLists } from "@/lib/data/price-lists";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { adminHomeTitle } from "@/lib/i18n/page-title";

export const generateMetadata = adminHomeTitle;

export default async function AdminDashboard() {
  await connection();
  const staff = await requireStaff("/admin");
  const scope = managerScope(staff);
  const [t, locale, customers, lists, audit, sessions, options] = await Promise.all([
    getTranslations("admin.dashboard"),
    getLocale().then(toLocale),
    listCustomers({ managerId: scope, offset: 0, limit: 8 }),
    searchPriceLists({ managerId: scope, offset: 0, limit: 8, customersShown: 0 }),
    listPriceAudit({ managerId: scope }, { offset: 0, limit: 10 }),
    listViewAsSessions({ managerId: scope, limit: 5 }),
    listCustomerOptions(scope),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title", { name: staff.name })}</h1>
        <p className="text-sm text-slate-600">{staff.role === "admin" ? t("introAdmin") : t("introManager")}</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("customers", { count: customers.total })} actions={<Link className="text-sm text-brand-700 underline" href="/admin/customers">{t("all")}</Link>}>
          <ul className="divide-y divide-slate-100 text-sm">
            {customers.items.map((c) => (
              <li key={c.id} className="flex justify-between py-1.5">
                <Link className="text-brand-700 hover:underline" href={`/admin/customers/${c.id}`}>
                  {c.name}
                </Link>
                <span className="text-slate-500">{c.city}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("priceLists", { count: lists.total })} actions={<Link className="text-sm text-brand-700 underline" href="/admin/price-lists">{t("all")}</Link>}>
          <ul className="divide-y divide-slate-100 text-sm">
            {lists.items.map((list) => (
              <li key={list.id} className="flex justify-between gap-2 py-1.5">
                <Link className="text-brand-700 hover:underline" href={`/admin/price-lists/${list.id}`}>
                  {list.name}
                </Link>
                <span className="text-slate-500">{t("entries", { count: list.entryCount })}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title={t("recentChanges")} actions={<Link className="text-sm text-brand-700 underline" href="/admin/audit">{t("all")}</Link>}>
        <AuditTable rows={audit.items} locale={locale} customers={new Map(options.map((o) => [o.id, o.name]))} />
      </Card>
      <Card title={t("recentViewAs")} actions={<Link className="text-sm text-brand-700 underline" href="/admin/view-as">{t("all")}</Link>}>
        {sessions.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noViewAs")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {sessions.items.map((s) => (
              <li key={s.id} className="flex flex-wrap justify-between gap-2 py-1.5">
                <Link className="text-brand-700 hover:underline" href={`/admin/view-as/${s.id}`}>
                  {t("viewAsLine", { staff: s.staffName, user: s.targetName, company: s.companyName })}
                </Link>
                <span className="text-slate-500">{dateTimeText(s.createdAt, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
