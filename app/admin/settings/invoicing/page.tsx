import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/admin/tabs";
import type { SupplierProfile } from "@/db/schema";
import { isAdmin } from "@/lib/admin/access";
import { readSupplierProfile, SUPPLIER_PEPPOL_SCHEMES } from "@/lib/admin/invoicing-settings";
import { requireStaff } from "@/lib/auth/guards";
import { money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { saveDeliveryChargesAction, saveSupplierProfileAction } from "./actions";
import { DeliveryChargeForm } from "./delivery-charge-form";
import { SUPPLIER_PROFILE_FIELDS } from "./fields";
import { SupplierProfileForm } from "./supplier-profile-form";
import { pageTitle } from "@/lib/i18n/page-title";

function ReadOnlyProfile({ profile, labels, adminOnly }: { profile: SupplierProfile | null; labels: Record<string, string>; adminOnly: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{adminOnly}</p>
      {profile && (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="supplier-profile">
          {SUPPLIER_PROFILE_FIELDS.map((field) => (
            <div key={field} className="contents">
              <dt className="font-medium text-slate-700">{labels[field]}</dt>
              <dd>{profile[field] ?? "–"}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export const generateMetadata = pageTitle("admin.invoicingSettings");

/** Our company's invoicing master data: every staff member sees it, only admins change it. */
export default async function InvoicingSettingsPage() {
  await connection();
  const staff = await requireStaff("/admin/settings/invoicing");
  const [t, td, profile, locale] = await Promise.all([
    getTranslations("invoicing.supplier"),
    getTranslations("invoicing.delivery"),
    readSupplierProfile(staff),
    getLocale().then(toLocale),
  ]);
  const editable = isAdmin(staff);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {!profile && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="supplier-profile-missing">
          {t("missing")}
        </p>
      )}
      <Card title={t("card")}>
        {!editable ? (
          <ReadOnlyProfile profile={profile} labels={Object.fromEntries(SUPPLIER_PROFILE_FIELDS.map((f) => [f, t(`fields.${f}`)]))} adminOnly={t("adminOnly")} />
        ) : (
          <SupplierProfileForm
            action={saveSupplierProfileAction}
            peppolSchemes={SUPPLIER_PEPPOL_SCHEMES}
            values={
              profile ?? {
                legalName: "",
                tradingName: null,
                kvkNumber: "",
                vatId: "",
                peppolScheme: "0106",
                peppolId: "",
                street: "",
                postalCode: "",
                city: "",
                countryCode: "NL",
                iban: "",
                bic: null,
                email: "",
                phone: null,
                paymentTermsDays: 30,
              }
            }
          />
        )}
      </Card>
      {profile && (
        <Card title={td("card")}>
          <div className="space-y-3">
            <p className="text-sm text-slate-600">{td("intro")}</p>
            {editable ? (
              <DeliveryChargeForm action={saveDeliveryChargesAction} values={profile} />
            ) : (
              <p className="text-sm" data-testid="delivery-charge-summary">
                {profile.deliveryChargeMinor === 0
                  ? td("none")
                  : profile.freeDeliveryFromMinor === null
                    ? td("summary", { charge: money(profile.deliveryChargeMinor, locale) })
                    : td("summaryFree", { charge: money(profile.deliveryChargeMinor, locale), from: money(profile.freeDeliveryFromMinor, locale) })}
              </p>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
