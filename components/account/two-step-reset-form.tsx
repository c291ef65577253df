"use client";

import { startTransition, useActionState } from "react";
import { useTranslations } from "next-intl";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionState } from "@/lib/actions/safe-action";
import { pendingSubmit } from "@/components/pending-submit";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Turn two-step verification off" for someone else's account (staff for a customer's user, a
 * company admin for a colleague), after a confirmation. The button waits for React, so the
 * question is always asked. Render it for every user with a password, with `on` telling whether
 * theirs is on: after the reset the list renders again with it off, and the outcome stays in place.
 */
export function TwoStepResetForm({ action, name, fields, on }: { action: Action; name: string; fields: Record<string, string | number>; on: boolean }) {
  const t = useTranslations("twoStep");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const hydrated = useHydrated();
  // Rendered for every user who could have it, so the outcome stays when the list renders again without it.
  if (!on) {
    return state.status === "ok" ? (
      <span role="status" className="text-sm text-emerald-700">
        {t("messages.reset_done")}
      </span>
    ) : null;
  }
  return (
    <form
      className="inline-flex flex-wrap items-center gap-2"
      data-testid="two-step-reset"
      onSubmit={(event) => {
        event.preventDefault();
        if (!window.confirm(t("users.confirmReset", { name }))) return;
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {Object.entries(fields).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <button type="submit" disabled={!hydrated} {...pendingSubmit(pending)} className="text-sm text-brand-700 underline hover:text-brand-900 disabled:opacity-60">
        {t("users.reset")}
      </button>
      {state.status === "ok" && (
        <span role="status" className="text-sm text-emerald-700">
          {t("messages.reset_done")}
        </span>
      )}
      {state.status === "error" && (
        <span role="alert" className="text-sm text-red-700">
          {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t("errors.generic")}
        </span>
      )}
    </form>
  );
}
