"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="mx-auto mt-24 max-w-md text-center">
      <h1 className="text-2xl font-semibold">{t("genericTitle")}</h1>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-white">
        {t("retry")}
      </button>
    </main>
  );
}
