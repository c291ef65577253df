"use client";

import { useActionState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionState } from "@/lib/actions/safe-action";
import { Field, FieldError, type FormAction, SubmitButton, useKeptInputAction } from "./action-form";
import { inputClass } from "./styles";

export interface AttributeFormValues {
  key: string;
  nameNl: string;
  nameEn: string;
  filterable: boolean;
  /** One `blauw = blue` a line. */
  valueLabels: string;
}

/**
 * The form's words, translated by the page (attributesAdmin.form): they travel with this page only,
 * not with every admin page's client messages (lib/i18n/client-messages.ts).
 */
export interface AttributeFormTexts {
  key: string;
  keyHint: string;
  nameNl: string;
  nameEn: string;
  nameEnHint: string;
  filterable: string;
  filterableHint: string;
  valueLabels: string;
  valueLabelsHint: string;
  create: string;
  save: string;
  saved: string;
  notSaved: string;
  delete: string;
  deleteConfirm: string;
  /** By the action's message or code ("attribute_not_found", "not_found", "generic" …). */
  errors: Record<string, string>;
}

const describe = (state: ActionState, errors: Record<string, string>): string | null =>
  state.status !== "error" ? null : (errors[state.message] ?? errors[state.code] ?? errors.generic ?? state.message);

/**
 * Create (the key is typed, or prefilled from products that use it) or edit a definition. The action
 * sends each refusal translated and it shows under its field (a malformed label line by its number),
 * while what was typed stays.
 */
export function AttributeForm({ action, mode, values, texts }: { action: FormAction; mode: "create" | "edit"; values: AttributeFormValues; texts: AttributeFormTexts }) {
  const { state, fieldErrors: errors, pending, hydrated, onSubmit, onChange, formRef } = useKeptInputAction(action);
  const fieldError = (field: keyof AttributeFormValues) => <FieldError messages={errors[field]} testId={`attribute-error-${field}`} />;
  return (
    <form
      className="space-y-3"
      data-testid={mode === "create" ? "attribute-create-form" : "attribute-edit-form"}
      ref={formRef}
      onChange={onChange}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="mode" value={mode} />
      {mode === "edit" && <input type="hidden" name="key" value={values.key} />}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <Field label={texts.key} hint={texts.keyHint}>
            {mode === "create" ? (
              <input name="key" required maxLength={40} defaultValue={values.key} className={`${inputClass} font-mono`} />
            ) : (
              <input value={values.key} readOnly disabled className={`${inputClass} font-mono`} />
            )}
          </Field>
          {fieldError("key")}
        </div>
        <div>
          <Field label={texts.nameNl}>
            <input name="nameNl" required maxLength={80} defaultValue={values.nameNl} className={inputClass} />
          </Field>
          {fieldError("nameNl")}
        </div>
        <div>
          <Field label={texts.nameEn} hint={texts.nameEnHint}>
            <input name="nameEn" maxLength={80} defaultValue={values.nameEn} className={inputClass} />
          </Field>
          {fieldError("nameEn")}
        </div>
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="filterable" defaultChecked={values.filterable} className="mt-0.5" />
        <span>
          <span className="font-medium">{texts.filterable}</span>
          <span className="block text-xs text-slate-500">{texts.filterableHint}</span>
        </span>
      </label>
      <div>
        <Field label={texts.valueLabels} hint={texts.valueLabelsHint}>
          <textarea name="valueLabels" rows={8} defaultValue={values.valueLabels} placeholder="blauw = blue" spellCheck={false} className={`${inputClass} font-mono`} />
        </Field>
        {fieldError("valueLabels")}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!hydrated} pending={pending}>{mode === "create" ? texts.create : texts.save}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && (
            <span className="text-emerald-700" data-testid="form-success">
              {texts.saved}
            </span>
          )}
          {state.status === "error" && (
            <span className="text-red-700" data-testid="form-error">
              {state.fieldErrors ? texts.notSaved : describe(state, texts.errors)}
            </span>
          )}
        </span>
      </div>
    </form>
  );
}

/** Deleting a definition: asks first, then the action goes back to the list; what stays here is a refusal. */
export function AttributeDeleteForm({ action, attributeKey, texts }: { action: FormAction; attributeKey: string; texts: Pick<AttributeFormTexts, "delete" | "deleteConfirm" | "errors"> }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const hydrated = useHydrated();
  const error = describe(state, texts.errors);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-3"
      data-testid="attribute-delete"
      onSubmit={(event) => {
        if (!window.confirm(texts.deleteConfirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="key" value={attributeKey} />
      <SubmitButton variant="danger" disabled={!hydrated}>
        {texts.delete}
      </SubmitButton>
      {error && (
        <p role="alert" data-testid="form-error" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}
