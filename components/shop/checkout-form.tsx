"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useTranslations } from "next-intl";
import { useEditedFields } from "@/components/use-edited-fields";
import type { CostCenterOption } from "@/components/account/cost-center-options";
import type { ActionState } from "@/lib/actions/safe-action";
import { checkoutMessage, firstRefusedField, refusalAt } from "@/lib/checkout/refusal";

export interface CheckoutAddressOption {
  id: number;
  label: string;
  text: string;
}

/** Free text until the company keeps cost centres; then one of them (lib/account/cost-centers.ts). */
export type CheckoutCostCenters = { mode: "free" } | { mode: "list"; required: boolean; options: CostCenterOption[]; defaultCode: string | null };

export function CheckoutForm({
  addresses,
  defaultAddressId,
  costCenters,
  poNumberRequired = false,
  aboveOrderLimit = false,
  minDate,
  action,
}: {
  /** The addresses this buyer may have orders delivered to (lib/account/addresses.ts), and the one chosen beforehand. */
  addresses: CheckoutAddressOption[];
  defaultAddressId: number | null;
  costCenters: CheckoutCostCenters;
  /** The company requires a PO number on every order (lib/account/po-number.ts); the server refuses an order without one either way. */
  poNumberRequired?: boolean;
  /** The cart is above the buyer's order limit (lib/orders/approval-rule.ts): the order will wait for approval. */
  aboveOrderLimit?: boolean;
  minDate: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("checkout");
  const [result, formAction, pending] = useActionState(action, { status: "idle" });
  // The refusal as still to show: a refused field is no longer marked (nor its refusal told) once changed.
  const { shown: state, onChange } = useEditedFields(result);
  // A date the buyer began but did not finish: the browser sends it as no date at all (see onSubmit).
  const [incompleteDate, setIncompleteDate] = useState(false);
  const fieldError = (name: string) => (name === "requestedDeliveryDate" && incompleteDate ? "delivery_date_incomplete" : refusalAt(state, name));
  const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  // A refused field names the refusal as its description (the message stands above the button) and
  // gets the keyboard, so a screen reader hears which field and why, and the buyer types the fix.
  const errorId = "checkout-error";
  const invalid = (name: string) => (fieldError(name) ? { "aria-invalid": true, "aria-describedby": errorId } : {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result.status !== "error") return;
    const refused = firstRefusedField(result);
    const target = refused ? formRef.current?.elements.namedItem(refused) : null;
    // The delivery addresses are radio buttons: the chosen one, else the first.
    const control = target instanceof RadioNodeList ? (Array.from(target).find((radio) => (radio as HTMLInputElement).checked) ?? target[0]) : target;
    if (control instanceof HTMLElement) control.focus();
  }, [result]);
  // The message above the button: the unfinished date before anything is sent, else the refusal.
  const message = incompleteDate ? "delivery_date_incomplete" : checkoutMessage(state);
  // The buyer's default cost center (set by their company admin) is chosen beforehand.
  const [costCenterCode, setCostCenterCode] = useState(costCenters.mode === "list" ? (costCenters.defaultCode ?? "") : "");
  const overBudget = costCenters.mode === "list" && !!costCenters.options.find((option) => option.code === costCenterCode)?.overBudgetNote;
  // The button says what happens: above the order limit or beyond the chosen cost center's budget the
  // order goes to an approver first (the server decides the same with the same rule, approvalReasons).
  const forApproval = aboveOrderLimit || overBudget;
  return (
    // noValidate: every field is checked by the server, which names the refused field (details.field or
    // fieldErrors): the message is the shop's own, in its language, tied to the field (aria-invalid,
    // aria-describedby) which gets the keyboard, instead of the browser's bubble in the browser's
    // language that a screen reader does not tie to the field. `required` stays for what it tells.
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onChange={(event) => {
        if (event.target instanceof HTMLInputElement && event.target.name === "requestedDeliveryDate") setIncompleteDate(false);
        onChange(event);
      }}
      onSubmit={(event) => {
        // Without the browser's check a half-typed date (validity.badInput) would go as no date at all
        // and the order would be placed without it: asked here, as the server would ask.
        const date = event.currentTarget.elements.namedItem("requestedDeliveryDate");
        const incomplete = date instanceof HTMLInputElement && date.validity.badInput;
        setIncompleteDate(incomplete);
        if (incomplete) {
          event.preventDefault();
          date.focus();
        }
      }}
      className="space-y-4"
    >
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("shipTo")}</legend>
        {addresses.length === 0 && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="no-ship-to">
            {t("noShipTo")}
          </p>
        )}
        {addresses.map((address) => (
          <label key={address.id} className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
            <input type="radio" name="shipToAddressId" value={address.id} defaultChecked={address.id === defaultAddressId} required {...invalid("shipToAddressId")} />
            <span>
              <span className="font-medium">{address.label}</span>
              <br />
              <span className="text-slate-600">{address.text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          {t("poNumber")}
          {poNumberRequired && <span className="font-normal text-slate-600"> {t("required")}</span>}
          <input
            name="poNumber"
            maxLength={35}
            // Blank or spaces alone: the server refuses it (po_number_required) at this field.
            required={poNumberRequired}
            className={input}
            {...invalid("poNumber")}
          />
        </label>
        {costCenters.mode === "list" ? (
          <CostCenterSelect costCenters={costCenters} code={costCenterCode} onChange={setCostCenterCode} className={input} invalid={invalid("costCenter")} />
        ) : (
          <label className="block text-sm font-medium">
            {t("costCenter")}
            <input name="costCenter" maxLength={35} className={input} {...invalid("costCenter")} />
          </label>
        )}
        <label className="block text-sm font-medium">
          {t("requestedDeliveryDate")}
          <input name="requestedDeliveryDate" type="date" min={minDate} className={input} {...invalid("requestedDeliveryDate")} />
        </label>
      </div>
      <label className="block text-sm font-medium">
        {t("note")}
        <textarea name="note" maxLength={1000} rows={3} className={input} />
      </label>
      {message && (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.has(`errors.${message}`) ? t(`errors.${message}`) : t("errors.invalid_input")}
        </p>
      )}
      <button
        type="submit"
        {...pendingSubmit(pending)}
        className="rounded-md bg-brand-600 px-6 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="place-order"
      >
        {t(forApproval ? "submitForApproval" : "placeOrder")}
      </button>
    </form>
  );
}

/** The company's cost centres; the chosen one's budget note says when the order will wait for approval. */
function CostCenterSelect({
  costCenters,
  code,
  onChange,
  className,
  invalid,
}: {
  costCenters: Extract<CheckoutCostCenters, { mode: "list" }>;
  code: string;
  onChange: (code: string) => void;
  className: string;
  /** aria-invalid and aria-describedby while the cost center is refused. */
  invalid: { "aria-invalid"?: boolean; "aria-describedby"?: string };
}) {
  const t = useTranslations("checkout");
  const note = costCenters.options.find((option) => option.code === code)?.overBudgetNote;
  return (
    <div className="sm:col-span-2">
      <label className="block text-sm font-medium">
        {t("costCenter")}
        <select name="costCenter" required={costCenters.required} value={code} onChange={(event) => onChange(event.target.value)} className={className} {...invalid}>
          <option value="">{costCenters.required ? t("costCenterChoose") : t("costCenterNone")}</option>
          {costCenters.options.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {note && (
        <p role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="budget-approval-needed">
          {note}
        </p>
      )}
    </div>
  );
}
