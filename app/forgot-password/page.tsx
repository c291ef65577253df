import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/lib/auth/guards";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { requestPasswordResetAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { setLocaleAction } from "../(shop)/actions";

export const generateMetadata = pageTitle("auth.forgotPassword", { robots: { index: false } });

const NOTICES = { sent: "forgotSent", invalid: "forgotInvalid", throttled: "forgotThrottled" } as const;

/** "Forgot password" from the sign-in page: asks for a single-use link to /set-password. */
export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ status?: string | string[]; email?: string | string[] }> }) {
  await connection();
  const [{ status, email }, user, baseUrl, t] = await Promise.all([
    searchParams,
    getCurrentUser(),
    selfServiceResetBaseUrl(),
    getTranslations("auth"),
  ]);
  if (user) redirect("/"); // signed in: a password is changed on the profile page
  const notice = typeof status === "string" && status in NOTICES ? NOTICES[status as keyof typeof NOTICES] : null;
  // What was typed before a refusal (the action hands it back); only a string of a plausible length.
  const typed = notice && notice !== "forgotSent" && typeof email === "string" ? email.slice(0, 254) : "";
  return (
    <AuthCard title={t("forgotTitle")} setLocaleAction={setLocaleAction}>
      {baseUrl ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("forgotIntro")}</p>
          {notice && (
            <p
              role={notice === "forgotSent" ? "status" : "alert"}
              className={`mb-4 rounded-md px-3 py-2 text-sm ${notice === "forgotSent" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
            >
              {t(notice)}
            </p>
          )}
          <form action={requestPasswordResetAction} className="space-y-4">
            <label className="block text-sm font-medium">
              {t("email")}
              <input name="email" type="email" autoComplete="username" required maxLength={254} defaultValue={typed} autoFocus={typed !== ""} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
            </label>
            <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {t("forgotSubmit")}
            </button>
          </form>
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
