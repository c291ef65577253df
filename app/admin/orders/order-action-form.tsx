"use client";

import { startTransition, useActionState, useEffect } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton, useActionError, type FormAction } from "@/components/admin/action-form";
import { useOutlivingSuccess } from "@/components/admin/outliving-notice";
import { useEditedFields } from "@/components/use-edited-fields";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionState } from "@/lib/actions/safe-action";

/**
 * ActionForm for the order page: errors of the order/invoice flow (purchaseOrders.errors, with
 * the issuer's detail, e.g. which master data is missing) come before the generic admin errors,
 * and the success line can name what was created (shipment number, invoice number).
 *
 * A refused submit keeps what was chosen and typed: React resets a form after the action it was
 * given as `action`, which turned a held order's "Cancel" back into "Release" (and a resubmit then
 * released it). So it submits through `onSubmit` (the button waits for React) and resets itself only
 * after a success, for the next shipment or invoice.
 *
 * A refused field's refusal goes once it is changed (lib/forms/edited-fields.ts), under the button
 * and at the field alike: function children get the result as still to show, and the action's own
 * answer beside it for what must follow answers only (moving the focus). Plain children are the
 * caller's markup, so their refused controls are marked aria-invalid here.
 */
export function OrderActionForm({
  action,
  children,
  submitLabel,
  successKey,
  fieldLabels,
  className = "space-y-3",
  variant = "primary",
  inline = false,
  testId,
  errorsAtFields = [],
}: {
  action: FormAction;
  /**
   * The fields, or a function for forms that show refusals at their fields: of the action's result as
   * still to show (`state`, without refusals of fields changed since) and of its latest answer as such
   * (`answer`, a new object only when the action answered).
   */
  children?: React.ReactNode | ((state: ActionState, answer: ActionState) => React.ReactNode);
  submitLabel: string;
  /** Key in purchaseOrders.success; the action's data are its values. */
  successKey: "confirmed" | "shipped" | "invoiced" | "decided" | "responded" | "confirmationSent";
  fieldLabels?: Record<string, string>;
  className?: string;
  variant?: "primary" | "secondary";
  inline?: boolean;
  testId?: string;
  /** Fields whose refusals the children show at the field (fieldErrors, or `details.field`): not repeated under the button. */
  errorsAtFields?: readonly string[];
}) {
  const t = useTranslations("purchaseOrders");
  const notice = useOutlivingSuccess();
  const successText = (result: ActionState) => t(`success.${successKey}`, stringValues(result.status === "ok" ? result.data : undefined));
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (previous, data) => {
    const next = await action(previous, data);
    notice.remember(next.status === "ok" ? successText(next) : null);
    return next;
  }, { status: "idle" });
  const fieldsShowRefusals = typeof children === "function";
  const { shown, onChange, formRef: form } = useEditedFields(state, { markInvalid: !fieldsShowRefusals });
  const hydrated = useHydrated();
  useEffect(() => {
    if (state.status !== "ok") return;
    notice.shownInline();
    form.current?.reset();
  }, [state, notice]);
  const boxed = withoutFieldErrors(shown, errorsAtFields);
  const adminErrors = useActionError()(boxed, fieldLabels);
  const errors = orderErrors(boxed, t, fieldLabels) ?? adminErrors;
  const values = stringValues(state.status === "ok" ? state.data : undefined);
  return (
    <form
      ref={form}
      action={formAction}
      className={className}
      data-testid={testId}
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {typeof children === "function" ? children(shown, state) : children}
      <div className={inline ? "inline-flex items-center gap-2" : "flex flex-wrap items-center gap-3"}>
        <SubmitButton variant={variant} disabled={!hydrated} pending={pending}>
          {submitLabel}
        </SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && (
            <span className="text-emerald-700" data-testid="form-success">
              {t(`success.${successKey}`, values)}
            </span>
          )}
        </span>
      </div>
      {state.status === "ok" && values.autoInvoice === "issued" && (
        <p className="text-sm text-emerald-700" data-testid="auto-invoice-issued">
          {t("success.autoInvoiced", values)}
        </p>
      )}
      {state.status === "ok" && values.autoInvoice === "failed" && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="auto-invoice-failed">
          {t("success.autoInvoiceFailed", { reason: reasonText(t, values.invoiceError ?? "", values.invoiceDetail ?? "") })}
        </p>
      )}
      {errors.length > 0 && (
        <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      )}
    </form>
  );
}

type Translate = ReturnType<typeof useTranslations>;

/** The state without the refusals shown at their fields (idle when nothing else is left to say under the button). */
export function withoutFieldErrors(state: ActionState, atFields: readonly string[]): ActionState {
  if (state.status !== "error" || atFields.length === 0) return state;
  const field = state.details?.field;
  if (typeof field === "string" && atFields.includes(field) && !state.fieldErrors) return { status: "idle" };
  if (!state.fieldErrors) return state;
  const rest = Object.entries(state.fieldErrors).filter(([name]) => !atFields.includes(name));
  if (rest.length === Object.keys(state.fieldErrors).length) return state;
  return rest.length === 0 ? { status: "idle" } : { ...state, fieldErrors: Object.fromEntries(rest) };
}

/** An action's data as message values. */
const stringValues = (data: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [key, String(value)]));

/** IssueResult codes of the automatic invoice → keys of purchaseOrders.errors. */
const AUTO_INVOICE_ERROR_KEYS: Record<string, string> = {
  not_found: "order_not_found",
  invalid_status: "invoice_invalid_status",
  invalid_input: "invoice_invalid_input",
  nothing_to_invoice: "nothing_to_invoice",
  master_data_missing: "master_data_missing",
};

const withDetail = (text: string, detail: string) => (detail && !text.includes(detail) ? `${text} (${detail})` : text);

function reasonText(t: Translate, code: string, detail: string): string {
  const key = `errors.${AUTO_INVOICE_ERROR_KEYS[code] ?? "invoice_failed"}`;
  return withDetail(t(key, { line: "" }), detail);
}

/** The order-flow error texts; null when the error is not one of ours (the admin texts apply). */
function orderErrors(state: ActionState, t: Translate, fieldLabels: Record<string, string> = {}): string[] | null {
  if (state.status !== "error") return null;
  const fields = Object.entries(state.fieldErrors ?? {});
  if (fields.length > 0) {
    const known = fields.every(([, messages]) => messages.every((m) => t.has(`errors.${m}`)));
    if (!known) return null;
    return fields.map(([name, messages]) => `${fieldLabels[name] ?? name}: ${messages.map((m) => t(`errors.${m}`, { line: "" })).join(", ")}`);
  }
  if (!t.has(`errors.${state.message}`)) return null;
  const text = t(`errors.${state.message}`, { line: String(state.details?.line ?? "") });
  return [withDetail(text, String(state.details?.detail ?? ""))];
}
