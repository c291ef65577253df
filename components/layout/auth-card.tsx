import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The small card the pages around signing in share (sign in, forgot password, set password). */
export async function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  const common = await getTranslations("common");
  return (
    <main id="main" className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <Link href="/" className="text-xl font-bold text-brand-700">
        {common("appName")}
      </Link>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}
