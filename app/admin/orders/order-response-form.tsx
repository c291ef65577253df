"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, type FormAction } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { OrderActionForm } from "./order-action-form";

export type OrderDecision = "accept" | "change" | "reject";

const DECISIONS: readonly OrderDecision[] = ["accept", "change", "reject"];

/** A price as typed in the UI's language ("2,70" in Dutch); the action reads both separators. */
const decimalText = (minor: number, locale: string) => {
  const text = (minor / 100).toFixed(2);
  return locale === "nl" ? text.replace(".", ",") : text;
};

/**
 * The account manager's answer to a purchase order: confirm all, confirm with changes, or reject
 * (lib/purchase-orders/order-responses.ts). The per-line quantity, price and date count only for
 * "with changes", so only then can they be edited: under "confirm all" an edit would be dropped
 * without a word. The choice is React state and the form keeps its input after a refusal
 * (OrderActionForm), so a rejection refused for its missing reason stays a rejection.
 */
export function OrderResponseForm({
  action,
  orderId,
  lines,
  initialDecision = "accept",
}: {
  action: FormAction;
  orderId: number;
  lines: readonly { lineNumber: number; sku: string; quantity: number; unitPriceMinor: number }[];
  initialDecision?: OrderDecision;
}) {
  const t = useTranslations("purchaseOrders");
  const locale = useLocale();
  const [decision, setDecision] = useState<OrderDecision>(initialDecision);
  const editable = decision === "change";
  const fieldLabels = {
    comment: t("detail.commentLabel"),
    ...Object.fromEntries(
      lines.flatMap((line) => [
        [`line_${line.lineNumber}_quantity`, `${t("detail.newQuantity")} ${line.lineNumber} · ${line.sku}`],
        [`line_${line.lineNumber}_price`, `${t("detail.newPrice")} ${line.lineNumber} · ${line.sku}`],
      ]),
    ),
  };
  return (
    <OrderActionForm action={action} submitLabel={t("detail.submitConfirm")} successKey="responded" fieldLabels={fieldLabels} testId="confirm-form">
      <input type="hidden" name="orderId" value={orderId} />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="font-medium">{t("detail.decision")}</legend>
        {DECISIONS.map((option) => (
          <label key={option} className="inline-flex items-center gap-1">
            <input type="radio" name="decision" value={option} checked={decision === option} onChange={() => setDecision(option)} /> {t(`detail.${option}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t("detail.comment")}>
        <textarea name="comment" rows={2} maxLength={1000} className={inputClass} />
      </Field>
      <table className={tableClass} data-testid="confirm-lines">
        <thead>
          <tr>
            <th className={thClass}>{t("detail.line")}</th>
            <th className={thClass}>{t("detail.newQuantity")}</th>
            <th className={thClass}>{t("detail.newPrice")}</th>
            <th className={thClass}>{t("detail.newDate")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.lineNumber}>
              <td className={tdClass}>
                {line.lineNumber} · {line.sku}
              </td>
              <td className={tdClass}>
                <input
                  name={`line_${line.lineNumber}_quantity`}
                  defaultValue={line.quantity}
                  inputMode="numeric"
                  disabled={!editable}
                  className={`${inputClass} disabled:bg-slate-100 disabled:text-slate-500`}
                  aria-label={`${t("detail.newQuantity")} ${line.lineNumber}`}
                />
              </td>
              <td className={tdClass}>
                <input
                  name={`line_${line.lineNumber}_price`}
                  defaultValue={decimalText(line.unitPriceMinor, locale)}
                  inputMode="decimal"
                  disabled={!editable}
                  className={`${inputClass} disabled:bg-slate-100 disabled:text-slate-500`}
                  aria-label={`${t("detail.newPrice")} ${line.lineNumber}`}
                />
              </td>
              <td className={tdClass}>
                <input
                  type="date"
                  name={`line_${line.lineNumber}_date`}
                  disabled={!editable}
                  className={`${inputClass} disabled:bg-slate-100 disabled:text-slate-500`}
                  aria-label={`${t("detail.newDate")} ${line.lineNumber}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!editable && <p className="text-xs text-slate-500">{t("detail.linesOnlyWithChanges")}</p>}
    </OrderActionForm>
  );
}
