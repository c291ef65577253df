import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { TwoStepSection } from "@/components/account/two-step-section";
import { requireBuyer } from "@/lib/auth/guards";
import { getPasswordHash } from "@/lib/data/account";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { twoStepView } from "@/lib/two-step/section-props";
import { changePasswordAction, updateProfileAction } from "../actions";
import { cancelTwoStepAction, confirmTwoStepAction, disableTwoStepAction, renewRecoveryCodesAction, startTwoStepAction } from "./two-step-actions";
import { pageTitle } from "@/lib/i18n/page-title";

const twoStepActions = {
  start: startTwoStepAction,
  cancel: cancelTwoStepAction,
  confirm: confirmTwoStepAction,
  renew: renewRecoveryCodesAction,
  disable: disableTwoStepAction,
};

export const generateMetadata = pageTitle("account.profile");

const inputClass = "mt-1 rounded-md border border-slate-300 px-3 py-1.5";

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  // The one shop page open to a buyer whose company requires two-step verification and who has none.
  const buyer = await requireBuyer("/account/profile", { twoStepSetup: true });
  const mustSetUp = buyerMustSetUpTwoStep(buyer);
  // In a punchout session the procurement system signed the user in: no password to change (nor
  // two-step verification, twoStepView). Its technical user is shared by everybody the system sends:
  // no name or language of its own either (lib/account/profile.ts refuses both).
  const { punchout } = buyer;
  const [t, tMessages, t2, hash, { changed }, twoStep] = await Promise.all([
    getTranslations("account.profile"),
    getTranslations("account.messages"),
    getTranslations("twoStep.profile"),
    punchout ? null : getPasswordHash(buyer.id),
    searchParams,
    twoStepView(buyer),
  ]);
  // Until it is on, only the reason and the setup: their other actions are refused (lib/actions/safe-action.ts).
  // The two-step section keeps its place either way, so the recovery codes it shows once stay on
  // screen when the page renders again with everything open.
  return (
    <div className="max-w-xl space-y-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {mustSetUp && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="two-step-required">
          {t2("requiredNotice", { company: buyer.companyName })}
        </p>
      )}
      {punchout?.technicalUser && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="profile-shared-account">
          {t("sharedAccount", { system: punchout.connectionName })}
        </p>
      )}
      {!mustSetUp && !punchout?.technicalUser && (
        <ActionForm action={updateProfileAction} submitLabel={t("save")} ariaLabel={t("title")}>
          <label className="flex flex-col text-sm" htmlFor="profile-name">
            <span className="font-medium">{t("name")}</span>
            <input id="profile-name" name="name" required maxLength={100} defaultValue={buyer.name} className={inputClass} />
          </label>
          <p className="text-sm">
            <span className="font-medium">{t("email")}</span>: {buyer.email}
          </p>
          <label className="flex flex-col text-sm" htmlFor="profile-locale">
            <span className="font-medium">{t("language")}</span>
            <select id="profile-locale" name="locale" defaultValue={buyer.locale} className={inputClass}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </label>
        </ActionForm>
      )}
      {!mustSetUp && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("passwordTitle")}</h2>
          {changed === "password" && (
            <p role="status" className="text-sm text-emerald-700">
              {tMessages("password_changed")}
            </p>
          )}
          {punchout ? (
            <p className="text-sm" data-testid="password-unavailable">
              {t("passwordPunchout")}
            </p>
          ) : hash === null ? (
            <p className="text-sm">{t("noPassword")}</p>
          ) : (
            <ActionForm action={changePasswordAction} submitLabel={t("changePassword")} ariaLabel={t("passwordTitle")}>
              <label className="flex flex-col text-sm" htmlFor="current-password">
                <span className="font-medium">{t("currentPassword")}</span>
                <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />
              </label>
              <label className="flex flex-col text-sm" htmlFor="new-password">
                <span className="font-medium">{t("newPassword")}</span>
                <input id="new-password" name="newPassword" type="password" autoComplete="new-password" minLength={12} required aria-describedby="new-password-hint" className={inputClass} />
                <span id="new-password-hint" className="text-xs text-slate-500">
                  {t("passwordHint")}
                </span>
              </label>
              <label className="flex flex-col text-sm" htmlFor="confirm-password">
                <span className="font-medium">{t("confirmPassword")}</span>
                <input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required className={inputClass} />
              </label>
            </ActionForm>
          )}
        </section>
      )}
      <TwoStepSection {...twoStep} actions={twoStepActions} />
    </div>
  );
}
