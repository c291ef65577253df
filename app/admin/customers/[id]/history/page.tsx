import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AuditTable } from "@/components/admin/audit-table";
import { Card } from "@/components/admin/tabs";
import { ViewAsSessionsTable } from "@/components/admin/view-as-sessions";
import { Pagination } from "@/components/shop/pagination";
import { managerScope } from "@/lib/admin/access";
import { customerForPage } from "@/lib/admin/route-params";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listViewAsSessions } from "@/lib/data/impersonation";
import { listPriceAudit } from "@/lib/data/price-audit";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.customerHistory");
const PAGE_SIZE = 50;

export default async function CustomerHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/customers/${id}/history`);
  const company = await customerForPage(staff, id);
  const { page } = parseSearchParams(z.object({ page: pageParam }), await searchParams);
  const [t, locale, audit, sessions] = await Promise.all([
    getTranslations("admin.customer"),
    getLocale().then(toLocale),
    listPriceAudit({ companyId: company.id, managerId: managerScope(staff) }, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    listViewAsSessions({ companyId: company.id, managerId: managerScope(staff), limit: 20 }),
  ]);
  return (
    <div className="space-y-6">
      <Card title={t("priceHistory")}>
        <p className="mb-3 text-sm text-slate-600">{t("priceHistoryIntro")}</p>
        <AuditTable rows={audit.items} locale={locale} customers={new Map([[company.id, company.name]])} />
        <Pagination page={page} pages={Math.max(1, Math.ceil(audit.total / PAGE_SIZE))} hrefFor={(p) => `/admin/customers/${company.id}/history?page=${p}`} />
      </Card>
      <Card title={t("viewAsHistory")}>
        <ViewAsSessionsTable sessions={sessions.items} locale={locale} now={new Date()} showCompany={false} />
      </Card>
    </div>
  );
}
