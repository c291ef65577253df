import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { FavoriteListTable } from "@/components/account/favorite-list-table";
import { requireBuyer } from "@/lib/auth/guards";
import { getFavoriteListView } from "@/lib/favorites/favorites";
import { getStandingOrderPanel } from "@/lib/standing-orders/standing-orders";
import { getShopContext } from "@/lib/shop-context";
import { addToCartAction } from "../../cart/actions";
import { addListToCartAction, deleteListAction, moveLineAction, removeLineAction, updateLineAction, updateListAction } from "../actions";
import { StandingOrderSection } from "./standing-order";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("shop.favoriteList");

export default async function FavoriteListPage({ params }: { params: Promise<{ id: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const { id } = await params;
  const buyer = await requireBuyer(`/favorites/${id}`);
  const listId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  if (listId === null) notFound();
  const [{ locale, now, canEditCart }, t, tn] = await Promise.all([getShopContext(), getTranslations("account.favorites"), getTranslations("account.nav")]);
  // Another company's list, or a colleague's private list, does not exist for this user.
  const view = await getFavoriteListView(buyer, listId, locale, now);
  if (!view) notFound();
  const { list, canEdit, canManage, lines } = view;
  const standingOrder = await getStandingOrderPanel(buyer, list, now);
  return (
    <div className="space-y-6">
      <Link href="/favorites" className="text-sm text-brand-700 underline">
        ← {tn("favorites")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold" data-testid="list-name">
          {list.name}
        </h1>
        <p className="text-sm text-slate-600">
          {list.shared ? (list.colleaguesMayEdit ? t("sharedEditable") : t("shared")) : t("private")} · {t("owner")}: {list.ownerName} ·{" "}
          {t("lines", { count: lines.length })}
        </p>
      </div>
      {!canEdit && <p className="rounded-md bg-slate-100 px-3 py-2 text-sm">{t("readOnly", { owner: list.ownerName })}</p>}
      {lines.length === 0 ? (
        <p className="text-sm">{t("listEmpty")}</p>
      ) : (
        <FavoriteListTable
          listId={list.id}
          lines={lines}
          canEdit={canEdit}
          locale={locale}
          canAddToCart={canEditCart}
          addListToCartAction={addListToCartAction}
          updateLineAction={updateLineAction}
          removeLineAction={removeLineAction}
          moveLineAction={moveLineAction}
          addToCartAction={addToCartAction}
        />
      )}
      <StandingOrderSection listId={list.id} panel={standingOrder} locale={locale} />
      {canManage && (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium">{t("settings")}</summary>
          <div className="mt-3 space-y-4">
            <ActionForm action={updateListAction} submitLabel={t("saveSettings")} ariaLabel={t("settings")}>
              <input type="hidden" name="listId" value={list.id} />
              <label className="flex flex-col text-sm" htmlFor="list-name">
                <span className="font-medium">{t("listName")}</span>
                <input id="list-name" name="name" required maxLength={80} defaultValue={list.name} className="mt-1 max-w-md rounded-md border border-slate-300 px-3 py-1.5" />
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="shared" defaultChecked={list.shared} />
                {t("share")}
              </label>
              <label className="flex items-center gap-2 pl-6 text-sm">
                <input type="checkbox" name="colleaguesMayEdit" defaultChecked={list.colleaguesMayEdit} aria-describedby="colleagues-may-edit-hint" />
                {t("colleaguesMayEdit")}
              </label>
              <p id="colleagues-may-edit-hint" className="pl-6 text-xs text-slate-500">
                {t("colleaguesMayEditHint")}
              </p>
            </ActionForm>
            <ActionForm action={deleteListAction} submitLabel={t("deleteList")} submitClassName="rounded-md border border-red-700 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
              <input type="hidden" name="listId" value={list.id} />
            </ActionForm>
          </div>
        </details>
      )}
    </div>
  );
}
