"use client";

import { startTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import type { ProductFormValues } from "@/lib/admin/product-edit";
import { money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { Field, FieldError, SubmitButton, useActionError, useKeptInputAction, type FormAction } from "./action-form";
import { inputClass } from "./styles";

const FIELDS = [
  "sku",
  "category",
  "nameNl",
  "nameEn",
  "descriptionNl",
  "descriptionEn",
  "brand",
  "manufacturer",
  "manufacturerPartNumber",
  "gtin",
  "unspsc",
  "unit",
  "packSize",
  "contentUnit",
  "minOrderQuantity",
  "orderMultiple",
  "leadTimeDays",
  "listPrice",
  "tiers",
  "vatRate",
  "active",
  "attributes",
] as const;
type FieldName = (typeof FIELDS)[number];

/** Refusals of the list price that a confirmation overrides (lib/admin/product-edit.ts). */
const CONFIRMABLE = new Set(["list_price_zero", "list_price_below_cost"]);

/**
 * Create (`mode` create: the SKU is typed) or edit a product's master data; the checks are the product
 * API's plus the form's own (lib/admin/product-edit.ts). A refusal is told at its field and what was
 * typed stays; a list price of 0 or below the purchase price is saved once the admin ticks that they
 * know; taking an active product out of the shop asks first.
 */
export function ProductForm({
  action,
  mode,
  values,
  categories,
  units,
  contentUnits,
}: {
  action: FormAction;
  mode: "create" | "edit";
  values: ProductFormValues;
  categories: { code: string; name: string }[];
  /** lib/admin/product-edit.ts unitOptions: `name` null for the product's own code the shop does not know. */
  units: { code: string; name: string | null }[];
  /** lib/admin/product-edit.ts contentUnitOptions. */
  contentUnits: { code: string; name: string }[];
}) {
  const t = useTranslations("admin.productForm");
  const ta = useTranslations("admin");
  const locale = toLocale(useLocale());
  const describeError = useActionError();
  const { state, shown, formAction, pending, hydrated, onChange, formRef } = useKeptInputAction(action);
  const labels = Object.fromEntries(FIELDS.map((key) => [key, t(key)])) as Record<FieldName, string>;
  const text = (key: string, details?: Record<string, string | number>) => (ta.has(`errors.${key}`) ? ta(`errors.${key}`, details) : null);
  // A refused field's message goes once it is changed (`shown`); the summary names what the save
  // refused until the next one, as does the price confirmation below.
  const errors = fieldErrors(shown, mode, text, locale);
  const refusedAtSave = fieldErrors(state, mode, text, locale);
  const fieldsInError = FIELDS.filter((name) => refusedAtSave[name]);
  const confirmation = state.status === "error" && CONFIRMABLE.has(state.message) && typeof state.details?.listPriceMinor === "number" ? { kind: state.message, price: state.details.listPriceMinor } : null;
  const field = (name: FieldName, control: React.ReactNode, hint?: string) => (
    <div>
      <Field label={labels[name]} hint={hint}>
        {control}
      </Field>
      <FieldError messages={errors[name]} testId={`product-form-error-${name}`} />
    </div>
  );

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // Unticking "active" takes the product out of the shop for every customer at once: asked, like a removal.
    if (mode === "edit" && values.active && !data.has("active") && !window.confirm(t("deactivateConfirm", { sku: values.sku }))) return;
    startTransition(() => formAction(data));
  };

  return (
    <form className="space-y-3" data-testid="product-form" ref={formRef} onChange={onChange} onSubmit={onSubmit}>
      <input type="hidden" name="mode" value={mode} />
      {mode === "edit" && <input type="hidden" name="sku" value={values.sku} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {mode === "create" && field("sku", <input name="sku" required maxLength={40} pattern="[!-~]{1,40}" defaultValue={values.sku} className={inputClass} />)}
        {field(
          "category",
          <select name="category" required defaultValue={values.category} className={inputClass}>
            <option value="" disabled>
              –
            </option>
            {categories.map((category) => (
              <option key={category.code} value={category.code}>
                {category.name}
              </option>
            ))}
          </select>,
        )}
        {field("nameNl", <input name="nameNl" required maxLength={200} defaultValue={values.nameNl} className={inputClass} />)}
        {field("nameEn", <input name="nameEn" maxLength={200} defaultValue={values.nameEn} className={inputClass} />, t("nameEnHint"))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {field("descriptionNl", <textarea name="descriptionNl" rows={3} maxLength={5000} defaultValue={values.descriptionNl} className={inputClass} />)}
        {field("descriptionEn", <textarea name="descriptionEn" rows={3} maxLength={5000} defaultValue={values.descriptionEn} className={inputClass} />, t("descriptionEnHint"))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {field("brand", <input name="brand" maxLength={100} defaultValue={values.brand} className={inputClass} />)}
        {field("manufacturer", <input name="manufacturer" maxLength={100} defaultValue={values.manufacturer} className={inputClass} />)}
        {field("manufacturerPartNumber", <input name="manufacturerPartNumber" maxLength={64} defaultValue={values.manufacturerPartNumber} className={inputClass} />)}
        {field("gtin", <input name="gtin" inputMode="numeric" maxLength={14} defaultValue={values.gtin} className={inputClass} />)}
        {field("unspsc", <input name="unspsc" inputMode="numeric" maxLength={8} defaultValue={values.unspsc} className={inputClass} />)}
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {field(
          "unit",
          <select name="unit" required defaultValue={values.unit} className={inputClass}>
            {units.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name ?? t("unitUnknown", { code: unit.code })}
              </option>
            ))}
          </select>,
          t("unitHint"),
        )}
        {field("packSize", <input name="packSize" type="number" min={1} required defaultValue={values.packSize} className={inputClass} />)}
        {field(
          "contentUnit",
          <select name="contentUnit" defaultValue={values.contentUnit} className={inputClass}>
            <option value="">{t("contentUnitNone")}</option>
            {contentUnits.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>,
          t("contentUnitHint"),
        )}
        {field("minOrderQuantity", <input name="minOrderQuantity" type="number" min={1} required defaultValue={values.minOrderQuantity} className={inputClass} />)}
        {field("orderMultiple", <input name="orderMultiple" type="number" min={1} required defaultValue={values.orderMultiple} className={inputClass} />)}
        {field("leadTimeDays", <input name="leadTimeDays" type="number" min={0} max={365} required defaultValue={values.leadTimeDays} className={inputClass} />)}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          {field("listPrice", <input name="listPrice" required inputMode="decimal" defaultValue={values.listPrice} className={inputClass} />)}
          {confirmation && (
            // Keyed by the price: a confirmation holds for the price it was asked about only.
            <label key={confirmation.price} className="mt-1 flex items-start gap-2 text-sm" data-testid="product-form-confirm-price">
              <input type="checkbox" name="confirmedListPrice" value={String(confirmation.price)} className="mt-0.5" />
              {confirmation.kind === "list_price_zero" ? t("confirmFree") : t("confirmBelowCost")}
            </label>
          )}
        </div>
        {field("tiers", <input name="tiers" defaultValue={values.tiers} className={inputClass} />, t("tiersHint"))}
        {field(
          "vatRate",
          <select name="vatRate" defaultValue={values.vatRate} className={inputClass}>
            <option value="21">21 %</option>
            <option value="9">9 %</option>
            <option value="0">0 %</option>
          </select>,
        )}
      </div>
      {field(
        "attributes",
        <textarea name="attributes" rows={Math.min(10, Math.max(3, values.attributes.split("\n").length + 1))} defaultValue={values.attributes} className={inputClass} />,
        t("attributesHint"),
      )}
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={values.active} /> {labels.active}
        </label>
        <FieldError messages={errors.active} testId="product-form-error-active" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!hydrated} pending={pending}>{mode === "create" ? t("create") : t("save")}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && mode === "edit" && (
            <span className="text-emerald-700" data-testid="form-success">
              {t("saved")}
            </span>
          )}
        </span>
      </div>
      {state.status === "error" && (
        <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {fieldsInError.length > 0 ? t("notSavedAt", { fields: fieldsInError.map((name) => labels[name]).join(", ") }) : describeError(state, labels).join(" ")}
        </div>
      )}
    </form>
  );
}

/**
 * The refusal's texts per field of this form: the schema's field errors, and the one field a check in
 * lib names (`details.field`). A field the form does not show (the SKU when editing) has none: its
 * refusal is told under the button.
 */
function fieldErrors(
  state: ActionState,
  mode: "create" | "edit",
  text: (key: string, details?: Record<string, string | number>) => string | null,
  locale: "nl" | "en",
): Partial<Record<FieldName, string[]>> {
  if (state.status !== "error") return {};
  const shown = (name: string): name is FieldName => (FIELDS as readonly string[]).includes(name) && (name !== "sku" || mode === "create");
  const errors: Partial<Record<FieldName, string[]>> = {};
  for (const [name, messages] of Object.entries(state.fieldErrors ?? {})) {
    if (shown(name)) errors[name] = messages.map((message) => text(message) ?? text("invalid_field")!);
  }
  const field = state.details?.field;
  if (typeof field === "string" && shown(field)) {
    const details = { ...state.details };
    // The purchase price as the page shows it ("€ 24,17"), not in cents.
    if (typeof details.costMinor === "number") details.cost = money(details.costMinor, locale);
    errors[field] = [...(errors[field] ?? []), text(state.message, details) ?? text(state.code, details) ?? text("invalid_field")!];
  }
  return errors;
}
