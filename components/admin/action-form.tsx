"use client";

import { startTransition, useActionState, useEffect } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { useOutlivingSuccess } from "@/components/admin/outliving-notice";
import { useEditedFields } from "@/components/use-edited-fields";
import { useHydrated } from "@/components/use-hydrated";
import { pendingSubmit } from "@/components/pending-submit";
import type { ActionState } from "@/lib/actions/safe-action";

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A form that keeps what was typed when its action refuses it: it submits through `onSubmit` (React
 * resets a form after an action it was given as `action`), so until React runs the button must wait
 * (`hydrated`). For long forms whose refusals show at their fields: `fieldErrors` are those still to
 * show there (a field's go once it is changed), with aria-invalid on the refused controls of the form
 * given `formRef` and `onChange`.
 */
export function useKeptInputAction(action: FormAction) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const hydrated = useHydrated();
  const { shown, onChange, formRef } = useEditedFields(state, { markInvalid: true });
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const fieldErrors = shown.status === "error" ? (shown.fieldErrors ?? {}) : {};
  return { state, shown, fieldErrors, formAction, pending, hydrated, onSubmit, onChange, formRef };
}

/** The message key for an action error, in the admin.errors namespace (falls back to the code). */
export function useActionError() {
  const t = useTranslations("admin");
  return (state: ActionState, fieldLabels: Record<string, string> = {}): string[] => {
    if (state.status !== "error") return [];
    const text = (key: string, values?: Record<string, string | number>) =>
      t.has(`errors.${key}`) ? t(`errors.${key}`, values) : t.has(`problems.${key}`) ? t(`problems.${key}`, values) : null;
    const main = text(state.message, state.details) ?? text(state.code, state.details) ?? t("errors.generic");
    const field = typeof state.details?.field === "string" ? fieldLabels[state.details.field] : undefined;
    const fields = Object.entries(state.fieldErrors ?? {}).map(
      ([name, messages]) => `${fieldLabels[name] ?? name}: ${messages.map((m) => text(m) ?? t("errors.invalid_field")).join(", ")}`,
    );
    return fields.length ? fields : [field ? `${field}: ${main}` : main];
  };
}

/**
 * The staff forms' submit button. While its form's action runs it keeps the keyboard focus
 * (pendingSubmit: aria-disabled, a second press cancelled) instead of turning disabled, which drops
 * the focus to <body>. `pending` is the form's own action state, for forms that submit through
 * `onSubmit` (useKeptInputAction), which useFormStatus does not see; `disabled` is for a button that
 * cannot work yet (before hydration), never for a running action.
 */
export function SubmitButton({
  children,
  variant = "primary",
  className = "",
  pending: running = false,
  onClick,
  ...rest
}: { children: React.ReactNode; variant?: "primary" | "secondary" | "danger" | "link"; pending?: boolean } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending: submitting } = useFormStatus();
  const pending = submitting || running;
  const whilePending = pendingSubmit(pending);
  const styles = {
    primary: "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700",
    secondary: "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50",
    danger: "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50",
    link: "text-sm text-brand-700 underline hover:text-brand-900",
  }[variant];
  return (
    <button type="submit" aria-busy={pending} {...rest} aria-disabled={whilePending["aria-disabled"]} onClick={whilePending.onClick ?? onClick} className={`${styles} disabled:opacity-60 ${className}`}>
      {children}
    </button>
  );
}

/**
 * A form bound to a staff server action: shows the translated error (and field errors) or a
 * success message, announced politely. Children are the fields; the submit button comes last.
 * A refused field is aria-invalid, and its line in the error box goes, once the user changes it
 * (the box is an alert: a removed line is not announced, an added one would be).
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  successMessage,
  fieldLabels,
  className = "space-y-3",
  variant = "primary",
  confirm,
  resetOnSuccess = false,
  inline = false,
  keepInput = false,
  testId,
}: {
  action: FormAction;
  children?: React.ReactNode;
  submitLabel: string;
  successMessage?: string;
  fieldLabels?: Record<string, string>;
  className?: string;
  variant?: "primary" | "secondary" | "danger" | "link";
  /** Asks before submitting (destructive actions). */
  confirm?: string;
  resetOnSuccess?: boolean;
  inline?: boolean;
  /** Submit without React's form reset, so what was typed stays when the action refuses it (long forms). */
  keepInput?: boolean;
  testId?: string;
}) {
  const notice = useOutlivingSuccess();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (previous, data) => {
    const next = await action(previous, data);
    notice.remember(next.status === "ok" && successMessage ? successMessage : null);
    return next;
  }, { status: "idle" });
  const { shown, onChange, formRef: form } = useEditedFields(state, { markInvalid: true });
  const errors = useActionError()(shown, fieldLabels);
  // A form that asks first (or keeps its input) works through its submit handler, which exists only
  // once React runs: before that a click would submit without asking, so the button waits.
  const hydrated = useHydrated();
  useEffect(() => {
    if (state.status === "ok") notice.shownInline();
    if (resetOnSuccess && state.status === "ok") form.current?.reset();
  }, [state, resetOnSuccess, notice]);
  return (
    <form
      ref={form}
      action={formAction}
      className={className}
      data-testid={testId}
      onChange={onChange}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        if (keepInput) {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }
      }}
    >
      {children}
      <div className={inline ? "inline-flex items-center gap-2" : "flex flex-wrap items-center gap-3"}>
        <SubmitButton variant={variant} disabled={(confirm !== undefined || keepInput) && !hydrated} pending={pending}>
          {submitLabel}
        </SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && successMessage && (
            <span className="text-emerald-700" data-testid="form-success">
              {successMessage}
            </span>
          )}
        </span>
      </div>
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

/** Labelled input with the admin styling. */
export function Field({ label, hint, children, className = "" }: { label: string; hint?: string; children: React.ReactNode; className?: string }) {
  return (
    <label className={`block text-sm font-medium text-slate-700 ${className}`}>
      {label}
      <div className="mt-1 font-normal">{children}</div>
      {hint && <span className="mt-0.5 block text-xs font-normal text-slate-500">{hint}</span>}
    </label>
  );
}

/** A refusal shown under its field (the action's `fieldErrors`), for forms that lay out their own fields. */
export function FieldError({ messages, testId }: { messages: string[] | undefined; testId: string }) {
  if (!messages?.length) return null;
  return (
    <span role="alert" data-testid={testId} className="mt-1 block text-sm text-red-700">
      {messages.join(" · ")}
    </span>
  );
}
