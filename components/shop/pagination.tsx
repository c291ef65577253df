import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  const t = await getTranslations("common");
  return (
    <nav aria-label={t("pagination")} className="mt-6 flex items-center justify-center gap-4 text-sm">
      {page > 1 ? <Link href={hrefFor(page - 1)} rel="prev" className="underline">{t("previous")}</Link> : <span className="text-slate-500">{t("previous")}</span>}
      <span>{t("pageOf", { page, pages })}</span>
      {page < pages ? <Link href={hrefFor(page + 1)} rel="next" className="underline">{t("next")}</Link> : <span className="text-slate-500">{t("next")}</span>}
    </nav>
  );
}
