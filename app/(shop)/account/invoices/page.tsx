import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireBuyer } from "@/lib/auth/guards";
import { InvoiceFilterFields } from "@/components/invoices/invoice-filter-fields";
import { getCreditUse } from "@/lib/data/credit";
import { money } from "@/lib/format";
import { listInvoicesForBuyer } from "@/lib/invoices/invoice-access";
import { availableCredit } from "@/lib/orders/credit";
import { INVOICE_KIND_FILTERS, INVOICE_STATES } from "@/lib/invoices/invoice-status";
import { getShopContext } from "@/lib/shop-context";
import { InvoiceTable } from "./invoice-table";
import { pageTitle } from "@/lib/i18n/page-title";
import { GetForm } from "@/components/get-form";

export const generateMetadata = pageTitle("account.invoices");

const filterSchema = z.object({
  status: z.enum(INVOICE_STATES).optional().catch(undefined),
  kind: z.enum(INVOICE_KIND_FILTERS).optional().catch(undefined),
});

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/invoices");
  const [{ locale, now }, t, raw] = await Promise.all([getShopContext(), getTranslations("invoices"), searchParams]);
  const filter = parseSearchParams(filterSchema, raw);
  // Invoices are company documents: every user of the company sees all of them.
  const [rows, credit] = await Promise.all([listInvoicesForBuyer(buyer, filter, now), getCreditUse(buyer.companyId)]);
  const filtered = filter.status !== undefined || filter.kind !== undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("account.intro", { company: buyer.companyName })}</p>
      {credit && (
        <section className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="account-credit">
          <h2 className="font-semibold">{t("credit.title")}</h2>
          <p className="mt-1">
            {t("credit.summary", {
              limit: money(credit.limitMinor, locale),
              unpaid: money(credit.unpaidInvoicesMinor, locale),
              uninvoiced: money(credit.uninvoicedOrdersMinor, locale),
            })}
          </p>
          <p className={`mt-1 font-medium ${availableCredit(credit) < 0 ? "text-red-700" : ""}`} data-testid="account-credit-available">
            {availableCredit(credit) < 0
              ? t("credit.overdrawn", { amount: money(-availableCredit(credit), locale) })
              : t("credit.available", { amount: money(availableCredit(credit), locale) })}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("credit.hint")}</p>
        </section>
      )}
      <GetForm action="/account/invoices" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <InvoiceFilterFields status={filter.status} kind={filter.kind} labelClassName="flex flex-col" selectClassName="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {t("filter.submit")}
        </button>
        {filtered && (
          <Link href="/account/invoices" className="px-2 py-2 underline">
            {t("filter.reset")}
          </Link>
        )}
      </GetForm>
      <p className="text-sm text-slate-600" data-testid="invoice-count">
        {t("filter.results", { count: rows.length })}
      </p>
      {rows.length === 0 ? <p>{t(filtered ? "account.noMatch" : "account.empty")}</p> : <InvoiceTable rows={rows} locale={locale} />}
    </div>
  );
}
