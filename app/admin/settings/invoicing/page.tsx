import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/admin/tabs";
import type { SupplierProfile } from "@/db/schema";
import { isAdmin } from "@/lib/admin/access";
import { readSupplierProfile, SUPPLIER_PEPPOL_SCHEMES } from "@/lib/admin/invoicing-settings";
import { requireStaff } from "@/lib/auth/guards";
import { saveSupplierProfileAction } from "./actions";
import { SUPPLIER_PROFILE_FIELDS } from "./fields";
import { SupplierProfileForm } from "./supplier-profile-form";

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

export const metadata = { title: "Facturatie" };

/** Our company's invoicing master data: every staff member sees it, only admins change it. */
export default async function InvoicingSettingsPage() {
  await connection();
  const staff = await requireStaff("/admin/settings/invoicing");
  const [t, profile] = await Promise.all([getTranslations("invoicing.supplier"), readSupplierProfile(staff)]);
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
    </div>
  );
}
