import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvoiceDocumentView } from "@/components/invoices/invoice-document";
import { Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { VatEvidenceWarningNote } from "@/components/admin/vat-evidence-warning";
import { idParam } from "@/lib/admin/route-params";
import { vatEvidenceWarning } from "@/lib/admin/vat-checks";
import { requireStaff } from "@/lib/auth/guards";
import { dateText, dateTimeText, money } from "@/lib/format";
import { amsterdamToday, downloadHref, formatsOf, getInvoiceForStaff, listInvoicesForStaff, statusOf } from "@/lib/invoices/invoice-access";
import { getShopContext } from "@/lib/shop-context";
import { issueCreditNoteAction, markPaidAction, resendDeliveryAction } from "../actions";
import { AdminInvoiceStatus } from "../status-badge";
import { InvoiceActionForm } from "./invoice-action-form";
import { adminInvoiceTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => adminInvoiceTitle((await params).id);

const DELIVERY_TONE = { pending: "amber", sent: "green", failed: "red" } as const;

export default async function AdminInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const { id } = await params;
  const staff = await requireStaff(`/admin/invoices/${id}`);
  const invoice = await getInvoiceForStaff(staff, idParam(id));
  if (!invoice) notFound();
  const [t, { locale, now }] = await Promise.all([getTranslations("invoices"), getShopContext()]);
  const credits =
    invoice.kind === "invoice"
      ? (await listInvoicesForStaff(staff, { companyId: invoice.companyId, kind: "credit_note" }, now)).filter((row) => row.creditedInvoiceId === invoice.id)
      : [];
  // What is still creditable per line: invoiced minus every earlier credit note's quantity.
  const creditedDetails = await Promise.all(credits.map((credit) => getInvoiceForStaff(staff, credit.id)));
  const credited = new Map<string, number>();
  for (const line of creditedDetails.flatMap((detail) => detail?.lines ?? [])) credited.set(line.lineId, (credited.get(line.lineId) ?? 0) + line.quantity);
  const invoicedLines = new Map(invoice.lines.map((line) => [line.lineId, line]));
  const creditable = invoice.document.lines
    .map((line) => ({ line, invoiced: invoicedLines.get(line.id)?.quantity ?? 0 }))
    .map(({ line, invoiced }) => ({ line, invoiced, remaining: Math.max(0, invoiced - (credited.get(line.id) ?? 0)) }));
  const creditedNumber = invoice.document.billingReference?.invoiceNumber;
  // Crediting at 0 % without current VIES evidence: said beside the form, not blocked.
  const vatWarning = creditable.some((row) => row.remaining > 0) ? await vatEvidenceWarning(staff, invoice.companyId, now) : null;
  const a = (key: string, values?: Record<string, string | number>) => t(`admin.${key}`, values);

  return (
    <div className="space-y-4">
      <Link href="/admin/invoices" className="text-sm text-brand-700 underline">
        {a("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold" data-testid="invoice-number">
          {t(`kind.${invoice.kind}`)} {invoice.number}
        </h1>
        <AdminInvoiceStatus status={statusOf(invoice, now)} kind={invoice.kind} />
      </div>
      <Card title={a("summary")}>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="font-medium">{a("customer")}</dt>
            <dd>
              <Link href={`/admin/customers/${invoice.companyId}`} className="text-brand-700 underline">
                {invoice.companyName}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{a("order")}</dt>
            <dd>
              {invoice.orderId !== null ? (
                <Link href={`/admin/orders/${invoice.orderId}`} className="text-brand-700 underline">
                  {invoice.orderNumber ?? invoice.orderId}
                </Link>
              ) : (
                a("none")
              )}
            </dd>
          </div>
          {creditedNumber && invoice.creditedInvoiceId !== null && (
            <div>
              <dt className="font-medium">{a("creditFor")}</dt>
              <dd>
                <Link href={`/admin/invoices/${invoice.creditedInvoiceId}`} className="text-brand-700 underline" data-testid="credited-invoice">
                  {creditedNumber}
                </Link>
              </dd>
            </div>
          )}
          <div>
            <dt className="font-medium">{a("issueDate")}</dt>
            <dd>{dateText(invoice.issueDate, locale)}</dd>
          </div>
          <div>
            <dt className="font-medium">{a("dueDate")}</dt>
            <dd>{invoice.dueDate ? dateText(invoice.dueDate, locale) : a("none")}</dd>
          </div>
          <div>
            <dt className="font-medium">{a("taxExclusive")}</dt>
            <dd className="tabular-nums">{money(invoice.taxExclusiveMinor, locale, invoice.currency)}</dd>
          </div>
          <div>
            <dt className="font-medium">{a("amount")}</dt>
            <dd className="tabular-nums" data-testid="invoice-amount">
              {money(invoice.payableMinor, locale, invoice.currency)}
            </dd>
          </div>
          <div>
            <dt className="font-medium">{a("paidAt")}</dt>
            <dd data-testid="paid-at">{invoice.paidAt ? dateText(invoice.paidAt, locale) : a("notPaid")}</dd>
          </div>
        </dl>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">{a("downloads")}:</span>
          {formatsOf(invoice).map((format) => (
            <a key={format} href={downloadHref(invoice.number, format)} download data-testid={`download-${format}`} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
              {t(`download.${format}`)}
            </a>
          ))}
        </div>
      </Card>

      <Card title={a("payment")}>
        {invoice.paidAt ? (
          <InvoiceActionForm action={markPaidAction} submitLabel={a("markUnpaid")} successKey="markedUnpaid" variant="secondary" testId="mark-unpaid-form">
            <input type="hidden" name="invoiceId" value={invoice.id} />
            <input type="hidden" name="paid" value="0" />
          </InvoiceActionForm>
        ) : (
          <InvoiceActionForm action={markPaidAction} submitLabel={a("markPaid")} successKey="markedPaid" testId="mark-paid-form" fieldLabels={{ paidOn: a("paidOn") }} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="invoiceId" value={invoice.id} />
            <input type="hidden" name="paid" value="1" />
            <Field label={a("paidOn")}>
              <input type="date" name="paidOn" min={invoice.issueDate} max={amsterdamToday(now)} className={inputClass} />
            </Field>
          </InvoiceActionForm>
        )}
      </Card>

      <Card title={a("deliveries")}>
        {invoice.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">{a("noDeliveries")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="invoice-deliveries">
              <thead>
                <tr>
                  <th className={thClass}>{a("channel")}</th>
                  <th className={thClass}>{a("status")}</th>
                  <th className={thClass}>{a("attempts")}</th>
                  <th className={thClass}>{a("sentAt")}</th>
                  <th className={thClass}>{a("lastError")}</th>
                  <th className={thClass}>{a("reference")}</th>
                  <th className={thClass} />
                </tr>
              </thead>
              <tbody>
                {invoice.deliveries.map((delivery) => (
                  <tr key={delivery.id} data-testid="delivery-row" data-channel={delivery.channel}>
                    <td className={tdClass}>{t(`channel.${delivery.channel}`)}</td>
                    <td className={tdClass}>
                      <Badge tone={DELIVERY_TONE[delivery.status]}>
                        <span data-testid="delivery-status" data-status={delivery.status}>
                          {a(`deliveryStatus.${delivery.status}`)}
                        </span>
                      </Badge>
                    </td>
                    <td className={`${tdClass} tabular-nums`}>{delivery.attempts}</td>
                    <td className={tdClass}>{delivery.sentAt ? dateTimeText(delivery.sentAt, locale) : a("none")}</td>
                    <td className={`${tdClass} max-w-md break-words`} data-testid="delivery-error">
                      {delivery.lastError ?? a("none")}
                    </td>
                    <td className={`${tdClass} break-all font-mono text-xs`}>{delivery.externalReference ?? a("none")}</td>
                    <td className={tdClass}>
                      {delivery.status !== "pending" && (
                        <InvoiceActionForm action={resendDeliveryAction} submitLabel={a("resend")} successKey="resent" variant="secondary" testId={`resend-${delivery.channel}`} className="space-y-1">
                          <input type="hidden" name="invoiceId" value={invoice.id} />
                          <input type="hidden" name="channel" value={delivery.channel} />
                        </InvoiceActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {invoice.kind === "invoice" && (
        <Card title={a("creditNotes")}>
          {credits.length === 0 ? (
            <p className="text-sm text-slate-600">{a("noCreditNotes")}</p>
          ) : (
            <ul className="text-sm" data-testid="credit-notes">
              {credits.map((credit) => (
                <li key={credit.id}>
                  <Link href={`/admin/invoices/${credit.id}`} className="text-brand-700 underline">
                    {credit.number}
                  </Link>{" "}
                  · {dateText(credit.issueDate, locale)} · {money(credit.payableMinor, locale, credit.currency)}
                </li>
              ))}
            </ul>
          )}
          {creditable.some((row) => row.remaining > 0) && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <h3 className="font-semibold">{a("creditNote.title")}</h3>
              <p className="mb-3 text-sm text-slate-600">{a("creditNote.intro")}</p>
              {vatWarning && (
                <div className="mb-3">
                  <VatEvidenceWarningNote warning={vatWarning} locale={locale} />
                </div>
              )}
              <InvoiceActionForm
                action={issueCreditNoteAction}
                submitLabel={a("creditNote.submit")}
                successKey="creditNote.issued"
                linkCreated
                testId="credit-note-form"
                fieldLabels={{ reason: a("creditNote.reason"), quantity: a("creditNote.quantity") }}
              >
                <input type="hidden" name="invoiceId" value={invoice.id} />
                <fieldset className="flex flex-wrap gap-4 text-sm">
                  <label className="inline-flex items-center gap-1">
                    <input type="radio" name="mode" value="lines" defaultChecked /> {a("creditNote.modeLines")}
                  </label>
                  <label className="inline-flex items-center gap-1">
                    <input type="radio" name="mode" value="all" /> {a("creditNote.modeAll")}
                  </label>
                </fieldset>
                <table className={tableClass}>
                  <thead>
                    <tr>
                      <th className={thClass}>{a("creditNote.line")}</th>
                      <th className={thClass}>{a("creditNote.product")}</th>
                      <th className={`${thClass} text-right`}>{a("creditNote.invoiced")}</th>
                      <th className={thClass}>{a("creditNote.quantity")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {creditable.map(({ line, invoiced, remaining }) => (
                      <tr key={line.id} data-testid="credit-line" data-line={line.id} data-sku={line.sku ?? ""}>
                        <td className={tdClass}>{line.id}</td>
                        <td className={tdClass}>
                          {line.name}
                          {line.sku && <div className="text-xs text-slate-500">{line.sku}</div>}
                        </td>
                        <td className={`${tdClass} text-right tabular-nums`}>
                          {invoiced} × {money(line.unitPriceMinor, locale, invoice.currency)}
                          {/* Earlier credit notes said only by the input's max before: a browser bubble after the fact. */}
                          {invoiced > remaining && (
                            <div className="text-xs text-slate-600" data-testid="already-credited">
                              {a("creditNote.alreadyCredited", { count: invoiced - remaining })}
                            </div>
                          )}
                        </td>
                        <td className={tdClass}>
                          {/* lineId / quantity travel as parallel lists: a fully credited line sends neither. */}
                          {remaining > 0 && <input type="hidden" name="lineId" value={line.id} />}
                          <input
                            name="quantity"
                            type="number"
                            min={0}
                            max={remaining}
                            step={1}
                            defaultValue=""
                            disabled={remaining === 0}
                            className={`${inputClass} max-w-28`}
                            aria-label={a("creditNote.quantityFor", { line: line.id })}
                            aria-describedby={remaining > 0 ? `credit-up-to-${line.id}` : undefined}
                          />
                          {remaining > 0 && (
                            <div id={`credit-up-to-${line.id}`} className="text-xs text-slate-600">
                              {a("creditNote.upTo", { count: remaining })}
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Field label={a("creditNote.reason")}>
                  <textarea name="reason" rows={2} required maxLength={500} className={inputClass} />
                </Field>
              </InvoiceActionForm>
            </div>
          )}
        </Card>
      )}

      <Card title={a("document")}>
        <div className="relative overflow-x-auto" data-testid="invoice-document">
          <InvoiceDocumentView invoice={invoice} />
        </div>
      </Card>
    </div>
  );
}
