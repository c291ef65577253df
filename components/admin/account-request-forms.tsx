"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { Field, type FormAction, useKeptInputAction } from "./action-form";
import { inputBase, inputClass } from "./styles";

/**
 * The decision on an account request (/admin/account-requests/[id]): approve into a new or an
 * existing customer, or reject with a reason. Texts come from accountRequests.adminForm
 * (ADMIN_CLIENT_MESSAGES). Errors are shown at their fields and what was typed stays (the forms are
 * submitted by hand: React would otherwise reset them after the action, also on an error). On
 * success the action redirects back to the review page, which then shows the outcome.
 */

const FIELD_ERRORS = new Set(["paymentTermsDays", "companyId", "role", "target", "reason"]);
const invalidClass = "border-red-500 bg-red-50";

/** Message keys per field: the schema's (fixed texts per field) and an AppError naming its field (details.field). */
function useFormErrors(state: ActionState) {
  const t = useTranslations("accountRequests.adminForm");
  const errors: Record<string, string> = {};
  let general: string | null = null;
  if (state.status === "error") {
    for (const [field, messages] of Object.entries(state.fieldErrors ?? {})) {
      if (messages.length) errors[field] = FIELD_ERRORS.has(field) && field !== "reason" ? t(`errors.${field}`) : t("errors.invalid_input");
    }
    const text = t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t.has(`errors.${state.code}`) ? t(`errors.${state.code}`) : t("errors.failed");
    const field = state.details?.field;
    if (typeof field === "string" && field !== "email") errors[field] = text;
    else general = text;
    if (Object.keys(errors).length > 0 && general === null) general = t("errors.invalid_input");
  }
  return { errors, general };
}

function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <span id={id} className="mt-0.5 block text-xs text-red-700">
      {text}
    </span>
  );
}

function ErrorBox({ text, pending }: { text: string | null; pending: boolean }) {
  if (!text || pending) return null;
  return (
    <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {text}
    </div>
  );
}

function Submit({ pending, label, variant = "primary" }: { pending: boolean; label: string; variant?: "primary" | "danger" }) {
  const t = useTranslations("accountRequests.adminForm");
  const styles =
    variant === "primary"
      ? "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      : "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50";
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`${styles} disabled:opacity-60`}>
      {pending ? t("busy") : label}
    </button>
  );
}

type Target = "new_company" | "existing_company";
const ROLES = ["buyer", "approver", "company_admin"] as const;

export function ApproveAccountRequestForm({
  action,
  requestId,
  matches,
  defaultPaymentTermsDays = 30,
}: {
  action: FormAction;
  requestId: number;
  /** Customers that may be the requester's organisation: the choice for "existing customer" (else a number is typed). */
  matches: { id: number; name: string; kvkNumber: string | null }[];
  defaultPaymentTermsDays?: number;
}) {
  const t = useTranslations("accountRequests.adminForm");
  const { state, formAction, pending, onSubmit } = useKeptInputAction(action);
  const { errors, general } = useFormErrors(state);
  const [target, setTarget] = useState<Target>("new_company");
  const invalid = (field: string) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `approve-${field}-error` } : {});
  const radioClass = "flex items-start gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50";
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" data-testid="account-request-approve-form">
      <input type="hidden" name="requestId" value={requestId} />
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("target")}</legend>
        <label className={radioClass}>
          <input
            type="radio"
            name="target"
            value="new_company"
            checked={target === "new_company"}
            onChange={() => setTarget("new_company")}
            className="mt-0.5"
            data-testid="approve-target-new"
          />
          <span>
            <span className="font-medium">{t("newCompany")}</span>
            <span className="block text-xs text-slate-500">{t("newCompanyHint")}</span>
          </span>
        </label>
        <label className={radioClass}>
          <input
            type="radio"
            name="target"
            value="existing_company"
            checked={target === "existing_company"}
            onChange={() => setTarget("existing_company")}
            className="mt-0.5"
            data-testid="approve-target-existing"
          />
          <span>
            <span className="font-medium">{t("existingCompany")}</span>
            <span className="block text-xs text-slate-500">{t("existingCompanyHint")}</span>
          </span>
        </label>
        <FieldError id="approve-target-error" text={errors.target} />
      </fieldset>

      {target === "new_company" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("paymentTermsDays")}>
            <input
              type="number"
              name="paymentTermsDays"
              required
              min={0}
              max={180}
              step={1}
              defaultValue={defaultPaymentTermsDays}
              className={`${inputClass} ${errors.paymentTermsDays ? invalidClass : ""}`}
              {...invalid("paymentTermsDays")}
            />
            <FieldError id="approve-paymentTermsDays-error" text={errors.paymentTermsDays} />
          </Field>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          {matches.length > 0 ? (
            <Field label={t("company")} className="sm:col-span-2">
              <select name="companyId" required defaultValue={String(matches[0]!.id)} className={`${inputClass} ${errors.companyId ? invalidClass : ""}`} {...invalid("companyId")}>
                {matches.map((match) => (
                  <option key={match.id} value={match.id}>
                    {t("companyOption", { name: match.kvkNumber ? `${match.name}, KvK ${match.kvkNumber}` : match.name, id: match.id })}
                  </option>
                ))}
              </select>
              <FieldError id="approve-companyId-error" text={errors.companyId} />
            </Field>
          ) : (
            <Field label={t("companyId")} hint={t("companyIdHint")} className="sm:col-span-2">
              <input
                type="number"
                name="companyId"
                required
                min={1}
                step={1}
                inputMode="numeric"
                className={`${inputBase} w-40 ${errors.companyId ? invalidClass : ""}`}
                {...invalid("companyId")}
              />
              <FieldError id="approve-companyId-error" text={errors.companyId} />
            </Field>
          )}
          <Field label={t("role")}>
            <select name="role" required defaultValue="buyer" className={`${inputClass} ${errors.role ? invalidClass : ""}`} {...invalid("role")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
            <FieldError id="approve-role-error" text={errors.role} />
          </Field>
        </div>
      )}
      <Submit pending={pending} label={t("approve")} />
      <ErrorBox text={general} pending={pending} />
    </form>
  );
}

export function RejectAccountRequestForm({ action, requestId }: { action: FormAction; requestId: number }) {
  const t = useTranslations("accountRequests.adminForm");
  const { state, formAction, pending, onSubmit } = useKeptInputAction(action);
  const { errors, general } = useFormErrors(state);
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-3" data-testid="account-request-reject-form">
      <input type="hidden" name="requestId" value={requestId} />
      <Field label={t("reason")} hint={t("reasonHint")}>
        <textarea
          name="reason"
          required
          rows={3}
          maxLength={1000}
          className={`${inputClass} ${errors.reason ? invalidClass : ""}`}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "reject-reason-error" : undefined}
        />
        <FieldError id="reject-reason-error" text={errors.reason} />
      </Field>
      <Submit pending={pending} label={t("reject")} variant="danger" />
      <ErrorBox text={general} pending={pending} />
    </form>
  );
}
