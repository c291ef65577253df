/**
 * Cost-centre budgets, pure: which calendar period a day falls in, and what is left of a budget.
 * Periods are calendar months, quarters and years in the Netherlands (the day comes from
 * calendarDate); a budget covers orders placed in its period that were not rejected or cancelled,
 * including those still awaiting approval (committed, not yet spent: approving them must not push a
 * later order through unchecked).
 */

/** Budgets run per calendar month, quarter or year (db/schema/cost-centers.ts stores one of these). */
export const BUDGET_PERIODS = ["month", "quarter", "year"] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export interface BudgetPeriodBounds {
  /** First day of the period (ISO date, inclusive). */
  from: string;
  /** First day after the period (ISO date, exclusive). */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function budgetPeriodOf(period: BudgetPeriod, day: string): BudgetPeriodBounds {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (period === "year") return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const firstMonth = period === "quarter" ? month - ((month - 1) % 3) : month;
  const months = period === "quarter" ? 3 : 1;
  const next = firstMonth + months;
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: next > 12 ? `${year + 1}-${pad(next - 12)}-01` : `${year}-${pad(next)}-01`,
  };
}

export interface BudgetUse {
  budgetMinor: number;
  budgetPeriod: BudgetPeriod;
  bounds: BudgetPeriodBounds;
  /** Orders in the period that count (placed, in progress, or awaiting approval). */
  committedMinor: number;
}

/** What is left; negative once approvers let orders go beyond the budget. */
export const remainingBudget = (use: Pick<BudgetUse, "budgetMinor" | "committedMinor">): number => use.budgetMinor - use.committedMinor;

/** An order exactly using up what is left fits; one cent more does not. */
export const exceedsBudget = (use: Pick<BudgetUse, "budgetMinor" | "committedMinor">, subtotalMinor: number): boolean =>
  use.committedMinor + subtotalMinor > use.budgetMinor;

/** The quarter (1–4) a period starts in, for "Q4 2026". */
export const quarterOf = (bounds: BudgetPeriodBounds): number => Math.floor((Number(bounds.from.slice(5, 7)) - 1) / 3) + 1;

/** "november 2026" / "November 2026", "Q4 2026", "2026": the period as people say it. */
export function budgetPeriodLabel(use: { budgetPeriod: BudgetPeriod; bounds: BudgetPeriodBounds }, locale: "nl" | "en"): string {
  const year = use.bounds.from.slice(0, 4);
  if (use.budgetPeriod === "year") return year;
  if (use.budgetPeriod === "quarter") return `Q${quarterOf(use.bounds)} ${year}`;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${use.bounds.from}T00:00:00Z`));
}
