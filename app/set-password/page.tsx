import { connection } from "next/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { MIN_PASSWORD_LENGTH, passwordLinkState, type PasswordLinkState } from "@/lib/admin/set-password";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { dateTimeText } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { SET_PASSWORD_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { LOCALE_COOKIE, toLocale, type Locale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";
import { setLocaleAction } from "../(shop)/actions";
import { loginAction } from "../login/actions";
import { renewPasswordLinkAction, setPasswordAction } from "./actions";
import { SetPasswordForm } from "./set-password-form";

export const generateMetadata = pageTitle("auth.setPassword", { robots: { index: false } });

const RENEWED = ["sent", "throttled"] as const;

/**
 * Where invitation and password-reset e-mails lead: the user chooses their own password. A link
 * that no longer works says why — the password was chosen with it already (sign in), or it expired
 * or was replaced (a new one to the same address with one click) — instead of one "invalid, used or
 * expired" for all. The page speaks the recipient's language unless this browser chose one.
 */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; renewed?: string | string[] }> }) {
  await connection();
  const { token, renewed } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const [link, jar, baseUrl] = await Promise.all([passwordLinkState(value, new Date()), cookies(), selfServiceResetBaseUrl()]);
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const locale: Locale = chosen ? toLocale(chosen) : link.state === "usable" ? link.holder.locale : link.state === "unknown" ? toLocale(undefined) : link.locale;
  const t = await getTranslations({ locale, namespace: "admin.setPassword" });
  const renewedStatus = RENEWED.find((status) => status === renewed) ?? null;

  const title =
    link.state === "usable" ? (link.holder.purpose === "invite" ? t("titleInvite") : t("titleReset")) : link.state === "password_chosen" ? t("titleChosen") : t("titleLapsed");
  const toLogin = (
    <p className="mt-6 flex flex-wrap gap-x-4 gap-y-2 text-sm">
      <Link href="/login" className="text-brand-700 underline">
        {t("toLogin")}
      </Link>
      <Link href="/forgot-password" className="text-brand-700 underline">
        {t("forgotLink")}
      </Link>
    </p>
  );
  return (
    <AuthCard title={title} locale={locale} setLocaleAction={setLocaleAction}>
      {link.state === "usable" ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro", { name: link.holder.name, email: link.holder.email })}</p>
          <ClientMessages namespaces={SET_PASSWORD_CLIENT_MESSAGES} locale={locale}>
            <SetPasswordForm token={value} email={link.holder.email} minLength={MIN_PASSWORD_LENGTH} action={setPasswordAction} signInAction={loginAction} />
          </ClientMessages>
        </>
      ) : link.state === "password_chosen" ? (
        <>
          <p role="status" data-testid="set-password-link-state" data-state={link.state} className="mt-4 text-sm text-slate-700">
            {t("chosen")}
          </p>
          {toLogin}
        </>
      ) : link.state === "lapsed" ? (
        <>
          <p role="alert" data-testid="set-password-link-state" data-state={link.state} data-reason={link.reason} className="mt-4 text-sm text-slate-700">
            {t(`lapsed.${link.purpose}.${link.reason}`, { date: dateTimeText(link.expiresAt, locale) })}
          </p>
          {renewedStatus && (
            <p
              role={renewedStatus === "sent" ? "status" : "alert"}
              data-testid="set-password-renewed"
              className={`mt-4 rounded-md px-3 py-2 text-sm ${renewedStatus === "sent" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
            >
              {renewedStatus === "sent" ? t("renewed.sent", { email: link.email }) : t("throttled")}
            </p>
          )}
          {link.renewable && baseUrl ? (
            renewedStatus !== "sent" && (
              <form action={renewPasswordLinkAction} className="mt-4">
                <input type="hidden" name="token" value={value} />
                <p className="mb-3 text-sm text-slate-600">{t("renewIntro", { email: link.email })}</p>
                <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                  {t("renew")}
                </button>
              </form>
            )
          ) : (
            <p className="mt-4 text-sm text-slate-700">{t("askForNewLink")}</p>
          )}
          {toLogin}
        </>
      ) : (
        <>
          <p role="alert" data-testid="set-password-link-state" data-state={link.state satisfies PasswordLinkState["state"]} className="mt-4 text-sm text-red-800">
            {t("errors.token_invalid")}
          </p>
          {toLogin}
        </>
      )}
    </AuthCard>
  );
}
