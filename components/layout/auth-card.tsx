import { Suspense } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { LanguageSwitch } from "./language-switch";

/**
 * The small card the pages around signing in share (sign in, forgot password, set password, account
 * request). It carries the NL/EN switch: these pages are seen before anybody has a profile language,
 * so a prospect or invitee who reads English must be able to choose it here (an account request
 * takes the language it was made in). `locale`: the language the page speaks when it is not the
 * browser's choice (the set-password page speaks the invited person's).
 */
export async function AuthCard({
  title,
  locale,
  setLocaleAction,
  children,
}: {
  title: string;
  locale?: Locale;
  /** app/(shop)/actions.ts's setLocaleAction (components do not import app code). */
  setLocaleAction: (formData: FormData) => Promise<void>;
  children: React.ReactNode;
}) {
  const current = locale ?? toLocale(await getLocale());
  const common = await getTranslations({ locale: current, namespace: "common" });
  return (
    <main id="main" lang={current} className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <div className="flex items-center justify-between gap-2">
        <Link href="/" className="text-xl font-bold text-brand-700">
          {common("appName")}
        </Link>
        {/* The switch reads the address (usePathname/useSearchParams) to come back to this page. */}
        <Suspense fallback={null}>
          <LanguageSwitch locale={current} label={common("language")} action={setLocaleAction} />
        </Suspense>
      </div>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}
