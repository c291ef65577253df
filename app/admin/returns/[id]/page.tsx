import type { ReactNode } from "react";
import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { getReturnForStaff } from "@/lib/admin/returns";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { mayCompleteReturn, mayDecideReturn } from "@/lib/returns/return-rules";
import { completeReturnAction, decideReturnAction } from "../actions";
import { returnTone } from "../status-tone";
import { pageTitle } from "@/lib/i18n/page-title";
import { unitQuantity } from "@/lib/catalog/unit-names";

export const generateMetadata = pageTitle("admin.return");

export default async function ReturnPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/returns/${id}`);
  const returnId = Number(id);
  if (!Number.isSafeInteger(returnId) || returnId <= 0 || returnId > 2_147_483_647) notFound();
  // A return of a customer the staff member does not manage is "not found", like every admin page.
  const { request, creditable, returnAddress } = await getReturnForStaff(staff, returnId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [t, ts, tr, locale] = await Promise.all([
    getTranslations("admin.returns"),
    getTranslations("account.returns.statuses"),
    getTranslations("account.returns.reasons"),
    getLocale().then(toLocale),
  ]);
  const none = t("detail.none");
  const byOn = (name: string | null, at: Date | null) => (at ? t("detail.byOn", { name: name ?? none, date: dateTimeText(at, locale) }) : none);
  const completing = mayCompleteReturn(request.status);
  // Goods not (yet) on an invoice cannot be credited: completing would be refused, so say so beforehand.
  const shortOfInvoice = request.lines.filter((line) => (creditable.get(line.orderLineNumber) ?? 0) < line.quantity);

  return (
    <div className="space-y-4">
      <Link href="/admin/returns" className="text-sm text-brand-700 underline">
        ← {t("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("detail.title", { number: request.returnNumber })}</h1>
        <Badge tone={returnTone(request.status)}>
          <span data-testid="return-status">{ts(request.status)}</span>
        </Badge>
      </div>
      <Card title={t("detail.request")}>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2" data-testid="return-header">
          <div>
            <dt className="font-medium">{t("customer")}</dt>
            <dd>
              <Link href={`/admin/customers/${request.companyId}`} className="text-brand-700 underline">
                {request.companyName}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{t("order")}</dt>
            <dd>
              <Link href={`/admin/orders/${request.orderId}`} className="text-brand-700 underline">
                {request.orderNumber}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{t("requester")}</dt>
            <dd>
              {request.requestedBy.name} (
              <a href={`mailto:${request.requestedBy.email}`} className="text-brand-700 underline">
                {request.requestedBy.email}
              </a>
              )
            </dd>
          </div>
          <div>
            <dt className="font-medium">{t("reportedAt")}</dt>
            <dd>{dateTimeText(request.createdAt, locale)}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="font-medium">{t("detail.buyerComment")}</dt>
            <dd className="whitespace-pre-line">{request.buyerComment ?? none}</dd>
          </div>
          {request.decidedAt && (
            <div>
              <dt className="font-medium">{request.status === "cancelled" ? t("detail.withdrawnBy") : t("detail.decidedBy")}</dt>
              <dd>{byOn(request.decidedByName, request.decidedAt)}</dd>
            </div>
          )}
          {request.staffComment && (
            <div className="sm:col-span-2">
              <dt className="font-medium">{request.status === "rejected" ? t("detail.reason") : t("detail.instructions")}</dt>
              <dd className="whitespace-pre-line" data-testid="return-staff-comment">
                {request.staffComment}
              </dd>
            </div>
          )}
          {request.completedAt && (
            <div>
              <dt className="font-medium">{t("detail.completedBy")}</dt>
              <dd>{byOn(request.completedByName, request.completedAt)}</dd>
            </div>
          )}
          {request.completionNote && (
            <div className="sm:col-span-2">
              <dt className="font-medium">{t("detail.completionNote")}</dt>
              <dd className="whitespace-pre-line">{request.completionNote}</dd>
            </div>
          )}
          {request.status === "completed" && (
            <div className="sm:col-span-2">
              <dt className="font-medium">{t("detail.creditNotes")}</dt>
              <dd data-testid="return-credit-notes">
                {request.creditNotes.length === 0
                  ? t("detail.nothingCredited")
                  : request.creditNotes.map((note, index) => (
                      <span key={note.id}>
                        {index > 0 && ", "}
                        <Link href={`/admin/invoices/${note.id}`} className="text-brand-700 underline">
                          {note.number}
                        </Link>
                      </span>
                    ))}
              </dd>
            </div>
          )}
        </dl>
      </Card>
      {completing ? (
        <Card title={t("complete.title")}>
          <p className="mb-3 text-sm text-slate-600">{t("complete.intro")}</p>
          {shortOfInvoice.length > 0 && (
            <p role="note" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="return-not-invoiced">
              {t("complete.notInvoiced", { lines: shortOfInvoice.map((line) => line.sku).join(", ") })}{" "}
              <Link href={`/admin/orders/${request.orderId}`} className="underline">
                {t("complete.toOrder")}
              </Link>
            </p>
          )}
          <ActionForm action={completeReturnAction} submitLabel={t("complete.submit")} confirm={t("complete.confirm")} keepInput testId="return-complete-form">
            <input type="hidden" name="returnId" value={request.id} />
            <LinesTable request={request} creditable={creditable} t={t} tr={tr} editable locale={locale} />
            <Field label={t("complete.note")} hint={t("complete.noteHint")}>
              <textarea name="note" rows={2} maxLength={2000} className={inputClass} />
            </Field>
          </ActionForm>
        </Card>
      ) : (
        <Card title={t("detail.lines")}>
          <LinesTable request={request} creditable={creditable} t={t} tr={tr} editable={false} locale={locale} />
        </Card>
      )}
      {mayDecideReturn(request.status) && (
        <>
          <Card title={t("approve.title")}>
            <p className="mb-3 text-sm text-slate-600">{t("approve.intro")}</p>
            {returnAddress && (
              <p className="mb-3 whitespace-pre-line rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="return-address">
                {returnAddress}
              </p>
            )}
            <ActionForm action={decideReturnAction} submitLabel={t("approve.submit")} testId="return-approve-form">
              <input type="hidden" name="returnId" value={request.id} />
              <input type="hidden" name="decision" value="approved" />
              <Field label={t("approve.instructions")} hint={t("approve.instructionsHint")}>
                <textarea name="comment" rows={3} maxLength={2000} className={inputClass} />
              </Field>
            </ActionForm>
          </Card>
          <Card title={t("reject.title")}>
            <ActionForm
              action={decideReturnAction}
              submitLabel={t("reject.submit")}
              variant="danger"
              confirm={t("reject.confirm")}
              fieldLabels={{ comment: t("reject.reason") }}
              testId="return-reject-form"
            >
              <input type="hidden" name="returnId" value={request.id} />
              <input type="hidden" name="decision" value="rejected" />
              <Field label={t("reject.reason")}>
                <textarea name="comment" required rows={2} maxLength={2000} className={inputClass} />
              </Field>
            </ActionForm>
          </Card>
        </>
      )}
    </div>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

function LinesTable({
  request,
  creditable,
  t,
  tr,
  editable,
  locale,
}: {
  request: Awaited<ReturnType<typeof getReturnForStaff>>["request"];
  creditable: Map<number, number>;
  t: Translate;
  tr: Translate;
  editable: boolean;
  locale: Locale;
}) {
  const completed = request.status === "completed";
  // On a phone each line is a block of its own, like the buyer's return form: the product (with its line
  // number) across the width, under it each figure labelled, so what was received and credited is in view
  // without scrolling sideways. From the sm breakpoint up the table.
  return (
    <div className="relative overflow-x-auto">
      <table className={`${tableClass} block sm:table`} data-testid="return-lines">
        <thead className="hidden sm:table-header-group">
          <tr>
            <th className={thClass}>#</th>
            <th className={thClass}>{t("detail.product")}</th>
            <th className={thClass}>{t("detail.reasonColumn")}</th>
            <th className={`${thClass} text-right`}>{t("detail.reported")}</th>
            {!completed && <th className={`${thClass} text-right`}>{t("detail.creditable")}</th>}
            {(editable || completed) && <th className={`${thClass} text-right`}>{t("detail.received")}</th>}
          </tr>
        </thead>
        <tbody className="block sm:table-row-group">
          {request.lines.map((line) => (
            <tr
              key={line.orderLineNumber}
              className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 border-b border-slate-100 py-1 sm:table-row sm:border-0 sm:py-0"
              data-testid="return-line"
              data-sku={line.sku}
            >
              <td className={`${tdClass} hidden sm:table-cell`}>{line.orderLineNumber}</td>
              <td className={`${tdClass} col-span-2 max-sm:border-0`}>
                {line.name}
                <span className="block text-xs text-slate-500">
                  <span className="sm:hidden">#{line.orderLineNumber} · </span>
                  {line.sku}
                </span>
              </td>
              <PhoneLabelled label={t("detail.reasonColumn")}>{tr(line.reason)}</PhoneLabelled>
              <PhoneLabelled label={t("detail.reported")} numeric>
                <span title={line.unit}>{unitQuantity(line.quantity, line.unit, locale)}</span>
              </PhoneLabelled>
              {!completed && (
                <PhoneLabelled label={t("detail.creditable")} numeric>
                  {/* In the line's unit, like what was reported next to it ("60 dozen", not a bare 60). */}
                  <span title={line.unit}>{unitQuantity(creditable.get(line.orderLineNumber) ?? 0, line.unit, locale)}</span>
                </PhoneLabelled>
              )}
              {editable && (
                <PhoneLabelled label={t("detail.received")} numeric>
                  <input
                    type="number"
                    name={`received_${line.orderLineNumber}`}
                    min={0}
                    max={line.quantity}
                    step={1}
                    defaultValue={line.quantity}
                    required
                    aria-label={t("detail.receivedOf", { sku: line.sku })}
                    className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right"
                  />
                </PhoneLabelled>
              )}
              {completed && (
                <PhoneLabelled label={t("detail.received")} numeric>
                  {line.receivedQuantity ?? 0}
                </PhoneLabelled>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A cell that on a phone (a line as a block) is a row of its own: the column's name, then the value
 * at the right. The name is hidden from the sm breakpoint up, where the table's header says it.
 */
function PhoneLabelled({ label, numeric = false, children }: { label: string; numeric?: boolean; children: ReactNode }) {
  return (
    <>
      <td className="px-3 py-1 text-xs text-slate-600 sm:hidden" aria-hidden="true">
        {label}
      </td>
      <td className={`${tdClass} text-right max-sm:border-0 max-sm:py-1 ${numeric ? "tabular-nums" : "sm:text-left"}`}>{children}</td>
    </>
  );
}
