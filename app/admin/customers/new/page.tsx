import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { CompanyForm } from "@/components/admin/company-form";
import { Card } from "@/components/admin/tabs";
import { requireStaff } from "@/lib/auth/guards";
import { createCustomerAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newCustomer");

export default async function NewCustomerPage() {
  await connection();
  const staff = await requireStaff("/admin/customers/new");
  const t = await getTranslations("admin.customers");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <p className="text-sm text-slate-600">{staff.role === "admin" ? t("newIntroAdmin") : t("newIntroManager")}</p>
      <Card>
        <CompanyForm
          action={createCustomerAction}
          submitLabel={t("create")}
          values={{ name: "", kvkNumber: null, vatId: null, peppolScheme: null, peppolId: null, countryCode: "NL", paymentTermsDays: 30, deliveryTerms: "DAP", active: true }}
        />
      </Card>
    </div>
  );
}
