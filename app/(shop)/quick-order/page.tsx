import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { QuickOrderPaste, QuickOrderRows } from "@/components/account/quick-order-form";
import { requireBuyer } from "@/lib/auth/guards";
import { getShopContext } from "@/lib/shop-context";
import { addToCartAction } from "../cart/actions";
import { quickOrderPasteAction, quickOrderRowsAction, suggestProductsAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("shop.quickOrder");

export default async function QuickOrderPage() {
  await connection(); // DB-backed: never prerendered at build time
  await requireBuyer("/quick-order");
  const [{ locale, canEditCart }, t, tp] = await Promise.all([getShopContext(), getTranslations("account.quickOrder"), getTranslations("account.errors")]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {!canEditCart ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{tp("punchout_cart_read_only")}</p>
      ) : (
        <div className="grid gap-8">
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="quick-rows-title">
            <h2 id="quick-rows-title" className="text-lg font-semibold">
              {t("rowsTitle")}
            </h2>
            <QuickOrderRows action={quickOrderRowsAction} suggestAction={suggestProductsAction} addToCartAction={addToCartAction} locale={locale} />
          </section>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="quick-paste-title">
            <h2 id="quick-paste-title" className="text-lg font-semibold">
              {t("pasteTitle")}
            </h2>
            <QuickOrderPaste action={quickOrderPasteAction} addToCartAction={addToCartAction} locale={locale} />
          </section>
        </div>
      )}
    </div>
  );
}
