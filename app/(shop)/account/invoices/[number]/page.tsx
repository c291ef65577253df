import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvoiceDocumentView } from "@/components/invoices/invoice-document";
import { requireBuyer } from "@/lib/auth/guards";
import { dateText, withFullStop } from "@/lib/format";
import { downloadHref, formatsOf, getInvoiceForBuyer, invoiceNumberParam, listInvoicesForBuyer, statusOf } from "@/lib/invoices/invoice-access";
import { getShopContext } from "@/lib/shop-context";
import { InvoiceStatusBadge } from "../invoice-table";
import { accountInvoiceTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ params }: { params: Promise<{ number: string }> }) => accountInvoiceTitle((await params).number);

export default async function InvoicePage({ params }: { params: Promise<{ number: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const { number: raw } = await params;
  const number = invoiceNumberParam(raw);
  const buyer = await requireBuyer(`/account/invoices/${encodeURIComponent(number)}`);
  const [{ locale, now }, t] = await Promise.all([getShopContext(), getTranslations("invoices")]);
  // Another company's number does not exist for this user.
  const invoice = await getInvoiceForBuyer(buyer, number);
  if (!invoice) notFound();
  const credits =
    invoice.kind === "invoice" ? (await listInvoicesForBuyer(buyer, { kind: "credit_note", orderId: invoice.orderId ?? undefined }, now)).filter((row) => row.creditedInvoiceId === invoice.id) : [];
  const status = statusOf(invoice, now);
  const credited = invoice.document.billingReference?.invoiceNumber;
  return (
    <div className="space-y-6">
      <Link href="/account/invoices" className="text-sm text-brand-700 underline">
        {t("account.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold" data-testid="invoice-number">
          {t("account.detailTitle", { kind: t(`kind.${invoice.kind}`), number: invoice.number })}
        </h1>
        <InvoiceStatusBadge status={status} kind={invoice.kind} />
      </div>
      <p className="text-sm text-slate-600">
        {invoice.paidAt
          ? t("account.paidOn", { date: dateText(invoice.paidAt, locale) })
          : invoice.dueDate && invoice.kind === "invoice"
            ? t("account.dueOn", { date: dateText(invoice.dueDate, locale) })
            : null}
        {credited && (
          <>
            {" "}
            <Link href={`/account/invoices/${encodeURIComponent(credited)}`} className="text-brand-700 underline">
              {t("account.creditFor", { number: credited })}
            </Link>
          </>
        )}
      </p>
      <section aria-labelledby="downloads-title" className="flex flex-wrap items-center gap-2">
        <h2 id="downloads-title" className="mr-2 font-semibold">
          {t("account.downloads")}
        </h2>
        {formatsOf(invoice).map((format) => (
          <a
            key={format}
            href={downloadHref(invoice.number, format)}
            download
            data-testid={`download-${format}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            aria-label={t("download.label", { format: t(`download.${format}`), number: invoice.number })}
          >
            {t(`download.${format}`)}
          </a>
        ))}
        {/* What each format is for: "NLCIUS" or "UBL" alone tells a buyer nothing. */}
        <p className="basis-full text-xs text-slate-600" data-testid="download-hint">
          {withFullStop(
            formatsOf(invoice)
              .map((format) => t(`account.downloadHint.${format}`))
              .join("; "),
          )}
        </p>
      </section>
      {credits.length > 0 && (
        <section aria-labelledby="credits-title">
          <h2 id="credits-title" className="font-semibold">
            {t("account.creditNotes")}
          </h2>
          <ul className="mt-1 text-sm">
            {credits.map((credit) => (
              <li key={credit.id}>
                <Link href={`/account/invoices/${encodeURIComponent(credit.number)}`} className="text-brand-700 underline">
                  {credit.number}
                </Link>{" "}
                ({dateText(credit.issueDate, locale)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4" data-testid="invoice-document">
        <InvoiceDocumentView invoice={invoice} />
      </div>
    </div>
  );
}
