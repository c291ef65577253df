"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { pendingSubmit } from "@/components/pending-submit";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Two-step verification for all users" above a customer's user list: the company admin's (My
 * account → Users) and staff's (customer → Users). `missing`: how many active users with a password
 * do not have it on (shown while it is required); `yoursFirst`: the company admin has none of their
 * own, so the server refuses to require it (they would lock themselves out).
 */
export function TwoStepRequirementForm({
  action,
  required,
  missing,
  yoursFirst = false,
  fields = {},
}: {
  action: Action;
  required: boolean;
  missing: number;
  yoursFirst?: boolean;
  fields?: Record<string, string | number>;
}) {
  const t = useTranslations("twoStep");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="two-step-requirement-title" data-testid="two-step-requirement" data-required={required}>
      <h2 id="two-step-requirement-title" className="font-semibold">
        {t("users.requirementTitle")}
      </h2>
      <form action={formAction} className="mt-2 space-y-3" aria-label={t("users.requirementTitle")}>
        {Object.entries(fields).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="required" defaultChecked={required} className="mt-1" />
          <span>
            <span className="font-medium">{t("users.requirementLabel")}</span>
            <span className="block text-slate-600">{t("users.requirementHint")}</span>
          </span>
        </label>
        {required && (
          <p className={`text-sm ${missing > 0 ? "text-amber-800" : "text-slate-600"}`} data-testid="two-step-missing" data-count={missing}>
            {t("users.requirementMissing", { count: missing })}
          </p>
        )}
        {yoursFirst && <p className="text-sm text-amber-800">{t("users.yoursFirst")}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" {...pendingSubmit(pending)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
            {t("users.requirementSave")}
          </button>
          <div aria-live="polite">
            {state.status === "ok" && state.message && t.has(`messages.${state.message}`) && (
              <p role="status" className="text-sm text-emerald-700" data-testid="two-step-requirement-saved">
                {t(`messages.${state.message}`, state.data ?? {})}
              </p>
            )}
            {state.status === "error" && (
              <p role="alert" className="text-sm text-red-700" data-testid="two-step-requirement-error">
                {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t("errors.generic")}
              </p>
            )}
          </div>
        </div>
      </form>
    </section>
  );
}
