import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { validity } from "@/components/admin/audit-table";
import { TabNav } from "@/components/admin/tab-nav";
import { Badge } from "@/components/admin/tabs";
import { windowStatus } from "@/lib/admin/list-status";
import { priceListForPage } from "@/lib/admin/route-params";
import { getCurrentUser, requireStaff } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";

/** The header names this many customers of a list (every tab shows it); the settings tab lists them all. */
const CUSTOMERS_NAMED = 5;

export default async function PriceListLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  if (!(await getCurrentUser())) return <>{children}</>;
  const staff = await requireStaff(`/admin/price-lists/${id}`);
  const [{ list, canEdit }, t, ta, locale] = await Promise.all([
    priceListForPage(staff, id),
    getTranslations("admin.priceList"),
    getTranslations("admin.audit"),
    getLocale().then(toLocale),
  ]);
  const status = windowStatus(list.validFrom, list.validTo, new Date());
  const base = `/admin/price-lists/${list.id}`;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin/price-lists" className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {list.name} <Badge tone={status === "active" ? "green" : status === "upcoming" ? "blue" : "slate"}>{t(`status.${status}`)}</Badge>
          {!canEdit && <Badge>{t("readOnly")}</Badge>}
        </h1>
        <p className="text-sm text-slate-600">
          {list.code} · {list.currency} · {validity(list.validFrom, list.validTo, ta, locale) || ta("alwaysValid")} · {t("entries", { count: list.entryCount })}
        </p>
        <p className="text-sm text-slate-600">
          {list.customerCount === 0
            ? t("noCustomers")
            : t(list.customerCount > CUSTOMERS_NAMED ? "usedByMore" : "usedBy", {
                customers: list.customers
                  .slice(0, CUSTOMERS_NAMED)
                  .map((c) => `${c.name} (${t("priorityShort", { priority: c.priority })})`)
                  .join(", "),
                count: list.customerCount - CUSTOMERS_NAMED,
              })}
        </p>
        {!canEdit && <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm">{t("readOnlyExplained")}</p>}
      </div>
      <TabNav
        label={t("tabs.label")}
        items={[
          { href: base, label: t("tabs.prices") },
          { href: `${base}/csv`, label: t("tabs.csv") },
          { href: `${base}/settings`, label: t("tabs.settings") },
          { href: `${base}/history`, label: t("tabs.history") },
        ]}
      />
      {children}
    </div>
  );
}
