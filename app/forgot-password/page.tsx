import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/lib/auth/guards";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { FORGOT_PASSWORD_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { requestPasswordResetAction } from "./actions";
import { ForgotPasswordForm } from "./forgot-password-form";
import { pageTitle } from "@/lib/i18n/page-title";
import { setLocaleAction } from "../(shop)/actions";

export const generateMetadata = pageTitle("auth.forgotPassword", { robots: { index: false } });

/** "Forgot password" from the sign-in page: asks for a single-use link to /set-password. */
export default async function ForgotPasswordPage() {
  await connection();
  const [user, baseUrl, t] = await Promise.all([getCurrentUser(), selfServiceResetBaseUrl(), getTranslations("auth")]);
  if (user) redirect("/"); // signed in: a password is changed on the profile page
  return (
    <AuthCard title={t("forgotTitle")} setLocaleAction={setLocaleAction}>
      {baseUrl ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("forgotIntro")}</p>
          <ClientMessages namespaces={FORGOT_PASSWORD_CLIENT_MESSAGES}>
            <ForgotPasswordForm action={requestPasswordResetAction} />
          </ClientMessages>
        </>
      ) : (
        <p className="mt-4 text-sm text-slate-700">{t("forgotUnavailable")}</p>
      )}
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-brand-700 underline">
          {t("backToLogin")}
        </Link>
      </p>
    </AuthCard>
  );
}
