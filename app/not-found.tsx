import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  const common = await getTranslations("common");
  return (
    <main id="main" className="mx-auto mt-24 max-w-md text-center">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("notFoundText")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {common("home")}
      </Link>
    </main>
  );
}
