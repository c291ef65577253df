import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AccountRequestForm } from "@/components/auth/account-request-form";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/lib/auth/guards";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { INTL_LOCALE, toLocale } from "@/lib/i18n/locales";
import { requestAccountAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("auth.register");

/** The EU member states plus the United Kingdom, Switzerland and Norway (ISO 3166-1 alpha-2). */
const COUNTRIES = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK GB CH NO".split(" ");

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
  const regionNames = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" });
  const countries = COUNTRIES.map((code) => ({ code, name: regionNames.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, INTL_LOCALE[locale]),
  );
  return (
    <AuthCard title={t("title")}>
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
