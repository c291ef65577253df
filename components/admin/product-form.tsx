"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "./action-form";
import type { ProductFormValues } from "@/lib/admin/product-edit";
import { inputClass } from "./styles";

/** Create (`mode` create: the SKU is typed) or edit a product's master data; the checks are the product API's. */
export function ProductForm({ action, mode, values, categories }: { action: FormAction; mode: "create" | "edit"; values: ProductFormValues; categories: { code: string; name: string }[] }) {
  const t = useTranslations("admin.productForm");
  const labels = Object.fromEntries(
    (["sku", "category", "nameNl", "nameEn", "descriptionNl", "descriptionEn", "brand", "manufacturer", "manufacturerPartNumber", "gtin", "unspsc", "unit", "packSize", "minOrderQuantity", "orderMultiple", "leadTimeDays", "listPrice", "tiers", "vatRate", "active", "attributes"] as const).map((key) => [key, t(key)]),
  );
  return (
    <ActionForm action={action} submitLabel={mode === "create" ? t("create") : t("save")} successMessage={mode === "edit" ? t("saved") : undefined} fieldLabels={labels} keepInput testId="product-form">
      <input type="hidden" name="mode" value={mode} />
      {mode === "edit" && <input type="hidden" name="sku" value={values.sku} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {mode === "create" && (
          <Field label={labels.sku!}>
            <input name="sku" required maxLength={40} pattern="[!-~]{1,40}" defaultValue={values.sku} className={inputClass} />
          </Field>
        )}
        <Field label={labels.category!}>
          <select name="category" required defaultValue={values.category} className={inputClass}>
            <option value="" disabled>
              –
            </option>
            {categories.map((category) => (
              <option key={category.code} value={category.code}>
                {category.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.nameNl!}>
          <input name="nameNl" required maxLength={200} defaultValue={values.nameNl} className={inputClass} />
        </Field>
        <Field label={labels.nameEn!} hint={t("nameEnHint")}>
          <input name="nameEn" maxLength={200} defaultValue={values.nameEn} className={inputClass} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={labels.descriptionNl!}>
          <textarea name="descriptionNl" rows={3} maxLength={5000} defaultValue={values.descriptionNl} className={inputClass} />
        </Field>
        <Field label={labels.descriptionEn!} hint={t("descriptionEnHint")}>
          <textarea name="descriptionEn" rows={3} maxLength={5000} defaultValue={values.descriptionEn} className={inputClass} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={labels.brand!}>
          <input name="brand" maxLength={100} defaultValue={values.brand} className={inputClass} />
        </Field>
        <Field label={labels.manufacturer!}>
          <input name="manufacturer" maxLength={100} defaultValue={values.manufacturer} className={inputClass} />
        </Field>
        <Field label={labels.manufacturerPartNumber!}>
          <input name="manufacturerPartNumber" maxLength={64} defaultValue={values.manufacturerPartNumber} className={inputClass} />
        </Field>
        <Field label={labels.gtin!}>
          <input name="gtin" inputMode="numeric" maxLength={14} defaultValue={values.gtin} className={inputClass} />
        </Field>
        <Field label={labels.unspsc!}>
          <input name="unspsc" inputMode="numeric" maxLength={8} defaultValue={values.unspsc} className={inputClass} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Field label={labels.unit!} hint={t("unitHint")}>
          <input name="unit" required maxLength={3} defaultValue={values.unit} className={inputClass} />
        </Field>
        <Field label={labels.packSize!}>
          <input name="packSize" type="number" min={1} required defaultValue={values.packSize} className={inputClass} />
        </Field>
        <Field label={labels.minOrderQuantity!}>
          <input name="minOrderQuantity" type="number" min={1} required defaultValue={values.minOrderQuantity} className={inputClass} />
        </Field>
        <Field label={labels.orderMultiple!}>
          <input name="orderMultiple" type="number" min={1} required defaultValue={values.orderMultiple} className={inputClass} />
        </Field>
        <Field label={labels.leadTimeDays!}>
          <input name="leadTimeDays" type="number" min={0} max={365} required defaultValue={values.leadTimeDays} className={inputClass} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={labels.listPrice!}>
          <input name="listPrice" required inputMode="decimal" defaultValue={values.listPrice} className={inputClass} />
        </Field>
        <Field label={labels.tiers!} hint={t("tiersHint")}>
          <input name="tiers" defaultValue={values.tiers} className={inputClass} />
        </Field>
        <Field label={labels.vatRate!}>
          <select name="vatRate" defaultValue={values.vatRate} className={inputClass}>
            <option value="21">21 %</option>
            <option value="9">9 %</option>
            <option value="0">0 %</option>
          </select>
        </Field>
      </div>
      <Field label={labels.attributes!} hint={t("attributesHint")}>
        <textarea name="attributes" rows={Math.min(10, Math.max(3, values.attributes.split("\n").length + 1))} defaultValue={values.attributes} className={inputClass} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={values.active} /> {labels.active}
      </label>
    </ActionForm>
  );
}
