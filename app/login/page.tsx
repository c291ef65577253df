import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/guards";
import { loginAction } from "./actions";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ callbackUrl }, user, t, common] = await Promise.all([
    searchParams,
    getCurrentUser(),
    getTranslations("auth"),
    getTranslations("common"),
  ]);
  const target = typeof callbackUrl === "string" && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (user) redirect(target);
  return (
    <main id="main" className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <Link href="/" className="text-xl font-bold text-brand-700">
        {common("appName")}
      </Link>
      <h1 className="mt-4 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      <LoginForm action={loginAction} callbackUrl={target} />
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          {t("forgotLink")}
        </Link>
      </p>
    </main>
  );
}
