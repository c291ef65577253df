import Link from "next/link";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CostCenterForm, CostCenterRequiredForm, CostCenterRow, type CostCenterUserOption } from "@/components/account/cost-center-forms";
import { listCompanyUsers } from "@/lib/account/company-users";
import { costCenterOverview } from "@/lib/account/cost-centers";
import { moneyInputValue } from "@/lib/account/money-input";
import { requireBuyer } from "@/lib/auth/guards";
import { money, percent } from "@/lib/format";
import { budgetPeriodLabel, remainingBudget } from "@/lib/orders/budget";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { orderSearchHref } from "@/lib/orders/order-search-params";
import { addCalendarDays } from "@/lib/pricing/calendar-date";
import { getShopContext } from "@/lib/shop-context";
import { saveCostCenterAction, setCostCenterRequiredAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.costCenters");

/** The list's columns without the company admin's "Edit" (the edit form's row spans them all). */
const COLUMNS = 8;

/**
 * The company's cost centres and how far each budget is used in its current period: approvers and
 * company admins see them, only the company admin changes them (lib/account/cost-centers.ts).
 */
export default async function CostCentersPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/cost-centers");
  if (!seesWholeCompany(buyer)) notFound();
  const [{ locale, now }, t] = await Promise.all([getShopContext(), getTranslations("costCenters")]);
  const { required, costCenters } = await costCenterOverview(buyer, now);
  // Staff viewing the shop as the customer read along; the server refuses changes too.
  const manage = buyer.role === "company_admin" && !buyer.impersonatedBy;
  // Only the company admin reads the company's users (names in the list, the forms' choice); the
  // others see how many users a cost centre is limited to.
  const companyUsers = manage ? await listCompanyUsers(buyer) : [];
  const userNames = new Map(companyUsers.map((user) => [user.id, user.name]));
  /** Who the forms offer: active users who are not company admins (those may use every cost centre), and whoever a cost centre names already. */
  const userOptions = (named: readonly number[]): CostCenterUserOption[] =>
    companyUsers
      .filter((user) => user.role !== "company_admin" && (user.active || named.includes(user.id)))
      .map(({ id, name, email, active }) => ({ id, name, email, active }));
  const usedBy = (userIds: readonly number[]): string => {
    if (userIds.length === 0) return t("usedByEverybody");
    const names = userIds.map((id) => userNames.get(id));
    return names.every((name) => name !== undefined) ? names.join(", ") : t("usedByCount", { count: userIds.length });
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div className="space-y-1 text-sm text-slate-600" data-testid="cost-centers-intro">
        <p>{t("intro.choose")}</p>
        <p>{t("intro.budget")}</p>
        <p>{t("intro.used")}</p>
        <p>{t("intro.vat")}</p>
      </div>

      {costCenters.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="cost-centers-empty">
          {t("empty")}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="cost-centers-table">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="p-3">{t("code")}</th>
                <th className="p-3">{t("name")}</th>
                <th className="p-3">{t("budget")}</th>
                <th className="p-3">{t("period")}</th>
                <th className="p-3 text-right">{t("used")}</th>
                <th className="p-3 text-right">{t("remaining")}</th>
                <th className="p-3">{t("usedBy")}</th>
                <th className="p-3">{t("status")}</th>
                {manage && (
                  <th className="p-3">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {costCenters.map((costCenter) => {
                const budget = costCenter.budgetMinor;
                const remaining = budget === null ? null : remainingBudget({ budgetMinor: budget, committedMinor: costCenter.committedMinor });
                const usedShare = budget === null ? null : costCenter.committedMinor / budget;
                const cells = (
                  <>
                    <td className="p-3 font-mono font-medium">{costCenter.code}</td>
                    <td className="p-3">{costCenter.name}</td>
                    <td className="p-3">
                      {budget === null ? (
                        <span className="text-slate-500">{t("noBudget")}</span>
                      ) : (
                        t("budgetPer", { amount: money(budget, locale), period: costCenter.budgetPeriod })
                      )}
                    </td>
                    <td className="p-3">{budgetPeriodLabel(costCenter, locale)}</td>
                    <td className="p-3 text-right">
                      {/* What used it: the period's orders on this cost centre (the order list's own filter). */}
                      <Link
                        href={orderSearchHref({ costCenter: costCenter.code, from: costCenter.bounds.from, to: addCalendarDays(costCenter.bounds.to, -1) }, 1)}
                        className="text-brand-700 underline"
                        data-testid="cost-center-orders"
                        aria-label={t("ordersOf", { code: costCenter.code, amount: money(costCenter.committedMinor, locale) })}
                      >
                        {money(costCenter.committedMinor, locale)}
                      </Link>
                      {usedShare !== null && (
                        <div className="mt-1 ml-auto w-32">
                          <div className="h-1.5 overflow-hidden rounded bg-slate-200" aria-hidden="true">
                            <div
                              className={`h-full rounded ${usedShare > 1 ? "bg-red-600" : usedShare >= 0.9 ? "bg-amber-500" : "bg-emerald-600"}`}
                              style={{ width: `${Math.min(100, Math.max(0, usedShare * 100))}%` }}
                            />
                          </div>
                          <div className="mt-0.5 text-xs text-slate-500">{t("usage", { percent: percent(Math.round(usedShare * 100) * 100, locale) })}</div>
                        </div>
                      )}
                    </td>
                    <td className="p-3 text-right">
                      {remaining === null ? (
                        "–"
                      ) : remaining < 0 ? (
                        <span className="font-medium text-red-700">{t("overBudget", { amount: money(-remaining, locale) })}</span>
                      ) : (
                        money(remaining, locale)
                      )}
                    </td>
                    <td className="p-3" data-testid="cost-center-used-by">
                      {costCenter.userIds.length === 0 ? <span className="text-slate-500">{usedBy(costCenter.userIds)}</span> : usedBy(costCenter.userIds)}
                    </td>
                    <td className="p-3">{costCenter.active ? t("active") : <span className="text-slate-500">{t("inactive")}</span>}</td>
                  </>
                );
                return manage ? (
                  <CostCenterRow
                    key={costCenter.id}
                    code={costCenter.code}
                    columns={COLUMNS + 1}
                    editLabel={t("edit")}
                    form={
                      <CostCenterForm
                        action={saveCostCenterAction}
                        idPrefix={`cost-center-${costCenter.id}`}
                        users={userOptions(costCenter.userIds)}
                        ariaLabel={t("editTitle", { code: costCenter.code })}
                        values={{
                          id: costCenter.id,
                          code: costCenter.code,
                          name: costCenter.name,
                          budget: moneyInputValue(budget, locale),
                          budgetPeriod: costCenter.budgetPeriod,
                          active: costCenter.active,
                          userIds: costCenter.userIds,
                        }}
                      />
                    }
                  >
                    {cells}
                  </CostCenterRow>
                ) : (
                  <tr key={costCenter.id} className="border-t border-slate-100 align-top" data-testid="cost-center-row" data-code={costCenter.code}>
                    {cells}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {manage ? (
        <>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">{t("add")}</h2>
            <CostCenterForm action={saveCostCenterAction} idPrefix="cost-center-new" ariaLabel={t("add")} values={null} users={userOptions([])} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">{t("settingTitle")}</h2>
            <CostCenterRequiredForm action={setCostCenterRequiredAction} required={required} />
          </section>
        </>
      ) : (
        <div className="space-y-1 text-sm text-slate-600">
          <p data-testid="cost-center-required-setting">{required ? t("requiredOn") : t("requiredOff")}</p>
          <p>{buyer.role === "company_admin" ? t("notWhileViewingAs") : t("onlyAdmins")}</p>
        </div>
      )}
    </div>
  );
}
