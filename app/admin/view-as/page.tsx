import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ViewAsSessionsTable } from "@/components/admin/view-as-sessions";
import { Pagination } from "@/components/shop/pagination";
import { managerScope } from "@/lib/admin/access";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listViewAsSessions } from "@/lib/data/impersonation";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.viewAs");
const PAGE_SIZE = 50;

export default async function ViewAsLogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/view-as");
  const { page } = parseSearchParams(z.object({ page: pageParam }), await searchParams);
  const [t, locale, sessions] = await Promise.all([
    getTranslations("admin.viewAs"),
    getLocale().then(toLocale),
    listViewAsSessions({ managerId: managerScope(staff), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <ViewAsSessionsTable sessions={sessions.items} locale={locale} now={new Date()} />
      <Pagination page={page} pages={Math.max(1, Math.ceil(sessions.total / PAGE_SIZE))} hrefFor={(p) => `/admin/view-as?page=${p}`} />
    </div>
  );
}
