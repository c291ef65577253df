"use client";

import { useActionState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useTranslations } from "next-intl";
import { useAnnounceCartReading } from "@/components/shop/cart-badge";
import type { ActionState } from "@/lib/actions/safe-action";
import type { ReportState } from "@/lib/actions/report-action";
import type { Locale } from "@/lib/i18n/locales";
import type { ReorderReport } from "@/lib/orders/reorder";
import { ActionMessage } from "./action-form";
import { LineReport } from "./line-report";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type ReorderAction = (state: ReportState<ReorderReport>, formData: FormData) => Promise<ReportState<ReorderReport>>;

/** Approve or reject an order awaiting approval, with a comment (required to reject). */
export function ApprovalForm({ orderNumber, action }: { orderNumber: string; action: Action }) {
  const t = useTranslations("account.order");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-2" aria-label={t("approvalTitle")}>
      <input type="hidden" name="orderNumber" value={orderNumber} />
      <label className="block text-sm">
        <span className="font-medium">{t("comment")}</span>
        <textarea name="comment" rows={3} maxLength={1000} aria-describedby="approval-comment-hint" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        <span id="approval-comment-hint" className="text-xs text-slate-500">
          {t("commentHint")}
        </span>
      </label>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="decision" value="approve" {...pendingSubmit(pending)} className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
          {t("approve")}
        </button>
        <button type="submit" name="decision" value="reject" {...pendingSubmit(pending)} className="rounded-md border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60">
          {t("reject")}
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

/**
 * The reorder buttons; the line checkboxes live in the order's line table and join this form
 * through their `form` attribute.
 */
export function ReorderPanel({
  formId,
  orderNumber,
  action,
  addToCartAction,
  locale,
}: {
  formId: string;
  orderNumber: string;
  action: ReorderAction;
  addToCartAction: Action;
  locale: Locale;
}) {
  const t = useTranslations("account.order");
  const te = useTranslations("account.errors");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  return (
    <section className="space-y-3" aria-labelledby="reorder-title">
      <h2 id="reorder-title" className="font-semibold">
        {t("reorderTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("reorderIntro")}</p>
      <form id={formId} action={formAction} className="flex flex-wrap gap-3">
        <input type="hidden" name="orderNumber" value={orderNumber} />
        <button type="submit" name="mode" value="all" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("reorderAll")}
        </button>
        <button type="submit" name="mode" value="selected" {...pendingSubmit(pending)} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
          {t("reorderSelected")}
        </button>
      </form>
      {state.status === "error" && (
        <p role="alert" data-testid="action-error" className="text-sm text-red-700">
          {te.has(state.message) ? te(state.message, state.details ?? {}) : te("invalid_input")}
        </p>
      )}
      {state.status === "ok" && (
        <LineReport
          rows={state.report.lines.map((line) => ({
            ref: line.lineNumber,
            input: `${line.sku};${line.quantity}`,
            sku: line.sku,
            name: line.name,
            outcome: line.outcome,
            successor: line.successor,
            price: { before: line.previousUnitPriceMinor, after: line.currentUnitPriceMinor, currency: state.report.currency },
          }))}
          locale={locale}
          addToCartAction={addToCartAction}
          summary={{
            added: state.report.added,
            problems: state.report.problems,
            warnings: state.report.lines.filter((l) => l.outcome.status === "added" && l.outcome.stockWarning).length,
          }}
        />
      )}
    </section>
  );
}
