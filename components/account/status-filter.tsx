import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { GetForm } from "@/components/get-form";

/**
 * The status filter above a My-account list (quotes, returns): a GET form, so a filtered list can
 * be bookmarked. The namespace holds filter, status, anyStatus, reset and statuses.<status>.
 */
export async function StatusFilter({
  href,
  namespace,
  statuses,
  current,
}: {
  href: string;
  namespace: "account.quotes" | "account.returns";
  statuses: readonly string[];
  current: string | undefined;
}) {
  const t = await getTranslations(namespace);
  return (
    <GetForm action={href} aria-label={t("filter")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <label className="flex flex-col">
        <span className="font-medium">{t("status")}</span>
        <select name="status" defaultValue={current ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">{t("anyStatus")}</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`statuses.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t("filter")}
      </button>
      <Link href={href} className="px-2 py-2 underline">
        {t("reset")}
      </Link>
    </GetForm>
  );
}
