import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { GetStartedItem } from "@/lib/account/get-started";

/**
 * The home page's "Get started" panel (lib/account/get-started.ts decides the steps and which are
 * done). "Hide" is a plain form post (works before hydration) that stores the choice on the user.
 */
export async function GetStartedPanel({ items, dismissAction }: { items: GetStartedItem[]; dismissAction: () => Promise<void> }) {
  if (items.length === 0) return null;
  const t = await getTranslations("account.getStarted");
  return (
    <section aria-labelledby="get-started-title" data-testid="get-started" className="rounded-lg border border-brand-200 bg-white p-5">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="get-started-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        <form action={dismissAction}>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
            {t("dismiss")}
          </button>
        </form>
      </div>
      <ul className="mt-4 space-y-2">
        {items.map((item) => (
          <li key={item.key} data-testid={`get-started-${item.key}`} data-done={item.done === null ? undefined : String(item.done)} className="flex items-center gap-2 text-sm">
            <span aria-hidden="true" className={`inline-flex h-5 w-5 items-center justify-center rounded-full border ${item.done ? "border-green-600 bg-green-600 text-white" : "border-slate-400"}`}>
              {item.done ? "✓" : item.done === null ? "→" : ""}
            </span>
            {item.done ? (
              <span className="text-slate-500 line-through">{t(`items.${item.key}`)}</span>
            ) : (
              <Link href={item.href} className="text-brand-700 underline">
                {t(`items.${item.key}`)}
              </Link>
            )}
            {item.done !== null && <span className="sr-only">({t(item.done ? "done" : "todo")})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
