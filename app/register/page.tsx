import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AccountRequestForm } from "@/components/auth/account-request-form";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/lib/auth/guards";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { countryOptions } from "@/lib/i18n/countries";
import { toLocale } from "@/lib/i18n/locales";
import { requestAccountAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { setLocaleAction } from "../(shop)/actions";

export const generateMetadata = pageTitle("auth.register");

/** "Account aanvragen": a prospective customer asks for an account; staff review it in /admin/account-requests. */
export default async function RegisterPage() {
  await connection(); // DB-backed: never prerendered at build time
  const [user, baseUrl, t, locale] = await Promise.all([
    getCurrentUser(),
    selfServiceResetBaseUrl(),
    getTranslations("accountRequests.register"),
    getLocale().then(toLocale),
  ]);
  if (user) redirect("/"); // signed in: colleagues are invited by their company admin
  const countries = countryOptions(locale);
  return (
    <AuthCard title={t("title")} setLocaleAction={setLocaleAction}>
      {baseUrl ? (
        <>
          <div className="mt-1 space-y-2 text-sm text-slate-600">
            <p>{t("intro")}</p>
            <p>{t("review")}</p>
            <p>{t("vat")}</p>
          </div>
          <AccountRequestForm action={requestAccountAction} locale={locale} countries={countries} />
        </>
      ) : (
        <p className="mt-4 text-sm text-slate-700">{t("unavailable")}</p>
      )}
      <p className="mt-6 text-sm">
        {t("haveAccount")}{" "}
        <Link href="/login" className="text-brand-700 underline">
          {t("backToLogin")}
        </Link>
      </p>
    </AuthCard>
  );
}
