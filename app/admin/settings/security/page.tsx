import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { Card } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { readSecuritySettings } from "@/lib/admin/security-settings";
import { requireStaff } from "@/lib/auth/guards";
import { saveSecuritySettingsAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.securitySettings");

/** Sign-in security of the staff: admins only, everybody else gets a 404. */
export default async function SecuritySettingsPage() {
  await connection();
  const staff = await requireStaff("/admin/settings/security");
  if (!isAdmin(staff)) notFound();
  const [t, settings] = await Promise.all([getTranslations("admin.security"), readSecuritySettings(staff)]);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("staffTwoStepTitle")}>
        <ActionForm
          action={saveSecuritySettingsAction}
          submitLabel={t("save")}
          successMessage={t("saved")}
          fieldLabels={{ staffTwoStepRequired: t("staffTwoStepRequired") }}
          testId="security-settings-form"
        >
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="staffTwoStepRequired" defaultChecked={settings.staffTwoStepRequired} className="mt-1" />
            <span>
              <span className="font-medium">{t("staffTwoStepRequired")}</span>
              <span className="block text-slate-600">{t("staffTwoStepHint")}</span>
            </span>
          </label>
          {!staff.twoStepSince && <p className="text-sm text-amber-800">{t("yoursFirst")}</p>}
        </ActionForm>
      </Card>
    </div>
  );
}
