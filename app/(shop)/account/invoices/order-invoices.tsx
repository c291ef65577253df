import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { listInvoicesForBuyer, type CompanyViewer } from "@/lib/invoices/invoice-access";
import { InvoiceTable } from "./invoice-table";

/** The invoices and credit notes of one order, on the buyer's order page. */
export async function OrderInvoices({ viewer, orderId, locale, now }: { viewer: CompanyViewer; orderId: number; locale: Locale; now: Date }) {
  const [rows, t] = await Promise.all([listInvoicesForBuyer(viewer, { orderId }, now), getTranslations("invoices.account")]);
  return (
    <section aria-labelledby="order-invoices-title" className="space-y-2" data-testid="order-invoices">
      <h2 id="order-invoices-title" className="font-semibold">
        {t("orderInvoices")}
      </h2>
      {rows.length === 0 ? <p className="text-sm text-slate-600">{t("orderNoInvoices")}</p> : <InvoiceTable rows={rows} locale={locale} showOrder={false} />}
    </section>
  );
}
