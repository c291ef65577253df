import type { ReactNode } from "react";
import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { ActionForm } from "@/components/account/action-form";
import { ReturnStatusBadge } from "@/components/account/return-status";
import { requireBuyer } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { getReturnForViewer, returnAddressFor } from "@/lib/returns/buyer-returns";
import { mayCancelReturn } from "@/lib/returns/return-rules";
import { getShopContext } from "@/lib/shop-context";
import { withdrawReturnAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.return");

const NOTICE_TONE = {
  info: "border-slate-200 bg-slate-50 text-slate-800",
  good: "border-emerald-200 bg-emerald-50 text-emerald-900",
  bad: "border-red-200 bg-red-50 text-red-900",
};

export default async function ReturnPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: Promise<{ requested?: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ number }, { requested }] = await Promise.all([params, searchParams]);
  const buyer = await requireBuyer(`/account/returns/${number}`);
  const [{ locale }, t] = await Promise.all([getShopContext(), getTranslations("account.returns")]);
  // A plain buyer sees the returns of their own orders; another company's return does not exist for them.
  const request = await getReturnForViewer(buyer, decodeURIComponent(number));
  if (!request) notFound();
  // The approval mail carries it too, but the buyer who opens the return from the site must find it here.
  const returnAddress = await returnAddressFor(request);
  const justRequested = requested === "1" && request.status === "requested";
  const completed = request.status === "completed";
  const notice: { tone: keyof typeof NOTICE_TONE; text: string } | null = justRequested
    ? null
    : request.status === "requested"
      ? { tone: "info", text: t("requestedNotice") }
      : request.status === "approved"
        ? { tone: "good", text: t("approvedNotice", { number: request.returnNumber }) }
        : request.status === "completed"
          ? { tone: "good", text: request.creditNoteNumbers.length > 0 ? t("completedNotice") : t("completedNoCreditNotice") }
          : request.status === "rejected"
            ? { tone: "bad", text: t("rejectedNotice") }
            : { tone: "info", text: t("cancelledNotice") };

  return (
    <div className="space-y-6">
      <Link href="/account/returns" className="text-sm text-brand-700 underline">
        {t("backToList")}
      </Link>
      {justRequested && (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" data-testid="return-requested">
          {t("requestedConfirmation", { number: request.returnNumber })}
        </p>
      )}
      <h1 className="text-2xl font-semibold" data-testid="return-number">
        {t("detailTitle", { number: request.returnNumber })}
      </h1>
      {notice && (
        <p role="note" className={`rounded-md border px-3 py-2 text-sm ${NOTICE_TONE[notice.tone]}`} data-testid="return-notice">
          {notice.text}
        </p>
      )}
      {returnAddress && (
        <section className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" aria-labelledby="return-address-title" data-testid="return-address">
          <h2 id="return-address-title" className="font-semibold">
            {t("returnAddress")}
          </h2>
          <p className="whitespace-pre-line">{returnAddress}</p>
        </section>
      )}
      <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("status")}</dt>
        <dd>
          <ReturnStatusBadge status={request.status} />
        </dd>
        <dt className="text-slate-500">{t("order")}</dt>
        <dd>
          <Link href={`/account/orders/${encodeURIComponent(request.orderNumber)}`} className="text-brand-700 underline">
            {request.orderNumber}
          </Link>
        </dd>
        <dt className="text-slate-500">{t("reported")}</dt>
        <dd>{t("dateBy", { date: dateTimeText(request.createdAt, locale), name: request.requestedBy.name })}</dd>
        {request.decidedAt && (
          <>
            <dt className="text-slate-500">{t("decided")}</dt>
            <dd>{t("dateBy", { date: dateTimeText(request.decidedAt, locale), name: request.decidedByName ?? "–" })}</dd>
          </>
        )}
        {request.buyerComment && (
          <>
            <dt className="text-slate-500">{t("comment")}</dt>
            <dd className="whitespace-pre-line">{request.buyerComment}</dd>
          </>
        )}
        {request.staffComment && (
          <>
            <dt className="text-slate-500">{request.status === "rejected" ? t("rejectReason") : t("instructions")}</dt>
            <dd className="whitespace-pre-line" data-testid="return-staff-comment">
              {request.staffComment}
            </dd>
          </>
        )}
        {request.completedAt && (
          <>
            <dt className="text-slate-500">{t("completed")}</dt>
            <dd>{dateTimeText(request.completedAt, locale)}</dd>
          </>
        )}
        {request.completionNote && (
          <>
            <dt className="text-slate-500">{t("completionNote")}</dt>
            <dd className="whitespace-pre-line">{request.completionNote}</dd>
          </>
        )}
        {request.creditNoteNumbers.length > 0 && (
          <>
            <dt className="text-slate-500">{t("creditNotes")}</dt>
            <dd data-testid="return-credit-notes">
              {request.creditNoteNumbers.map((creditNote, index) => (
                <span key={creditNote}>
                  {index > 0 && ", "}
                  <Link href={`/account/invoices/${encodeURIComponent(creditNote)}`} className="text-brand-700 underline">
                    {creditNote}
                  </Link>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {/*
        On a phone each line is a block of its own, like the return form: the product across the width,
        under it the reason and the quantities, each labelled, so the credited quantity is in view without
        scrolling sideways. From the sm breakpoint up the table.
      */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="return-lines">
        <table className="block w-full text-sm sm:table">
          <thead className="hidden bg-slate-100 text-left sm:table-header-group">
            <tr>
              <th className="p-3">{t("product")}</th>
              <th className="p-3">{t("reason")}</th>
              <th className="p-3 text-right">{t("quantity")}</th>
              {completed && <th className="p-3 text-right">{t("credited")}</th>}
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {request.lines.map((line) => (
              <tr
                key={line.orderLineNumber}
                className="grid grid-cols-[8rem_minmax(0,1fr)] border-t border-slate-100 align-top max-sm:first:border-t-0 sm:table-row"
                data-testid="return-line"
                data-sku={line.sku}
              >
                <td className="col-span-2 p-3">
                  {line.name}
                  <div className="text-xs text-slate-500">{line.sku}</div>
                </td>
                <PhoneLabelled label={t("reason")}>{t(`reasons.${line.reason}`)}</PhoneLabelled>
                <PhoneLabelled label={t("quantity")} numeric>
                  {unitQuantity(line.quantity, line.unit, locale)}
                </PhoneLabelled>
                {completed && (
                  <PhoneLabelled label={t("credited")} numeric>
                    {line.receivedQuantity ?? 0}
                  </PhoneLabelled>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayCancelReturn(request.status) && (
        <section className="space-y-2" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title" className="font-semibold">
            {t("withdrawTitle")}
          </h2>
          <ActionForm
            action={withdrawReturnAction}
            submitLabel={t("withdraw")}
            submitClassName="rounded-md border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            <input type="hidden" name="returnNumber" value={request.returnNumber} />
          </ActionForm>
        </section>
      )}
    </div>
  );
}

/**
 * A cell that on a phone (a line as a block) is a row of its own: the column's name, then the value.
 * The name is hidden from the sm breakpoint up, where the table's header says it.
 */
function PhoneLabelled({ label, numeric = false, children }: { label: string; numeric?: boolean; children: ReactNode }) {
  return (
    <>
      <td className="px-3 pb-2 text-slate-500 sm:hidden" aria-hidden="true">
        {label}
      </td>
      <td className={`px-3 max-sm:pb-2 sm:p-3 ${numeric ? "sm:text-right" : ""}`}>{children}</td>
    </>
  );
}
