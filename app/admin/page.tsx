import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/admin/audit-table";
import { managerScope } from "@/lib/admin/access";
import { reviewReasonCodes, waitingTime } from "@/lib/admin/review-queue";
import { listOldestOrdersToReview } from "@/lib/data/credit";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomers, listCustomerOptions } from "@/lib/data/customers";
import { listViewAsSessions } from "@/lib/data/impersonation";
import { listPriceAudit } from "@/lib/data/price-audit";
import { searchPriceLists } from "@/lib/data/price-lists";
import { dateTimeText } from "@/lib/format";
import { Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { toLocale } from "@/lib/i18n/locales";
import { adminHomeTitle } from "@/lib/i18n/page-title";

export const generateMetadata = adminHomeTitle;

export default async function AdminDashboard() {
  await connection();
  const staff = await requireStaff("/admin");
  const scope = managerScope(staff);
  const [t, tr, locale, customers, lists, audit, sessions, options, toReview] = await Promise.all([
    getTranslations("admin.dashboard"),
    getTranslations("purchaseOrders"),
    getLocale().then(toLocale),
    listCustomers({ managerId: scope, offset: 0, limit: 8 }),
    searchPriceLists({ managerId: scope, offset: 0, limit: 8, customersShown: 0 }),
    listPriceAudit({ managerId: scope }, { offset: 0, limit: 10 }),
    listViewAsSessions({ managerId: scope, limit: 5 }),
    listCustomerOptions(scope),
    // The nav badge only counts them: the oldest, with why, so the first to decide is one click away.
    listOldestOrdersToReview(scope, 8),
  ]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title", { name: staff.name })}</h1>
        <p className="text-sm text-slate-600">{staff.role === "admin" ? t("introAdmin") : t("introManager")}</p>
      </div>
      <Card
        title={tr("toReview.title")}
        actions={
          toReview.length > 0 && (
            <Link className="text-sm text-brand-700 underline" href="/admin/orders?status=needs_review">
              {tr("toReview.all")}
            </Link>
          )
        }
      >
        {toReview.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="to-review-empty">
            {tr("toReview.empty")}
          </p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">{staff.role === "admin" ? tr("toReview.introAdmin") : tr("toReview.intro")}</p>
            <div className="relative overflow-x-auto">
              <table className={tableClass} data-testid="to-review">
                <thead>
                  <tr>
                    <th className={thClass}>{tr("toReview.order")}</th>
                    <th className={thClass}>{tr("toReview.customer")}</th>
                    <th className={thClass}>{tr("toReview.waiting")}</th>
                    <th className={thClass}>{tr("toReview.reasons")}</th>
                  </tr>
                </thead>
                <tbody>
                  {toReview.map((order) => {
                    const waited = waitingTime(order.placedAt, now);
                    return (
                      <tr key={order.id} data-testid="to-review-row">
                        <td className={tdClass}>
                          <Link className="text-brand-700 hover:underline" href={`/admin/orders/${order.id}`}>
                            {order.orderNumber}
                          </Link>
                          {order.buyerOrderId && <span className="ml-1 text-xs text-slate-500">{order.buyerOrderId}</span>}
                        </td>
                        <td className={tdClass}>
                          <Link className="text-brand-700 hover:underline" href={`/admin/customers/${order.companyId}`}>
                            {order.companyName}
                          </Link>
                        </td>
                        <td className={tdClass}>
                          <span title={dateTimeText(order.placedAt, locale)}>{tr(`toReview.${waited.unit}`, { count: waited.count })}</span>
                        </td>
                        <td className={tdClass}>{reviewReasonCodes(order).map((code) => tr(`reasonShort.${code}`)).join(", ")}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
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
