import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { checkPasswordLink, MIN_PASSWORD_LENGTH } from "@/lib/admin/set-password";
import { setPasswordAction } from "./actions";
import { SetPasswordForm } from "./set-password-form";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("auth.setPassword", { robots: { index: false } });

/** Where invitation and password-reset e-mails lead: the user chooses their own password. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await connection();
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const [holder, t] = await Promise.all([checkPasswordLink(value, new Date()), getTranslations("admin.setPassword")]);
  return (
    <AuthCard title={holder?.purpose === "invite" ? t("titleInvite") : t("titleReset")}>
      {holder ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro", { name: holder.name, email: holder.email })}</p>
          <SetPasswordForm token={value} minLength={MIN_PASSWORD_LENGTH} action={setPasswordAction} />
        </>
      ) : (
        <p role="alert" className="mt-4 text-sm text-red-800">
          {t("errors.token_invalid")}
        </p>
      )}
    </AuthCard>
  );
}
