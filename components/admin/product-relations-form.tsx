"use client";

import { useTranslations } from "next-intl";
import type { RelationField } from "@/lib/catalog/product-relations";
import { Field, FieldError, type FormAction, SubmitButton, useActionError, useKeptInputAction } from "./action-form";
import { inputClass } from "./styles";

export interface ProductRelationsValues {
  /** One SKU per line, in the shop's order. */
  accessories: string;
  alternatives: string;
  successor: string;
}

/**
 * A product's accessories, alternatives and successor as SKU lists (lib/admin/product-relations.ts
 * checks them). A refused save keeps what was typed and says under each field what is wrong with it
 * (the action sends those texts translated); a saved one shows the lists as stored.
 */
export function ProductRelationsForm({ sku, values, limits, action }: { sku: string; values: ProductRelationsValues; limits: { accessories: number; alternatives: number }; action: FormAction }) {
  const t = useTranslations("admin.productRelations");
  const { state, fieldErrors: errors, pending, hydrated, onSubmit, onChange, formRef } = useKeptInputAction(action);
  const describeError = useActionError();
  const fieldError = (field: RelationField) => <FieldError messages={errors[field]} testId={`relations-error-${field}`} />;
  return (
    <form
      className="space-y-3"
      data-testid="product-relations-form"
      ref={formRef}
      onChange={onChange}
      onSubmit={onSubmit}
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <input type="hidden" name="sku" value={sku} />
      {/* Keyed by what is stored: after a save the fields show the lists as stored (one SKU per line). */}
      <div key={`${values.accessories}|${values.alternatives}|${values.successor}`} className="grid gap-3 md:grid-cols-3">
        <div>
          <Field label={t("accessories")} hint={t("listHint", { max: limits.accessories })}>
            <textarea name="accessories" rows={5} defaultValue={values.accessories} className={`${inputClass} font-mono`} />
          </Field>
          {fieldError("accessories")}
        </div>
        <div>
          <Field label={t("alternatives")} hint={t("listHint", { max: limits.alternatives })}>
            <textarea name="alternatives" rows={5} defaultValue={values.alternatives} className={`${inputClass} font-mono`} />
          </Field>
          {fieldError("alternatives")}
        </div>
        <div>
          <Field label={t("successor")} hint={t("successorHint")}>
            <input name="successor" maxLength={200} defaultValue={values.successor} className={`${inputClass} font-mono`} />
          </Field>
          {fieldError("successor")}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!hydrated} pending={pending}>{t("save")}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && (
            <span className="text-emerald-700" data-testid="form-success">
              {t("saved")}
            </span>
          )}
          {state.status === "error" && (
            <span className="text-red-700" data-testid="form-error">
              {state.fieldErrors ? t("notSaved") : describeError(state).join(" ")}
            </span>
          )}
        </span>
      </div>
    </form>
  );
}
