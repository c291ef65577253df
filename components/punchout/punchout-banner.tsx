import { getTranslations } from "next-intl/server";

type Operation = "create" | "edit" | "inspect";

/** Shown on every shop page during a punchout session: where the cart goes, and the way out. */
export async function PunchoutBanner({ system, operation = "create", connectionTest = false }: { system: string; operation?: Operation; connectionTest?: boolean }) {
  const t = await getTranslations("punchout");
  return (
    <div role="region" aria-label="Punchout" className="border-b border-amber-300 bg-amber-50" data-testid="punchout-banner">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm text-amber-950">
        <p>{connectionTest ? t("testBanner", { system }) : operation === "inspect" ? t("inspectBanner", { system }) : t("banner", { system })}</p>
        <PunchoutButtons inspect={operation === "inspect"} />
      </div>
    </div>
  );
}

/**
 * Plain HTML forms: they work without JavaScript inside any procurement system's frame. An inspect
 * session (read-only cart) only has "Return", which sends the same cart back.
 */
export async function PunchoutButtons({ transfer = true, inspect = false }: { transfer?: boolean; inspect?: boolean }) {
  const t = await getTranslations("punchout");
  if (inspect) {
    return (
      <form method="post" action="/punchout/transfer">
        <input type="hidden" name="mode" value="transfer" />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700">
          {t("inspectReturn")}
        </button>
      </form>
    );
  }
  return (
    <div className="flex items-center gap-2">
      {transfer && (
        <form method="post" action="/punchout/transfer">
          <input type="hidden" name="mode" value="transfer" />
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700">
            {t("transfer")}
          </button>
        </form>
      )}
      <form method="post" action="/punchout/transfer">
        <input type="hidden" name="mode" value="cancel" />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50">
          {t("cancel")}
        </button>
      </form>
    </div>
  );
}
