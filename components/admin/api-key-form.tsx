"use client";

import { useTranslations } from "next-intl";
import type { ApiScope } from "@/lib/admin/api-scopes";
import { Field, SubmitButton, useActionError, useKeptInputAction, type FormAction } from "./action-form";
import { inputBase } from "./styles";

/**
 * Creates an API key with the permissions ticked (none preselected: least privilege) and shows it
 * exactly once. A refusal (no permission ticked) keeps the name and ticks as typed.
 */
export function ApiKeyForm({ action, scopes }: { action: FormAction; scopes: readonly ApiScope[] }) {
  const t = useTranslations("admin.apiKeys");
  const { state, shown, pending, hydrated, onSubmit, onChange, formRef } = useKeptInputAction(action);
  const errors = useActionError()(shown, { name: t("name"), scopes: t("scopes") });
  const key = state.status === "ok" ? state.data?.key : undefined;
  const scopesRefused = shown.status === "error" && Boolean(shown.fieldErrors?.scopes);
  return (
    <form ref={formRef} onChange={onChange} onSubmit={onSubmit} className="space-y-3">
      <Field label={t("name")}>
        <input name="name" required minLength={2} maxLength={100} placeholder={t("namePlaceholder")} className={`${inputBase} w-72`} />
      </Field>
      <fieldset className="space-y-1" aria-describedby="api-key-scopes-hint" aria-invalid={scopesRefused || undefined}>
        <legend className="text-sm font-medium">{t("scopes")}</legend>
        <p id="api-key-scopes-hint" className="text-xs text-slate-600">
          {t("scopesHint")}
        </p>
        {scopes.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} className="mt-1" data-testid={`api-key-scope-${scope}`} />
            <span>{t(`scope.${scope}`)}</span>
          </label>
        ))}
      </fieldset>
      <SubmitButton disabled={!hydrated} pending={pending}>{t("create")}</SubmitButton>
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
