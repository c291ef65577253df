import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { InvoiceListItem } from "@/lib/invoices/invoice-access";
import { InvoiceTable } from "./invoice-table";

/** The invoices and credit notes of one order (listInvoicesForBuyer with its orderId), on the buyer's order page. */
export async function OrderInvoices({ rows, locale }: { rows: InvoiceListItem[]; locale: Locale }) {
  const t = await getTranslations("invoices.account");
  return (
    <section aria-labelledby="order-invoices-title" className="space-y-2" data-testid="order-invoices">
      <h2 id="order-invoices-title" className="font-semibold">
        {t("orderInvoices")}
      </h2>
      {rows.length === 0 ? <p className="text-sm text-slate-600">{t("orderNoInvoices")}</p> : <InvoiceTable rows={rows} locale={locale} showOrder={false} />}
    </section>
  );
}
