import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { dateText, money } from "@/lib/format";
import { downloadHref, type InvoiceListItem } from "@/lib/invoices/invoice-access";
import type { InvoiceState } from "@/lib/invoices/invoice-status";

const TONES: Record<InvoiceState, string> = {
  open: "bg-sky-100 text-sky-900",
  paid: "bg-emerald-100 text-emerald-900",
  overdue: "bg-red-100 text-red-900",
};

export async function InvoiceStatusBadge({ status }: { status: InvoiceState }) {
  const t = await getTranslations("invoices.status");
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`} data-testid="invoice-status" data-status={status}>
      {t(status)}
    </span>
  );
}

/** A company's invoices and credit notes with status and the PDF / UBL downloads (list page and order page). */
export async function InvoiceTable({ rows, locale, showOrder = true }: { rows: InvoiceListItem[]; locale: Locale; showOrder?: boolean }) {
  const t = await getTranslations("invoices");
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid="invoice-table">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="p-3">{t("columns.number")}</th>
            <th className="hidden p-3 sm:table-cell">{t("columns.kind")}</th>
            <th className="hidden p-3 sm:table-cell">{t("columns.issueDate")}</th>
            <th className="p-3">{t("columns.dueDate")}</th>
            {showOrder && <th className="hidden p-3 sm:table-cell">{t("columns.order")}</th>}
            <th className="p-3 text-right">{t("columns.amount")}</th>
            <th className="p-3">{t("columns.status")}</th>
            <th className="p-3">{t("columns.downloads")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100" data-testid="invoice-row" data-number={row.number} data-kind={row.kind}>
              <td className="p-3">
                <Link href={`/account/invoices/${encodeURIComponent(row.number)}`} className="font-medium text-brand-700 underline">
                  {row.number}
                </Link>
              </td>
              <td className="hidden p-3 sm:table-cell">{t(`kind.${row.kind}`)}</td>
              <td className="hidden p-3 sm:table-cell">{dateText(row.issueDate, locale)}</td>
              <td className="p-3">{row.dueDate ? dateText(row.dueDate, locale) : "–"}</td>
              {showOrder && <td className="hidden p-3 sm:table-cell">{row.orderNumber ?? "–"}</td>}
              <td className="p-3 text-right whitespace-nowrap tabular-nums">{money(row.payableMinor, locale, row.currency)}</td>
              <td className="p-3">
                <InvoiceStatusBadge status={row.status} />
              </td>
              <td className="space-x-2 p-3 whitespace-nowrap">
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
