"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, SubmitButton, useActionError, type FormAction } from "./action-form";
import { inputBase } from "./styles";

/** Creates an API key and shows it exactly once. */
export function ApiKeyForm({ action }: { action: FormAction }) {
  const t = useTranslations("admin.apiKeys");
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = useActionError()(state, { name: t("name") });
  const key = state.status === "ok" ? state.data?.key : undefined;
  return (
    <form action={formAction} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("name")}>
          <input name="name" required minLength={2} maxLength={100} placeholder={t("namePlaceholder")} className={`${inputBase} w-72`} />
        </Field>
        <SubmitButton>{t("create")}</SubmitButton>
      </div>
      {errors.length > 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.join(" ")}
        </p>
      )}
      {key && (
        <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-api-key">
          <p className="font-medium">{t("copyNow")}</p>
          <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">{key}</code>
        </div>
      )}
    </form>
  );
}
