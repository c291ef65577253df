"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton, useActionError, type FormAction } from "@/components/admin/action-form";
import type { ActionState } from "@/lib/actions/safe-action";

/**
 * A form bound to one of the invoice staff actions. Like components/admin/action-form.tsx, but the
 * errors come from invoices.admin.errors first (credit note rules, delivery states), then from the
 * general admin errors; a success can link to what was created (the new credit note).
 */
export function InvoiceActionForm({
  action,
  children,
  submitLabel,
  successKey,
  linkCreated = false,
  fieldLabels = {},
  variant = "primary",
  confirm,
  testId,
  className = "space-y-3",
}: {
  action: FormAction;
  children?: React.ReactNode;
  submitLabel: string;
  /** Key in invoices.admin; gets the action's `data` as values. */
  successKey?: string;
  /** Link to /admin/invoices/<data.id> on success. */
  linkCreated?: boolean;
  fieldLabels?: Record<string, string>;
  variant?: "primary" | "secondary" | "danger" | "link";
  confirm?: string;
  testId?: string;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" } as ActionState);
  const t = useTranslations("invoices.admin");
  const generic = useActionError();
  const errors = invoiceErrors(state, fieldLabels, (key, values) => (t.has(`errors.${key}`) ? t(`errors.${key}`, values) : null)) ?? generic(state, fieldLabels);
  const data = state.status === "ok" ? (state.data ?? {}) : {};
  return (
    <form
      action={formAction}
      className={className}
      data-testid={testId}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && successKey && (
            <span className="text-emerald-700" data-testid="form-success">
              {t(successKey, data)}
              {linkCreated && typeof data.id === "number" && (
                <>
                  {" "}
                  <Link href={`/admin/invoices/${data.id}`} className="underline" data-testid="created-link">
                    {t("creditNote.open")}
                  </Link>
                </>
              )}
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

/** The invoice-specific texts for an error state, or null when none applies (the caller falls back). */
function invoiceErrors(
  state: ActionState,
  fieldLabels: Record<string, string>,
  text: (key: string, values?: Record<string, string | number>) => string | null,
): string[] | null {
  if (state.status !== "error") return [];
  if (state.fieldErrors && Object.keys(state.fieldErrors).length) {
    return Object.entries(state.fieldErrors).map(
      ([name, messages]) => `${fieldLabels[name] ?? name}: ${messages.map((m) => text(m) ?? text("invalid_field")).join(", ")}`,
    );
  }
  const main = text(state.message, state.details);
  return main ? [main] : null;
}
