import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { StandingOrderSchedule } from "@/components/account/standing-order-schedule";
import { requireBuyer } from "@/lib/auth/guards";
import { listMyFavoriteLists } from "@/lib/favorites/favorites";
import { dateText } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { createListAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("shop.favorites");

export default async function FavoritesPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/favorites");
  const [{ locale }, t, ts] = await Promise.all([getShopContext(), getTranslations("account.favorites"), getTranslations("account.standingOrder")]);
  const lists = await listMyFavoriteLists(buyer);
  const mine = lists.filter((l) => l.ownerUserId === buyer.id);
  const shared = lists.filter((l) => l.ownerUserId !== buyer.id);
  const table = (rows: typeof lists, showOwner: boolean, testId: string) => (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid={testId}>
      {rows.map((list) => (
        <li key={list.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm" data-testid="favorite-list">
          <div>
            <Link href={`/favorites/${list.id}`} className="font-medium text-brand-700 underline">
              {list.name}
            </Link>
            <div className="text-xs text-slate-500">
              {list.shared ? (list.colleaguesMayEdit ? t("sharedEditable") : t("shared")) : t("private")} · {t("lines", { count: list.lineCount })}
              {showOwner && ` · ${t("owner")}: ${list.ownerName}`} · {dateText(list.updatedAt, locale)}
            </div>
            {list.standingOrder && (
              <div className="text-xs text-brand-700" data-testid="list-standing-order">
                {ts("title")}:{" "}
                <StandingOrderSchedule schedule={list.standingOrder} locale={locale} short />
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro", { company: buyer.companyName })}</p>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("mine")}</h2>
        {mine.length === 0 ? <p className="text-sm">{t("empty")}</p> : table(mine, false, "my-lists")}
      </section>
      {shared.length > 0 && (
        <section className="space-y-2">
          <h2 className="font-semibold">{t("sharedLists")}</h2>
          {table(shared, true, "shared-lists")}
        </section>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{t("newList")}</h2>
        <ActionForm action={createListAction} submitLabel={t("create")} ariaLabel={t("newList")} className="mt-3 space-y-3">
          <label className="flex flex-col text-sm" htmlFor="new-list-name">
            <span className="font-medium">{t("listName")}</span>
            <input id="new-list-name" name="name" required maxLength={80} className="mt-1 max-w-md rounded-md border border-slate-300 px-3 py-1.5" />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="shared" />
            {t("share")}
          </label>
          <label className="flex items-center gap-2 pl-6 text-sm">
            <input type="checkbox" name="colleaguesMayEdit" aria-describedby="new-list-colleagues-hint" />
            {t("colleaguesMayEdit")}
          </label>
          <p id="new-list-colleagues-hint" className="pl-6 text-xs text-slate-500">
            {t("colleaguesMayEditHint")}
          </p>
        </ActionForm>
      </section>
    </div>
  );
}
