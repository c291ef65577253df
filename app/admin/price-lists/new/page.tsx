import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { PriceListForm } from "@/components/admin/price-list-form";
import { Card } from "@/components/admin/tabs";
import { requireStaff } from "@/lib/auth/guards";
import { createPriceListAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newPriceList");

export default async function NewPriceListPage() {
  await connection();
  await requireStaff("/admin/price-lists/new");
  const t = await getTranslations("admin.priceLists");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <p className="text-sm text-slate-600">{t("newIntro")}</p>
      <Card>
        <PriceListForm action={createPriceListAction} submitLabel={t("create")} values={{ id: null, code: "", name: "", currency: "EUR", validFrom: null, validTo: null }} />
      </Card>
    </div>
  );
}
