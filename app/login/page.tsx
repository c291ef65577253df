import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getEndedBrowserPunchoutSession } from "@/lib/punchout/browser-session";
import { loginAction } from "./actions";
import { LoginForm } from "./login-form";
import { pageTitle } from "@/lib/i18n/page-title";
import { setLocaleAction } from "../(shop)/actions";

export const generateMetadata = pageTitle("auth.login");

/**
 * An address handed over in the link: only a plausible one is filled in. No page of ours links here
 * with it any more (an address in a URL lands in the browser's history and in proxy and server logs);
 * kept for links made before that.
 */
const prefillEmail = z.email().max(254);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; email?: string | string[] }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ callbackUrl, email }, user, t, tr, tp, endedPunchout] = await Promise.all([
    searchParams,
    getCurrentUser(),
    getTranslations("auth"),
    getTranslations("accountRequests"),
    getTranslations("punchout.ended"),
    getEndedBrowserPunchoutSession(new Date()),
  ]);
  // Only a path on this site (lib/auth/return-path.ts), also for a visitor who is signed in already.
  const target = safeReturnPath(callbackUrl);
  if (user) redirect(target);
  return (
    <AuthCard title={t("title")} setLocaleAction={setLocaleAction}>
      {/* This browser's punchout session is over: its buyer has no password here, and starts again
          from the procurement system. The form stays for whoever has an account of their own. */}
      {endedPunchout && (
        <p role="status" data-testid="punchout-ended-notice" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {tp("text")}
        </p>
      )}
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      <LoginForm action={loginAction} callbackUrl={target} initialEmail={prefillEmail.safeParse(email).data ?? ""} />
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          {t("forgotLink")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        <Link href="/register" className="text-brand-700 underline" data-testid="register-link">
          {tr("loginLink")}
        </Link>
      </p>
    </AuthCard>
  );
}
