"use client";

import { startTransition, useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useEditedFields } from "@/components/use-edited-fields";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { toLocale } from "@/lib/i18n/locales";
import type { ActionState } from "@/lib/actions/safe-action";
import { ActionMessage } from "./action-form";
import { pendingSubmit } from "@/components/pending-submit";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export interface ReturnableLineRow {
  lineNumber: number;
  sku: string;
  name: string;
  unit: string;
  returnable: number;
}

/**
 * "Return items": per shipped line a quantity and a reason. Submitted without React's form reset,
 * so what the buyer typed stays when a line is refused; the refused fields are marked until changed.
 */
export function ReturnRequestForm({ orderId, lines, reasons, action }: { orderId: number; lines: ReturnableLineRow[]; reasons: readonly string[]; action: Action }) {
  const t = useTranslations("account");
  const locale = toLocale(useLocale());
  const [result, formAction, pending] = useActionState(action, { status: "idle" });
  // The refusal as still to show: a refused quantity or reason is no longer marked (nor told) once changed.
  const { shown: state, onChange } = useEditedFields(result);
  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const problem = (field: string) => {
    const message = fieldErrors[field]?.[0];
    return message ? (t.has(`errors.${message}`) ? t(`errors.${message}`, state.status === "error" ? (state.details ?? {}) : {}) : t("errors.invalid_input")) : null;
  };
  return (
    <form
      className="space-y-3"
      aria-label={t("returns.submit")}
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      {/*
        On a phone each line is a block of its own, as in the cart: the product across the width (with
        its line number and how many can go back), under it the quantity and the reason, each labelled.
        From the sm breakpoint up the table.
      */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="return-lines">
        <table className="block w-full text-sm sm:table">
          <thead className="hidden bg-slate-100 text-left sm:table-header-group">
            <tr>
              <th className="p-3">#</th>
              <th className="p-3">{t("returns.product")}</th>
              <th className="p-3 text-right">{t("returns.returnable")}</th>
              <th className="p-3">{t("returns.quantity")}</th>
              <th className="p-3">{t("returns.reason")}</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {lines.map((line) => {
              const quantityProblem = problem(`quantity_${line.lineNumber}`);
              const reasonProblem = problem(`reason_${line.lineNumber}`);
              const returnable = unitQuantity(line.returnable, line.unit, locale);
              return (
                <tr
                  key={line.lineNumber}
                  className="grid grid-cols-[8rem_minmax(0,1fr)] border-t border-slate-100 align-top max-sm:first:border-t-0 sm:table-row"
                  data-testid="return-line"
                  data-sku={line.sku}
                >
                  <td className="hidden p-3 sm:table-cell">{line.lineNumber}</td>
                  <td className="col-span-2 p-3">
                    {line.name}
                    <div className="text-xs text-slate-500">
                      <span className="sm:hidden">#{line.lineNumber} · </span>
                      {line.sku}
                    </div>
                    <div className="text-xs text-slate-600 sm:hidden">
                      {t("returns.returnable")}: {returnable}
                    </div>
                  </td>
                  <td className="hidden p-3 text-right sm:table-cell">{returnable}</td>
                  <td className="p-3 max-sm:pt-0">
                    <span className="mb-1 block text-xs text-slate-500 sm:hidden" aria-hidden="true">
                      {t("returns.quantity")}
                    </span>
                    <input
                      type="number"
                      name={`quantity_${line.lineNumber}`}
                      min={0}
                      max={line.returnable}
                      step={1}
                      defaultValue={0}
                      aria-label={t("returns.quantityOf", { sku: line.sku })}
                      aria-invalid={quantityProblem ? true : undefined}
                      className={`w-24 rounded-md border px-2 py-1 ${quantityProblem ? "border-red-500" : "border-slate-300"}`}
                    />
                    {quantityProblem && <p className="mt-1 text-xs text-red-700">{quantityProblem}</p>}
                  </td>
                  <td className="p-3 max-sm:pt-0">
                    <span className="mb-1 block text-xs text-slate-500 sm:hidden" aria-hidden="true">
                      {t("returns.reason")}
                    </span>
                    <select
                      name={`reason_${line.lineNumber}`}
                      defaultValue=""
                      aria-label={t("returns.reasonOf", { sku: line.sku })}
                      aria-invalid={reasonProblem ? true : undefined}
                      className={`w-full rounded-md border px-2 py-1 sm:w-auto ${reasonProblem ? "border-red-500" : "border-slate-300"}`}
                    >
                      <option value="">{t("returns.chooseReason")}</option>
                      {reasons.map((reason) => (
                        <option key={reason} value={reason}>
                          {t(`returns.reasons.${reason}`)}
                        </option>
                      ))}
                    </select>
                    {reasonProblem && <p className="mt-1 text-xs text-red-700">{reasonProblem}</p>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label className="block text-sm">
        <span className="font-medium">{t("returns.comment")}</span>
        <textarea name="comment" rows={3} maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("returns.submit")}
        </button>
        <div aria-live="polite">
          <ActionMessage state={state} />
        </div>
      </div>
    </form>
  );
}
