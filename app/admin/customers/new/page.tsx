import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { CompanyForm } from "@/components/admin/company-form";
import { Card } from "@/components/admin/tabs";
import { CUSTOMER_PEPPOL_SCHEMES } from "@/lib/admin/invoicing-settings";
import { requireStaff } from "@/lib/auth/guards";
import { countryOptions } from "@/lib/i18n/countries";
import { toLocale } from "@/lib/i18n/locales";
import { createCustomerAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newCustomer");

export default async function NewCustomerPage() {
  await connection();
  const staff = await requireStaff("/admin/customers/new");
  const [t, locale] = await Promise.all([getTranslations("admin.customers"), getLocale().then(toLocale)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <p className="text-sm text-slate-600">{staff.role === "admin" ? t("newIntroAdmin") : t("newIntroManager")}</p>
      <Card>
        <CompanyForm
          action={createCustomerAction}
          submitLabel={t("create")}
          countries={countryOptions(locale)}
          peppolSchemes={CUSTOMER_PEPPOL_SCHEMES}
          values={{ name: "", kvkNumber: null, vatId: null, peppolScheme: null, peppolId: null, erpCustomerNumber: null, countryCode: "NL", paymentTermsDays: 30, deliveryTerms: "DAP", active: true }}
        />
      </Card>
    </div>
  );
}
