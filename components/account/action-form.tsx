"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useEditedFields } from "@/components/use-edited-fields";
import { useHydrated } from "@/components/use-hydrated";
import { pendingSubmit } from "@/components/pending-submit";
import type { ActionState } from "@/lib/actions/safe-action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** The outcome of an account action as text: messages.<key> on success, errors.<key> on failure. */
export function ActionMessage({ state, className = "" }: { state: ActionState; className?: string }) {
  const t = useTranslations("account");
  if (state.status === "idle") return null;
  if (state.status === "ok") {
    if (!state.message) return null;
    return (
      <p role="status" className={`text-sm text-emerald-700 ${className}`}>
        {t.has(`messages.${state.message}`) ? t(`messages.${state.message}`, state.data ?? {}) : state.message}
      </p>
    );
  }
  const fieldMessage = Object.values(state.fieldErrors ?? {})
    .flat()
    .find((message) => t.has(`errors.${message}`));
  const key = fieldMessage ?? state.message;
  return (
    <p role="alert" data-testid="action-error" className={`text-sm text-red-700 ${className}`}>
      {t.has(`errors.${key}`) ? t(`errors.${key}`, state.details ?? {}) : t("errors.invalid_input")}
    </p>
  );
}

/**
 * A form bound to a buyer server action with its result shown underneath. Works before hydration
 * too (server actions are progressively enhanced), except one that asks first (`confirm`): the
 * question exists only once React runs, so until then its button waits. A refused field is
 * aria-invalid until the buyer changes it, and the refusal about it goes then too.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  className = "space-y-3",
  submitClassName = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60",
  ariaLabel,
  id,
  confirm,
}: {
  action: Action;
  children: React.ReactNode;
  submitLabel: string;
  className?: string;
  submitClassName?: string;
  ariaLabel?: string;
  id?: string;
  /** Asked before submitting (an action that is hard to take back); cancelled, nothing is sent. */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const hydrated = useHydrated();
  const { shown, onChange, formRef } = useEditedFields(state, { markInvalid: true });
  return (
    <form
      ref={formRef}
      action={formAction}
      className={className}
      aria-label={ariaLabel}
      id={id}
      onChange={onChange}
      onSubmit={(event) => {
        if (confirm !== undefined && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        {/* While the action runs the button keeps the keyboard focus (pendingSubmit); before hydration a
            form that asks first cannot ask yet, so its button is disabled then. */}
        <button type="submit" disabled={confirm !== undefined && !hydrated} {...pendingSubmit(pending)} className={submitClassName}>
          {submitLabel}
        </button>
        <div aria-live="polite">
          <ActionMessage state={shown} />
        </div>
      </div>
    </form>
  );
}
