import { formatInvoiceDocument, type LabelledValue, type PartyDisplay, type PrintableInvoice } from "@/lib/invoices/format-document";

/**
 * Printable HTML of an issued invoice or credit note (server component, no client JS). It renders
 * the same display model as the PDF (lib/invoices/format-document.ts), so both show the same texts
 * and amounts. Printing from the browser prints only the document: the print rules below hide every
 * element that neither is, contains nor sits inside the document (site header, navigation, forms),
 * so no page needs to mark its chrome.
 *
 * Where the document itself is narrow (a phone; the rule asks the document's width, not the screen's,
 * as it sits in the shop, in the back office and on A4 paper) each line is a block: the product across
 * the width, its item number under it (never broken at the hyphen), then quantity × price, the VAT
 * rate and the amount, each labelled. From 36rem up (and on paper) the table.
 */

const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body { background: #fff !important; }
  body *:not(:has(.invoice-document)):not(.invoice-document):not(.invoice-document *) { display: none !important; }
  body *:has(.invoice-document) {
    margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important;
    background: none !important; overflow: visible !important; max-width: none !important; width: auto !important;
  }
  .invoice-document { font-size: 9.5pt; color: #000; }
  .invoice-document thead { display: table-header-group; }
  .invoice-document tr, .invoice-document .invoice-keep { break-inside: avoid; }
  .invoice-document .invoice-band { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * `invoice`: an `Invoice` row (or anything with its number, kind, document and locale). Always in the
 * document's own language (invoices.locale), whoever views it: its lines and payment terms were written
 * in that language, so labels in the viewer's would make a document of two languages, unlike its PDF.
 */
export function InvoiceDocumentView({ invoice }: { invoice: PrintableInvoice }) {
  const lang = invoice.locale;
  const v = formatInvoiceDocument({ number: invoice.number, kind: invoice.kind, document: invoice.document, locale: invoice.locale }, lang);
  const c = v.labels.columns;
  const registration = [v.supplier.name, ...v.supplier.identifiers.filter((id) => id.label !== v.labels.email && id.label !== v.labels.phone).map((id) => `${id.label} ${id.value}`)];

  return (
    <article className="invoice-document @container mx-auto max-w-4xl bg-white text-sm text-slate-900" lang={lang} data-invoice-kind={v.kind} data-invoice-number={v.number}>
      <style>{PRINT_CSS}</style>

      <div className="flex flex-wrap items-start justify-between gap-6">
        <Party party={v.supplier} nameClass="text-xl font-bold text-brand-700" />
        <div className="min-w-64 text-right">
          <h2 className="text-3xl font-bold uppercase tracking-tight">{v.title}</h2>
          <LabelValues rows={v.meta} />
        </div>
      </div>

      <div className="mt-6 flex flex-wrap items-start justify-between gap-6">
        <div>
          <p className="text-xs font-bold uppercase tracking-wide text-slate-500">{v.labels.billTo}</p>
          <Party party={v.customer} nameClass="text-base font-bold" />
        </div>
        {v.references.length > 0 && (
          <div className="min-w-64">
            <LabelValues rows={v.references} />
          </div>
        )}
      </div>

      <table className="mt-6 block w-full border-collapse text-sm @xl:table" data-testid="invoice-lines">
        <thead className="hidden @xl:table-header-group">
          <tr className="invoice-band bg-slate-100 text-xs">
            <th scope="col" className="px-2 py-1.5 text-left">{c.description}</th>
            <th scope="col" className="px-2 py-1.5 text-left">{c.sku}</th>
            <th scope="col" className="px-2 py-1.5 text-right">{c.quantity}</th>
            <th scope="col" className="px-2 py-1.5 text-left">{c.unit}</th>
            <th scope="col" className="px-2 py-1.5 text-right">{c.unitPrice}</th>
            <th scope="col" className="px-2 py-1.5 text-right">{c.vat}</th>
            <th scope="col" className="px-2 py-1.5 text-right">{c.net}</th>
          </tr>
        </thead>
        <tbody className="block @xl:table-row-group">
          {v.lines.map((row) => (
            <tr key={row.position} className="grid grid-cols-[minmax(0,1fr)_auto_auto] border-b border-slate-200 align-top @xl:table-row" data-testid="invoice-line">
              <td className="col-span-3 px-2 py-1.5 @max-xl:pb-0">
                {row.name}
                {row.description && <span className="block text-xs text-slate-500">{row.description}</span>}
              </td>
              <td className="col-span-3 px-2 py-1.5 @max-xl:py-0 @max-xl:text-xs @max-xl:text-slate-500">
                <span className="@xl:hidden">{c.sku} </span>
                <span className="whitespace-nowrap" data-testid="invoice-line-sku">
                  {row.sku}
                </span>
                {row.buyersItemId && (
                  <span className="block text-xs text-slate-500">
                    {v.labels.buyersItemId} {row.buyersItemId}
                  </span>
                )}
              </td>
              <td className="px-2 pb-1.5 pt-1 @xl:hidden">
                <Caption>
                  {c.quantity} × {c.unitPrice}
                </Caption>
                <span className="tabular-nums">
                  {row.quantity} {row.unit} × {row.unitPrice}
                  {row.priceBase && ` ${row.priceBase}`}
                </span>
              </td>
              <td className="hidden px-2 py-1.5 text-right tabular-nums @xl:table-cell">{row.quantity}</td>
              <td className="hidden px-2 py-1.5 @xl:table-cell">{row.unit}</td>
              <td className="hidden px-2 py-1.5 text-right tabular-nums whitespace-nowrap @xl:table-cell">
                {row.unitPrice}
                {row.priceBase && <span className="block text-xs text-slate-500">{row.priceBase}</span>}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums @max-xl:pb-1.5 @max-xl:pt-1">
                <Caption>{c.vat}</Caption>
                {row.vat}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums whitespace-nowrap @max-xl:pb-1.5 @max-xl:pt-1" data-testid="invoice-line-amount">
                <Caption>{c.net}</Caption>
                {row.net}
              </td>
            </tr>
          ))}
          {v.allowancesCharges.map((ac, index) => (
            <tr key={`ac-${index}`} className="grid grid-cols-[minmax(0,1fr)_auto_auto] border-b border-slate-200 text-slate-600 @xl:table-row">
              <td className="px-2 py-1.5" colSpan={5}>
                {ac.label}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{ac.vat}</td>
              <td className="px-2 py-1.5 text-right tabular-nums whitespace-nowrap">{ac.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="invoice-keep mt-6 flex flex-wrap items-start justify-between gap-6 border-t-2 border-slate-900 pt-4">
        <table className="text-sm">
          <caption className="pb-1 text-left text-xs font-bold uppercase tracking-wide text-slate-500">{v.labels.vatBreakdown}</caption>
          <thead>
            <tr className="text-xs text-slate-500">
              <th scope="col" className="pr-4 text-left font-normal">{v.labels.vatColumns.rate}</th>
              <th scope="col" className="pr-4 text-right font-normal">{v.labels.vatColumns.taxable}</th>
              <th scope="col" className="text-right font-normal">{v.labels.vatColumns.tax}</th>
            </tr>
          </thead>
          <tbody>
            {v.vatRows.map((row, index) => (
              <tr key={index} className="align-top">
                <td className="pr-4">
                  {row.label}
                  {row.reason && <span className="block text-xs text-slate-500">{row.reason}</span>}
                </td>
                <td className="pr-4 text-right tabular-nums whitespace-nowrap">{row.taxable}</td>
                <td className="text-right tabular-nums whitespace-nowrap">{row.tax}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <dl className="min-w-64 text-sm" data-testid="invoice-totals">
          {v.totals.map((row) => (
            <div key={row.label} className={row.emphasis ? "invoice-band mt-1 flex justify-between gap-6 bg-slate-100 px-2 py-1 text-base font-bold" : "flex justify-between gap-6 px-2 py-0.5"}>
              <dt>{row.label}</dt>
              <dd className="tabular-nums whitespace-nowrap">{row.value}</dd>
            </div>
          ))}
        </dl>
      </div>

      {[
        { title: v.labels.payment, body: v.paymentInstruction },
        { title: v.labels.paymentTerms, body: v.paymentTerms },
        { title: v.labels.note, body: v.note },
      ]
        .filter((block): block is { title: string; body: string } => block.body !== null)
        .map((block) => (
          <section key={block.title} className="invoice-keep mt-4">
            <h3 className="text-xs font-bold uppercase tracking-wide text-slate-500">{block.title}</h3>
            <p className="whitespace-pre-line">{block.body}</p>
          </section>
        ))}

      <p className="mt-8 border-t border-slate-200 pt-2 text-xs text-slate-500">{registration.join("  ·  ")}</p>
    </article>
  );
}

/** A value's column heading, shown above it only where the lines are blocks (the table has its heading row). */
function Caption({ children }: { children: React.ReactNode }) {
  return <span className="block text-xs font-normal text-slate-500 @xl:hidden">{children}</span>;
}

function Party({ party, nameClass }: { party: PartyDisplay; nameClass: string }) {
  return (
    <address className="not-italic">
      <span className={`block ${nameClass}`}>{party.name}</span>
      {party.tradingName && <span className="block">{party.tradingName}</span>}
      {party.addressLines.map((line, index) => (
        <span key={index} className="block">
          {line}
        </span>
      ))}
      {party.identifiers.length > 0 && (
        <span className="mt-1 block text-xs text-slate-500">
          {party.identifiers.map((id) => (
            <span key={id.label} className="block">
              {id.label} {id.value}
            </span>
          ))}
        </span>
      )}
    </address>
  );
}

function LabelValues({ rows }: { rows: LabelledValue[] }) {
  return (
    <dl className="mt-2 grid grid-cols-[auto_auto] justify-end gap-x-6 gap-y-0.5 text-sm">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-left text-slate-500">{row.label}</dt>
          <dd className="text-right font-semibold">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
