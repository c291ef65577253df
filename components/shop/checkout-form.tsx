"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useTranslations } from "next-intl";
import { useEditedFields } from "@/components/use-edited-fields";
import type { CostCenterOption } from "@/components/account/cost-center-options";
import type { ActionState } from "@/lib/actions/safe-action";

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
  const fieldError = (name: string) => (state.status === "error" ? state.fieldErrors?.[name]?.[0] ?? (state.details?.field === name ? state.message : undefined) : undefined);
  const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  // A refused field names the refusal as its description (the message stands above the button) and
  // gets the keyboard, so a screen reader hears which field and why, and the buyer types the fix.
  const errorId = "checkout-error";
  const invalid = (name: string) => (fieldError(name) ? { "aria-invalid": true, "aria-describedby": errorId } : {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result.status !== "error") return;
    const refused = ["poNumber", "costCenter", "requestedDeliveryDate"].find((name) => (result.fieldErrors?.[name]?.length ?? 0) > 0 || result.details?.field === name);
    const target = refused ? formRef.current?.elements.namedItem(refused) : null;
    if (target instanceof HTMLElement) target.focus();
  }, [result]);
  // The buyer's default cost center (set by their company admin) is chosen beforehand.
  const [costCenterCode, setCostCenterCode] = useState(costCenters.mode === "list" ? (costCenters.defaultCode ?? "") : "");
  const overBudget = costCenters.mode === "list" && !!costCenters.options.find((option) => option.code === costCenterCode)?.overBudgetNote;
  // The button says what happens: above the order limit or beyond the chosen cost center's budget the
  // order goes to an approver first (the server decides the same with the same rule, approvalReasons).
  const forApproval = aboveOrderLimit || overBudget;
  return (
    <form ref={formRef} action={formAction} onChange={onChange} className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("shipTo")}</legend>
        {addresses.length === 0 && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="no-ship-to">
            {t("noShipTo")}
          </p>
        )}
        {addresses.map((address) => (
          <label key={address.id} className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
            <input type="radio" name="shipToAddressId" value={address.id} defaultChecked={address.id === defaultAddressId} required />
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
            required={poNumberRequired}
            // Spaces alone are no PO number (the server says the same).
            pattern={poNumberRequired ? ".*\\S.*" : undefined}
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
      {state.status === "error" && (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t("errors.invalid_input")}
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
