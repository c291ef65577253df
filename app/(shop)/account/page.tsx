import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrderStatusLabel } from "@/components/account/order-status";
import { getAccountOverview } from "@/lib/account/overview";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.overview");

export default async function AccountPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account");
  const [{ locale, now }, t, tr, to] = await Promise.all([getShopContext(), getTranslations("account.overview"), getTranslations("account.roles"), getTranslations("orders")]);
  const overview = await getAccountOverview(buyer, now);
  const validity = (from: string | null, to: string | null) =>
    !from && !to ? t("always") : t("validity", { from: from ? dateText(from, locale) : "…", to: to ? dateText(to, locale) : t("open") });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {overview.awaitingApproval > 0 && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("awaitingApproval", { count: overview.awaitingApproval })}{" "}
          <Link href="/account/approvals" className="font-medium underline">
            {t("viewApprovals")}
          </Link>
        </p>
      )}
      <section className="grid gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t("company")}</dt>
            <dd data-testid="account-company">{overview.companyName}</dd>
            {buyer.punchout ? (
              // The procurement system approves and orders: the session user's role and order limit
              // (a technical account's, often) apply to checkout, which a punchout session has not.
              <>
                <dt className="text-slate-500">{t("ordering")}</dt>
                <dd data-testid="account-ordering">{t("orderingPunchout", { system: buyer.punchout.connectionName })}</dd>
              </>
            ) : (
              <>
                <dt className="text-slate-500">{t("role")}</dt>
                <dd data-testid="account-role">{tr(buyer.role as "buyer" | "approver" | "company_admin")}</dd>
                <dt className="text-slate-500">{t("orderLimit")}</dt>
                <dd data-testid="account-order-limit">
                  {overview.orderLimitMinor === null ? t("noLimit") : money(overview.orderLimitMinor, locale)}
                  {overview.orderLimitMinor !== null && <div className="text-xs text-slate-500">{t("limitExplained")}</div>}
                </dd>
              </>
            )}
          </dl>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t("conditions")}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t("paymentTerms")}</dt>
            <dd>{t("paymentTermsDays", { days: overview.paymentTermsDays })}</dd>
            <dt className="text-slate-500">{t("deliveryTerms")}</dt>
            <dd>{overview.deliveryTerms ?? "–"}</dd>
            <dt className="text-slate-500">{t("priceLists")}</dt>
            <dd>
              {overview.priceLists.length === 0 ? (
                t("noPriceLists")
              ) : (
                <ul className="space-y-1" data-testid="account-price-lists">
                  {overview.priceLists.map((list) => (
                    <li key={list.code} className={list.state === "valid" ? "" : "text-slate-400"}>
                      {list.name}
                      <span className="text-xs text-slate-500">
                        {" "}
                        · {validity(list.validFrom, list.validTo)}
                        {list.state === "expired" && ` · ${t("expired")}`}
                        {list.state === "not_yet_valid" && ` · ${t("notYetValid")}`}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            {overview.poNumberRequired && !buyer.punchout && (
              // Their finance department pays no invoice without it: the checkout asks for it
              // (punchout orders carry the procurement system's own order number).
              <>
                <dt className="text-slate-500">{t("poNumber")}</dt>
                <dd data-testid="account-po-number-required">{t("poNumberRequired")}</dd>
              </>
            )}
            {buyer.role === "company_admin" && (
              // Read-only: the supplier sets it (admin → customer → Invoicing); shown to who answers for the company's account.
              <>
                <dt className="text-slate-500">{t("documentLocale")}</dt>
                <dd data-testid="account-document-locale">
                  {t(`documentLocales.${overview.documentLocale}`)}
                  <div className="text-xs text-slate-500">{t("documentLocaleExplained")}</div>
                </dd>
              </>
            )}
            {buyer.companyAssortment === "contract" && (
              // Why the shop shows fewer products than the supplier sells (lib/catalog/assortment.ts).
              <>
                <dt className="text-slate-500">{t("assortment")}</dt>
                <dd data-testid="account-assortment">{t("assortmentContract")}</dd>
              </>
            )}
          </dl>
        </div>
      </section>
      <section className="space-y-2">
        <div className="flex items-baseline justify-between">
          <h2 className="font-semibold">{t("recentOrders")}</h2>
          <Link href="/account/orders" className="text-sm text-brand-700 underline">
            {t("allOrders")}
          </Link>
        </div>
        {overview.recentOrders.length === 0 ? (
          <p className="text-sm">{to("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {overview.recentOrders.map((order) => (
              <li key={order.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <Link href={`/account/orders/${encodeURIComponent(order.orderNumber)}`} className="font-medium text-brand-700 underline">
                  {order.orderNumber}
                </Link>
                <span>{dateText(order.placedAt, locale)}</span>
                <OrderStatusLabel status={order.status} partlyShipped={order.partlyShipped} />
                <span>{money(order.totalMinor, locale, order.currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
