import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { dateText, money } from "@/lib/format";
import { downloadHref, type InvoiceListItem } from "@/lib/invoices/invoice-access";
import { signedAmount, type InvoiceState } from "@/lib/invoices/invoice-status";

const TONES: Record<InvoiceState, string> = {
  open: "bg-sky-100 text-sky-900",
  paid: "bg-emerald-100 text-emerald-900",
  overdue: "bg-red-100 text-red-900",
};

/** A credit note's "open" is the supplier's to settle: it reads "Te verrekenen", not an "Open" that sounds like a debt. */
export async function InvoiceStatusBadge({ status, kind = "invoice" }: { status: InvoiceState; kind?: "invoice" | "credit_note" }) {
  const t = await getTranslations(kind === "credit_note" ? "invoices.creditStatus" : "invoices.status");
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`} data-testid="invoice-status" data-status={status}>
      {t(status)}
    </span>
  );
}

/**
 * A company's invoices and credit notes with status and the PDF / UBL downloads (list page and order page).
 * On a phone each invoice is a block of its own, as in the cart: number and amount across, the due date
 * and status under them, the downloads below; kind, date and order from sm up (the number says the kind).
 */
export async function InvoiceTable({ rows, locale, showOrder = true }: { rows: InvoiceListItem[]; locale: Locale; showOrder?: boolean }) {
  const t = await getTranslations("invoices");
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="block w-full text-sm sm:table" data-testid="invoice-table">
        <thead className="hidden bg-slate-100 text-left sm:table-header-group">
          <tr>
            <th className="p-3">{t("columns.number")}</th>
            <th className="p-3">{t("columns.kind")}</th>
            <th className="p-3">{t("columns.issueDate")}</th>
            <th className="p-3">{t("columns.dueDate")}</th>
            {showOrder && <th className="p-3">{t("account.orderColumn")}</th>}
            <th className="p-3 text-right">{t("columns.amount")}</th>
            <th className="p-3">{t("columns.status")}</th>
            <th className="p-3">{t("columns.downloads")}</th>
          </tr>
        </thead>
        <tbody className="block sm:table-row-group">
          {rows.map((row) => (
            <tr
              key={row.id}
              className="grid grid-cols-[1fr_auto] border-t border-slate-100 max-sm:py-2 max-sm:first:border-t-0 sm:table-row"
              data-testid="invoice-row"
              data-number={row.number}
              data-kind={row.kind}
            >
              <td className="p-3 max-sm:order-1 max-sm:py-1">
                <Link href={`/account/invoices/${encodeURIComponent(row.number)}`} className="font-medium text-brand-700 underline">
                  {row.number}
                </Link>
                {row.kind === "credit_note" && <span className="ml-2 text-xs text-slate-500 sm:hidden">{t(`kind.${row.kind}`)}</span>}
              </td>
              <td className="hidden p-3 sm:table-cell">{t(`kind.${row.kind}`)}</td>
              <td className="hidden p-3 sm:table-cell">{dateText(row.issueDate, locale)}</td>
              <td className="p-3 max-sm:order-3 max-sm:py-1">
                <span className="text-slate-500 sm:hidden">{t("columns.dueDate")} </span>
                {row.dueDate ? dateText(row.dueDate, locale) : "–"}
              </td>
              {showOrder && <td className="hidden p-3 sm:table-cell">{row.orderNumber ?? "–"}</td>}
              <td className="p-3 text-right whitespace-nowrap tabular-nums max-sm:order-2 max-sm:py-1 max-sm:font-medium" data-testid="invoice-amount">
                {money(signedAmount(row), locale, row.currency)}
              </td>
              <td className="p-3 max-sm:order-4 max-sm:py-1 max-sm:text-right">
                <InvoiceStatusBadge status={row.status} kind={row.kind} />
              </td>
              <td className="space-x-2 p-3 whitespace-nowrap max-sm:order-5 max-sm:col-span-2 max-sm:py-1">
                {(["pdf", "ubl"] as const).map((format) => (
                  <a
                    key={format}
                    href={downloadHref(row.number, format)}
                    download
                    className="text-brand-700 underline"
                    aria-label={t("download.label", { format: t(`download.${format}`), number: row.number })}
                  >
                    {t(`download.${format}`)}
                  </a>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
