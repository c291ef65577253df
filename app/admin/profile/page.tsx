import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { TwoStepSection } from "@/components/account/two-step-section";
import { requireStaff, staffMustSetUpTwoStep } from "@/lib/auth/guards";
import { twoStepView } from "@/lib/two-step/section-props";
import { cancelTwoStepAction, confirmTwoStepAction, disableTwoStepAction, renewRecoveryCodesAction, startTwoStepAction } from "../../(shop)/account/profile/two-step-actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.profile");

const twoStepActions = {
  start: startTwoStepAction,
  cancel: cancelTwoStepAction,
  confirm: confirmTwoStepAction,
  renew: renewRecoveryCodesAction,
  disable: disableTwoStepAction,
};

/** The staff member's own profile: two-step verification for their sign-in (buyers have it under My account). */
export default async function AdminProfilePage() {
  await connection();
  // Open to staff who still have to set up two-step verification when it is required (lib/auth/guards.ts).
  const staff = await requireStaff("/admin/profile", { twoStepSetup: true });
  const [t, twoStep, mustSetUp] = await Promise.all([getTranslations("twoStep.admin"), twoStepView(staff), staffMustSetUpTwoStep(staff)]);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("profileTitle")}</h1>
      {mustSetUp && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="two-step-required">
          {t("requiredNotice")}
        </p>
      )}
      <p className="text-sm text-slate-600">{t("profileIntro", { name: staff.name, email: staff.email })}</p>
      <p className="text-sm text-slate-600">{t("passwordNote")}</p>
      <TwoStepSection {...twoStep} actions={twoStepActions} />
    </div>
  );
}
