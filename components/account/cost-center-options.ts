import type { CostCenterChoice } from "@/lib/account/cost-centers";
import type { Locale } from "@/lib/i18n/locales";
import { money } from "@/lib/format";
import { budgetPeriodLabel, exceedsBudget, remainingBudget } from "@/lib/orders/budget";

/** A cost centre as the checkout and a standing order's form offer it. */
export interface CostCenterOption {
  code: string;
  /** "4100 – Facilitair beheer (€ 1.200,00 over in Q4 2026)". */
  label: string;
  /** Set when an order of `subtotalMinor` would go beyond what is left: why it will wait for approval. */
  overBudgetNote: string | null;
}

type Key = "costCenterOption" | "costCenterOptionBudget" | "costCenterOptionSpent" | "overBudget";
type Translate = (key: Key, values: Record<string, string>) => string;

/** The "checkout" namespace's texts for each active cost centre, with what is left of its budget. */
export function costCenterOptions(choice: CostCenterChoice, t: Translate, locale: Locale, subtotalMinor?: number): CostCenterOption[] {
  return choice.options.map((costCenter) => {
    const names = { code: costCenter.code, name: costCenter.name };
    if (costCenter.budgetMinor === null) return { code: costCenter.code, label: t("costCenterOption", names), overBudgetNote: null };
    const use = { ...costCenter, budgetMinor: costCenter.budgetMinor };
    const remaining = remainingBudget(use);
    const period = budgetPeriodLabel(use, locale);
    const left = money(Math.max(remaining, 0), locale);
    return {
      code: costCenter.code,
      label: remaining > 0 ? t("costCenterOptionBudget", { ...names, remaining: left, period }) : t("costCenterOptionSpent", { ...names, period }),
      overBudgetNote: subtotalMinor !== undefined && exceedsBudget(use, subtotalMinor) ? t("overBudget", { code: costCenter.code, remaining: left, period }) : null,
    };
  });
}
