"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionState } from "@/lib/actions/safe-action";
import { Field, FieldError, type FormAction, SubmitButton, useKeptInputAction } from "./action-form";
import { inputClass } from "./styles";

export interface CategoryFormValues {
  code: string;
  nameNl: string;
  nameEn: string;
  parent: string;
  slug: string;
}

/** The action's refusal in the category area's words (its codes and messages, with their counts). */
function useCategoryError() {
  const t = useTranslations("categoriesAdmin.form.errors");
  return (state: ActionState): string | null => {
    if (state.status !== "error") return null;
    if (t.has(state.message)) return t(state.message, state.details);
    return t.has(state.code) ? t(state.code) : t("generic");
  };
}

/**
 * Create (the code is typed) or edit a category, with the PUT API's checks: the action sends each
 * refusal translated, and it is shown under its field while what was typed stays.
 */
export function CategoryForm({ action, mode, values, parents }: { action: FormAction; mode: "create" | "edit"; values: CategoryFormValues; parents: { code: string; name: string }[] }) {
  const t = useTranslations("categoriesAdmin.form");
  const describe = useCategoryError();
  const { state, fieldErrors: errors, pending, hydrated, onSubmit, onChange, formRef } = useKeptInputAction(action);
  const fieldError = (field: keyof CategoryFormValues) => <FieldError messages={errors[field]} testId={`category-error-${field}`} />;
  return (
    <form
      className="space-y-3"
      data-testid={mode === "create" ? "category-create-form" : "category-edit-form"}
      ref={formRef}
      onChange={onChange}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="mode" value={mode} />
      {mode === "edit" && <input type="hidden" name="code" value={values.code} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          {mode === "create" ? (
            <Field label={t("code")} hint={t("codeHint")}>
              <input name="code" required maxLength={40} pattern="[!-~]{1,40}" defaultValue={values.code} className={`${inputClass} font-mono`} />
            </Field>
          ) : (
            <Field label={t("code")} hint={t("codeHint")}>
              <input value={values.code} readOnly disabled className={`${inputClass} font-mono`} />
            </Field>
          )}
          {fieldError("code")}
        </div>
        <div>
          <Field label={t("nameNl")}>
            <input name="nameNl" required maxLength={100} defaultValue={values.nameNl} className={inputClass} />
          </Field>
          {fieldError("nameNl")}
        </div>
        <div>
          <Field label={t("nameEn")} hint={t("nameEnHint")}>
            <input name="nameEn" maxLength={100} defaultValue={values.nameEn} className={inputClass} />
          </Field>
          {fieldError("nameEn")}
        </div>
        <div>
          <Field label={t("parent")}>
            <select name="parent" defaultValue={values.parent} className={inputClass}>
              <option value="">{t("topLevel")}</option>
              {parents.map((parent) => (
                <option key={parent.code} value={parent.code}>
                  {parent.name} ({parent.code})
                </option>
              ))}
            </select>
          </Field>
          {fieldError("parent")}
        </div>
        <div>
          <Field label={t("slug")} hint={mode === "create" ? t("slugHintNew") : t("slugWarning", { slug: values.slug })}>
            <input name="slug" maxLength={80} defaultValue={values.slug} className={`${inputClass} font-mono`} />
          </Field>
          {fieldError("slug")}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!hydrated} pending={pending}>{mode === "create" ? t("create") : t("save")}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && (
            <span className="text-emerald-700" data-testid="form-success">
              {t("saved")}
            </span>
          )}
          {state.status === "error" && (
            <span className="text-red-700" data-testid="form-error">
              {state.fieldErrors ? t("notSaved") : describe(state)}
            </span>
          )}
        </span>
      </div>
    </form>
  );
}

/**
 * A one-button form for a category command (move its products, delete it): asks first; both go on
 * to another page when done, so what stays here is a refusal, told with its counts ("still holds 3
 * products").
 */
export function CategoryCommandForm({
  action,
  code,
  submitLabel,
  confirm,
  testId,
  variant = "secondary",
  children,
}: {
  action: FormAction;
  code: string;
  submitLabel: string;
  confirm: string;
  testId: string;
  variant?: "secondary" | "danger";
  children?: React.ReactNode;
}) {
  const describe = useCategoryError();
  const [state, formAction] = useActionState(action, { status: "idle" });
  const hydrated = useHydrated();
  const error = describe(state);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-3"
      data-testid={testId}
      onSubmit={(event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="code" value={code} />
      {children}
      <SubmitButton variant={variant} disabled={!hydrated}>
        {submitLabel}
      </SubmitButton>
      {error && (
        <p role="alert" data-testid="form-error" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}

/** The target of "move all products": every other category, children named after their parent. */
export function CategoryTargetSelect({ options }: { options: { code: string; name: string }[] }) {
  const t = useTranslations("categoriesAdmin.form");
  return (
    <Field label={t("moveTarget")}>
      <select name="target" required defaultValue="" className={inputClass}>
        <option value="" disabled>
          {t("moveChoose")}
        </option>
        {options.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name} ({option.code})
          </option>
        ))}
      </select>
    </Field>
  );
}
