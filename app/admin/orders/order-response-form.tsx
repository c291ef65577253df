"use client";

import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, type FormAction } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import type { ActionState } from "@/lib/actions/safe-action";
import { OrderActionForm } from "./order-action-form";

export type OrderDecision = "accept" | "change" | "reject";

const DECISIONS: readonly OrderDecision[] = ["accept", "change", "reject"];
const LINE_PARTS = ["quantity", "price", "date"] as const;

/** A price as typed in the UI's language ("2,70" in Dutch); the action reads both separators. */
const decimalText = (minor: number, locale: string) => {
  const text = (minor / 100).toFixed(2);
  return locale === "nl" ? text.replace(".", ",") : text;
};

/** The calendar day of a requested delivery date as cXML or the order stores it ("2026-12-10T00:00:00+01:00"), for a date input; "" when none. */
export function requestedDay(value: string | null | undefined): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value ?? "")?.[0];
  const parsed = day ? new Date(`${day}T12:00:00Z`) : null;
  // A day that does not exist ("2026-02-30") would roll over; a date field shows it as empty anyway.
  return day && parsed && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : "";
}

/**
 * The refusals of this form by field, as message keys of purchaseOrders.errors: the action's
 * fieldErrors (decision, line_<n>_quantity|price|date) and a refusal naming its field in `details`
 * (the missing reason of a rejection at "comment").
 */
export function responseFieldErrors(state: ActionState): Record<string, string[]> {
  if (state.status !== "error") return {};
  const errors: Record<string, string[]> = { ...state.fieldErrors };
  const field = state.details?.field;
  if (typeof field === "string" && !errors[field]) errors[field] = [state.message];
  return errors;
}

/** The field a refusal sends the focus to: the first refused one in the order the form shows them. */
export function firstRefusedField(errors: Record<string, string[]>, lineNumbers: readonly number[]): string | null {
  const order = ["decision", "comment", ...lineNumbers.flatMap((n) => LINE_PARTS.map((part) => `line_${n}_${part}`))];
  return order.find((name) => errors[name]?.length) ?? null;
}

export interface ResponseLine {
  lineNumber: number;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** The buyer's requested delivery date for the line, else the order's (as stored; null: none): the date field starts at it. */
  requestedDeliveryDate?: string | null;
}

/**
 * The account manager's answer to a purchase order: confirm all, confirm with changes, or reject
 * (lib/purchase-orders/order-responses.ts). The per-line quantity, price and date count only for
 * "with changes", so only then can they be edited: under "confirm all" an edit would be dropped
 * without a word. A quantity of 0 rejects that line. On an order under review nothing is chosen
 * beforehand (`initialDecision` null): one press on "Send" must not confirm what the review is
 * about. The choice is React state and the form keeps its input after a refusal (OrderActionForm),
 * so a rejection refused for its missing reason stays a rejection; each refusal is shown at its
 * field, which gets the focus.
 */
export function OrderResponseForm({
  action,
  orderId,
  lines,
  initialDecision,
}: {
  action: FormAction;
  orderId: number;
  lines: readonly ResponseLine[];
  initialDecision: OrderDecision | null;
}) {
  const t = useTranslations("purchaseOrders");
  const fieldLabels = {
    comment: t("detail.commentLabel"),
    decision: t("detail.decision"),
    ...Object.fromEntries(
      lines.flatMap((line) => [
        [`line_${line.lineNumber}_quantity`, `${t("detail.newQuantity")} ${line.lineNumber} · ${line.sku}`],
        [`line_${line.lineNumber}_price`, `${t("detail.newPrice")} ${line.lineNumber} · ${line.sku}`],
        [`line_${line.lineNumber}_date`, `${t("detail.newDate")} ${line.lineNumber} · ${line.sku}`],
      ]),
    ),
  };
  return (
    <OrderActionForm
      action={action}
      submitLabel={t("detail.submitConfirm")}
      successKey="responded"
      fieldLabels={fieldLabels}
      errorsAtFields={Object.keys(fieldLabels)}
      testId="confirm-form"
    >
      {(state, answer) => <OrderResponseFields state={state} answer={answer} orderId={orderId} lines={lines} initialDecision={initialDecision} />}
    </OrderActionForm>
  );
}

/**
 * The form's fields with the refusals still to show (`state`) at their fields; `answer` is the
 * action's latest answer as such, which alone moves the focus (default: `state`).
 */
export function OrderResponseFields({
  state,
  answer = state,
  orderId,
  lines,
  initialDecision,
}: {
  state: ActionState;
  answer?: ActionState;
  orderId: number;
  lines: readonly ResponseLine[];
  initialDecision: OrderDecision | null;
}) {
  const t = useTranslations("purchaseOrders");
  const locale = useLocale();
  const [decision, setDecision] = useState<OrderDecision | null>(initialDecision);
  const editable = decision === "change";
  const errors = responseFieldErrors(state);
  const id = (field: string) => `order-${orderId}-${field}`;
  const errorId = (field: string) => `${id(field)}-error`;
  const errorText = (field: string) => errors[field]?.map((key) => (t.has(`errors.${key}`) ? t(`errors.${key}`, { line: "" }) : key)).join(" ");
  const invalid = (field: string) => (errors[field]?.length ? { "aria-invalid": true as const, "aria-describedby": errorId(field) } : {});
  const errorLine = (field: string) =>
    errors[field]?.length ? (
      <span id={errorId(field)} className="mt-0.5 block text-xs text-red-700" data-testid={`field-error-${field}`}>
        {errorText(field)}
      </span>
    ) : null;

  // After a refusal, the field to fix gets the focus (a screen reader reads its error with it); only
  // a new answer of the action moves it. Not from `state`: that changes as refused fields are changed,
  // and the focus would jump from the field being typed in to the next refused one.
  // (The order and its lines are the same from answer to answer: the answer alone is the dependency.)
  useEffect(() => {
    const refused = firstRefusedField(responseFieldErrors(answer), lines.map((line) => line.lineNumber));
    if (refused) document.getElementById(id(refused))?.focus();
  }, [answer]); // eslint-disable-line react-hooks/exhaustive-deps

  const lineInputClass = (field: string) => `${inputClass} disabled:bg-slate-100 disabled:text-slate-500 ${errors[field]?.length ? "border-red-500 bg-red-50" : ""}`;
  return (
    <>
      <input type="hidden" name="orderId" value={orderId} />
      <fieldset role="radiogroup" aria-required="true" {...invalid("decision")} className="text-sm">
        <legend className="font-medium">{t("detail.decision")}</legend>
        <div className="flex flex-wrap gap-4">
          {DECISIONS.map((option, index) => (
            <label key={option} className="inline-flex items-center gap-1">
              <input
                type="radio"
                name="decision"
                value={option}
                // The focus goes to the group's first option (or the chosen one) when the choice is what was refused.
                id={(decision === null ? index === 0 : decision === option) ? id("decision") : undefined}
                checked={decision === option}
                onChange={() => setDecision(option)}
              />{" "}
              {t(`detail.${option}`)}
            </label>
          ))}
        </div>
        {errorLine("decision")}
      </fieldset>
      <div>
        <Field label={t("detail.comment")}>
          <textarea id={id("comment")} name="comment" rows={2} maxLength={1000} className={`${inputClass} ${errors.comment?.length ? "border-red-500 bg-red-50" : ""}`} {...invalid("comment")} />
        </Field>
        {errorLine("comment")}
      </div>
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
          {lines.map((line) => {
            const field = (part: (typeof LINE_PARTS)[number]) => `line_${line.lineNumber}_${part}`;
            return (
              <tr key={line.lineNumber}>
                <td className={tdClass}>
                  {line.lineNumber} · {line.sku}
                </td>
                <td className={tdClass}>
                  <input
                    id={id(field("quantity"))}
                    name={field("quantity")}
                    defaultValue={line.quantity}
                    inputMode="numeric"
                    disabled={!editable}
                    className={lineInputClass(field("quantity"))}
                    aria-label={`${t("detail.newQuantity")} ${line.lineNumber}`}
                    {...invalid(field("quantity"))}
                  />
                  {errorLine(field("quantity"))}
                </td>
                <td className={tdClass}>
                  <input
                    id={id(field("price"))}
                    name={field("price")}
                    defaultValue={decimalText(line.unitPriceMinor, locale)}
                    inputMode="decimal"
                    disabled={!editable}
                    className={lineInputClass(field("price"))}
                    aria-label={`${t("detail.newPrice")} ${line.lineNumber}`}
                    {...invalid(field("price"))}
                  />
                  {errorLine(field("price"))}
                </td>
                <td className={tdClass}>
                  <input
                    id={id(field("date"))}
                    type="date"
                    name={field("date")}
                    defaultValue={requestedDay(line.requestedDeliveryDate)}
                    disabled={!editable}
                    className={lineInputClass(field("date"))}
                    aria-label={`${t("detail.newDate")} ${line.lineNumber}`}
                    {...invalid(field("date"))}
                  />
                  {errorLine(field("date"))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">{editable ? t("detail.zeroRejects") : t("detail.linesOnlyWithChanges")}</p>
    </>
  );
}
