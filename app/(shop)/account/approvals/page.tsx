import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Pagination } from "@/components/shop/pagination";
import { requireBuyer, type BuyerUser } from "@/lib/auth/guards";
import { countAwaitingApproval } from "@/lib/data/order-history";
import { dateTimeText, money } from "@/lib/format";
import { listAwaitingApproval, listDecidedApprovals } from "@/lib/orders/approvals";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { getShopContext } from "@/lib/shop-context";
import type { Locale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.approvals");

const PAGE_SIZE = 25;

const VIEWS = ["waiting", "decided"] as const;
type View = (typeof VIEWS)[number];

/** From the URL, so the reviewed list (and its page) can be bookmarked; anything unexpected shows the waiting orders. */
const searchParamsSchema = z.object({
  view: z.enum(VIEWS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

function viewHref(view: View, page = 1): string {
  const query = new URLSearchParams();
  if (view !== "waiting") query.set("view", view);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/account/approvals?${text}` : "/account/approvals";
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/approvals");
  if (!seesWholeCompany(buyer)) notFound();
  const [{ locale }, t, raw] = await Promise.all([getShopContext(), getTranslations("account.approvals"), searchParams]);
  const { view = "waiting", page = 1 } = searchParamsSchema.parse(raw);
  // The same count as the navigation's badge: the company's waiting orders but the approver's own.
  const waiting = await countAwaitingApproval(buyer.companyId, buyer.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <nav aria-label={t("views")} className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {VIEWS.map((each) => (
          <Link
            key={each}
            href={viewHref(each)}
            aria-current={each === view ? "page" : undefined}
            data-testid={`approvals-view-${each}`}
            className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-2 ${each === view ? "border-brand-600 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`tabs.${each}`)}
            {each === "waiting" && waiting > 0 ? <span className="rounded-full bg-amber-500 px-2 text-xs text-white">{waiting}</span> : null}
          </Link>
        ))}
      </nav>
      {view === "waiting" ? <WaitingView buyer={buyer} page={page} locale={locale} /> : <DecidedView buyer={buyer} page={page} locale={locale} />}
    </div>
  );
}

/** Oldest first, a page at a time: the longest waiting are on page 1, however many wait. */
async function WaitingView({ buyer, page, locale }: { buyer: BuyerUser; page: number; locale: Locale }) {
  const [t, to, { items: orders, total }] = await Promise.all([
    getTranslations("account.approvals"),
    getTranslations("orders"),
    listAwaitingApproval(buyer, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  if (total === 0) return <p data-testid="approvals-empty">{t("empty")}</p>;
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="approvals-waiting-count">
        {t("waitingCount", { count: total })}
      </p>
      {orders.length > 0 && (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{to("number")}</th>
                <th className="hidden p-3 sm:table-cell">{t("waitingSince")}</th>
                <th className="hidden p-3 sm:table-cell">PO</th>
                <th className="p-3">{t("reason")}</th>
                <th className="p-3 text-right">{t("amount")}</th>
                <th className="p-3" />
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} className="border-t border-slate-100" data-testid="approval-row">
                  <td className="p-3 font-medium">
                    {order.orderNumber}
                    <div className="text-xs font-normal text-slate-500">{order.placedBy}</div>
                  </td>
                  <td className="hidden p-3 sm:table-cell">{dateTimeText(order.placedAt, locale)}</td>
                  <td className="hidden p-3 sm:table-cell">{order.poNumber ?? "–"}</td>
                  <td className="p-3" data-testid="approval-row-reasons">
                    {order.approvalReasons.map((reason) => t(`reasons.${reason}`, { code: order.costCenter ?? "–" })).join("; ") || "–"}
                  </td>
                  <td className="p-3 text-right whitespace-nowrap">{money(order.subtotalMinor, locale, order.currency)}</td>
                  <td className="p-3 text-right">
                    <Link href={`/account/orders/${encodeURIComponent(order.orderNumber)}`} className="font-medium text-brand-700 underline" aria-label={`${t("decide")} ${order.orderNumber}`}>
                      {t("decide")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.ceil(total / PAGE_SIZE)} hrefFor={(p) => viewHref("waiting", p)} />
    </>
  );
}

async function DecidedView({ buyer, page, locale }: { buyer: BuyerUser; page: number; locale: Locale }) {
  const [t, to, { items, total }] = await Promise.all([
    getTranslations("account.approvals"),
    getTranslations("orders"),
    listDecidedApprovals(buyer, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  if (total === 0) return <p data-testid="approvals-empty">{t("decidedEmpty")}</p>;
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="approvals-decided-count">
        {t("decidedIntro", { company: buyer.companyName, count: total })}
      </p>
      {items.length > 0 && (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{to("number")}</th>
                <th className="p-3">{t("decision")}</th>
                <th className="hidden p-3 sm:table-cell">{t("decidedBy")}</th>
                <th className="hidden p-3 sm:table-cell">{t("decidedAt")}</th>
                <th className="p-3 text-right">{t("amount")}</th>
                <th className="hidden p-3 sm:table-cell">{t("comment")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.orderId} className="border-t border-slate-100 align-top" data-testid="decision-row">
                  <td className="p-3">
                    <Link href={`/account/orders/${encodeURIComponent(item.orderNumber)}`} className="font-medium text-brand-700 underline">
                      {item.orderNumber}
                    </Link>
                    <div className="text-xs text-slate-500">{item.placedBy ?? "–"}</div>
                  </td>
                  <td className="p-3">
                    <span data-testid="decision-outcome" className={item.decision === "rejected" ? "font-medium text-red-700" : "font-medium text-green-700"}>
                      {t(`decisions.${item.decision}`)}
                    </span>
                    {item.heldForCredit && <div className="text-xs text-slate-500">{t("heldForCredit")}</div>}
                    {/* On a phone who, when and why go under the decision (own columns would push the amount out of sight). */}
                    <div className="text-xs text-slate-500 sm:hidden">
                      {[item.decidedBy, dateTimeText(item.decidedAt, locale)].filter(Boolean).join(" · ")}
                    </div>
                    {item.comment && <div className="text-xs break-words text-slate-700 sm:hidden">{item.comment}</div>}
                  </td>
                  <td className="hidden p-3 sm:table-cell" data-testid="decision-by">
                    {item.decidedBy ?? "–"}
                  </td>
                  <td className="hidden p-3 sm:table-cell">{dateTimeText(item.decidedAt, locale)}</td>
                  <td className="p-3 text-right whitespace-nowrap">{money(item.subtotalMinor, locale, item.currency)}</td>
                  <td className="hidden p-3 break-words sm:table-cell" data-testid="decision-comment">
                    {item.comment ?? "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.ceil(total / PAGE_SIZE)} hrefFor={(p) => viewHref("decided", p)} />
    </>
  );
}
