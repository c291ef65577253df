"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useHydrated } from "@/components/use-hydrated";
import { SubmitButton, useActionError, type FormAction } from "./action-form";

const SKIP_REASONS = ["yourself", "inactive", "signed_in", "last_admin"] as const;

/**
 * Access review: "Deactivate all N idle accounts shown" under an idle-filtered list (the staff list
 * or a customer's users), after ticking "I have checked this list" and confirming. Sends the
 * threshold and the ids shown; the server decides again which are still idle. Render it whenever an
 * idle filter is chosen: with nothing left to deactivate it shows only the last outcome, which stays
 * when the list renders again without the accounts just deactivated.
 */
export function IdleBulkDeactivate({
  action,
  list,
  days,
  userIds,
  fields = {},
}: {
  action: FormAction;
  /** Which confirmation: a customer's users, or staff (whose customers stay assigned to them). */
  list: "users" | "staff";
  days: number;
  userIds: number[];
  fields?: Record<string, string | number>;
}) {
  const t = useTranslations("admin.idleBulk");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const errors = useActionError()(state, { checked: t("checked") });
  const form = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  const data = state.status === "ok" ? (state.data ?? {}) : null;
  const outcome = data && (
    <div role="status" data-testid="idle-bulk-result" className="space-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      <p>{t("done", { count: Number(data.deactivated ?? 0) })}</p>
      {SKIP_REASONS.filter((reason) => data[reason] !== undefined).map((reason) => (
        <p key={reason} data-testid="idle-bulk-skipped" data-reason={reason}>
          {t(`skipped.${reason}`, { names: String(data[reason]) })}
        </p>
      ))}
      {data.not_listed !== undefined && <p data-testid="idle-bulk-skipped" data-reason="not_listed">{t("skipped.not_listed", { count: Number(data.not_listed) })}</p>}
    </div>
  );
  if (userIds.length === 0) return outcome || null;
  const count = userIds.length;
  return (
    <form
      ref={form}
      data-testid="idle-bulk"
      className="mb-3 space-y-2 rounded-md border border-red-200 bg-red-50/40 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!window.confirm(list === "staff" ? t("confirmStaff", { count, days }) : t("confirmUsers", { count, days }))) return;
        const submitted = new FormData(event.currentTarget);
        startTransition(() => formAction(submitted));
      }}
    >
      {Object.entries(fields).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <input type="hidden" name="days" value={days} />
      {userIds.map((userId) => (
        <input key={userId} type="hidden" name="userIds" value={userId} />
      ))}
      <p className="text-sm text-slate-700">{list === "staff" ? t("introStaff") : t("introUsers")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="checked" required />
          {t("checked")}
        </label>
        <SubmitButton variant="danger" disabled={!hydrated} pending={pending}>
          {t("submit", { count })}
        </SubmitButton>
      </div>
      {outcome}
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
