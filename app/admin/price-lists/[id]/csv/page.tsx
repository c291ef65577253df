import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { CsvImport } from "@/components/admin/csv-import";
import { Card } from "@/components/admin/tabs";
import { priceListForPage } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.priceListCsv");

export default async function PriceListCsvPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}/csv`);
  const { list, canEdit } = await priceListForPage(staff, id);
  const t = await getTranslations("admin.csv");
  return (
    <div className="space-y-6">
      <Card title={t("exportHeading")}>
        <p className="mb-3 text-sm text-slate-600">{t("exportIntro")}</p>
        <div className="flex flex-wrap gap-3">
          <a href={`/admin/price-lists/${list.id}/export-csv?format=nl`} className="rounded-md border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50" download>
            {t("exportNl")}
          </a>
          <a href={`/admin/price-lists/${list.id}/export-csv?format=intl`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" download>
            {t("exportIntl")}
          </a>
        </div>
      </Card>
      <Card title={t("importHeading")}>
        <div className="mb-4 space-y-2 text-sm text-slate-700">
          <p>{t("importIntro")}</p>
          <pre className="relative overflow-x-auto rounded bg-slate-100 p-2 text-xs">
            {"sku;type;value;tier1_qty;tier1_value;valid_from;valid_to\nKP-000001;fixed;4,50;10;4,20;;31-12-2026\nKP-000002;discount;12,5;;;2026-01-01;"}
          </pre>
          <ul className="list-disc pl-5 text-xs text-slate-600">
            <li>{t("ruleColumns")}</li>
            <li>{t("ruleNumbers")}</li>
            <li>{t("ruleDates")}</li>
            <li>{t("ruleAtomic")}</li>
          </ul>
        </div>
        {canEdit ? <CsvImport priceListId={list.id} canEdit={canEdit} /> : <p className="text-sm text-slate-600">{t("readOnly")}</p>}
      </Card>
    </div>
  );
}
