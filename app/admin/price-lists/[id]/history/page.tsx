import { connection } from "next/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/shop/pagination";
import { managerScope } from "@/lib/admin/access";
import { priceListForPage } from "@/lib/admin/route-params";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomerOptions } from "@/lib/data/customers";
import { listPriceAudit } from "@/lib/data/price-audit";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.priceListHistory");
const PAGE_SIZE = 50;

export default async function PriceListHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}/history`);
  const { list } = await priceListForPage(staff, id);
  const { page } = parseSearchParams(z.object({ page: pageParam }), await searchParams);
  const [locale, audit, customers] = await Promise.all([
    getLocale().then(toLocale),
    listPriceAudit({ priceListId: list.id, managerId: managerScope(staff) }, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    listCustomerOptions(managerScope(staff)),
  ]);
  return (
    <div className="space-y-3">
      <AuditTable rows={audit.items} locale={locale} showList={false} customers={new Map(customers.map((c) => [c.id, c.name]))} />
      <Pagination page={page} pages={Math.max(1, Math.ceil(audit.total / PAGE_SIZE))} hrefFor={(p) => `/admin/price-lists/${list.id}/history?page=${p}`} />
    </div>
  );
}
