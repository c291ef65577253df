import { getTranslations } from "next-intl/server";
import { dateText, money } from "@/lib/format";
import { availableCredit, type CreditUse } from "@/lib/orders/credit";

/** A customer's credit on account as staff read it: limit, what is owed and committed, what is left. */
export async function CreditFigures({ credit, currency = "EUR", locale }: { credit: CreditUse; currency?: string; locale: "nl" | "en" }) {
  const t = await getTranslations("admin.credit");
  const available = availableCredit(credit);
  const amount = (minor: number) => money(minor, locale, currency);
  return (
    <dl className="grid grid-cols-[auto_auto] gap-x-6 gap-y-1 text-sm sm:w-max" data-testid="credit-figures">
      <dt className="text-slate-600">{t("limit")}</dt>
      <dd className="text-right tabular-nums" data-testid="credit-limit">{amount(credit.limitMinor)}</dd>
      <dt className="text-slate-600">{t("unpaidInvoices")}</dt>
      <dd className="text-right tabular-nums" data-testid="credit-unpaid">{amount(credit.unpaidInvoicesMinor)}</dd>
      <dt className="text-slate-600">{t("uninvoicedOrders")}</dt>
      <dd className="text-right tabular-nums" data-testid="credit-uninvoiced">{amount(credit.uninvoicedOrdersMinor)}</dd>
      <dt className="font-medium">{t("available")}</dt>
      <dd className={`text-right font-medium tabular-nums ${available < 0 ? "text-red-700" : ""}`} data-testid="credit-available">
        {available < 0 ? `${amount(-available)} ${t("overdrawn")}` : amount(available)}
      </dd>
    </dl>
  );
}

/** The customer's overdue invoices, when there are any: the first thing a credit controller looks at. */
export async function OverdueLine({ overdue, locale }: { overdue: { count: number; amountMinor: number; oldestDueDate: string | null }; locale: "nl" | "en" }) {
  if (overdue.count === 0 || !overdue.oldestDueDate) return null;
  const t = await getTranslations("admin.credit");
  return (
    <p className="text-sm font-medium text-red-700" data-testid="credit-overdue">
      {t("overdue", {
        count: overdue.count,
        amount: money(overdue.amountMinor, locale),
        since: dateText(new Date(`${overdue.oldestDueDate}T12:00:00Z`), locale),
      })}
    </p>
  );
}
