"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface AddressFormValues {
  id: number | null;
  kind: "ship_to" | "bill_to";
  label: string;
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  isDefault: boolean;
  externalId: string | null;
}

/**
 * A customer's address, new or existing: what was typed stays when the action refuses it; a new address form empties once saved.
 * `children`: extra hidden fields for the action (the order an address comes from).
 */
export function AddressForm({
  action,
  companyId,
  values,
  submitLabel,
  children,
}: {
  action: FormAction;
  companyId: number;
  values: AddressFormValues;
  submitLabel: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("admin.address");
  const labels = {
    label: t("label"),
    name: t("name"),
    attention: t("attention"),
    street: t("street"),
    postalCode: t("postalCode"),
    city: t("city"),
    countryCode: t("countryCode"),
    externalId: t("externalId"),
  };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={t("saved")} fieldLabels={labels} resetOnSuccess={values.id === null} keepInput>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="addressId" value={values.id ?? ""} />
      {children}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("kind")}>
          <select name="kind" defaultValue={values.kind} className={inputClass}>
            <option value="ship_to">{t("ship_to")}</option>
            <option value="bill_to">{t("bill_to")}</option>
          </select>
        </Field>
        <Field label={labels.label}>
          <input name="label" required maxLength={100} defaultValue={values.label} className={inputClass} />
        </Field>
        <Field label={labels.name} className="lg:col-span-2">
          <input name="name" required maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.attention}>
          <input name="attention" maxLength={200} defaultValue={values.attention ?? ""} className={inputClass} />
        </Field>
        <Field label={labels.street} className="lg:col-span-2">
          <input name="street" required maxLength={200} defaultValue={values.street} className={inputClass} />
        </Field>
        <Field label={labels.postalCode}>
          <input name="postalCode" required maxLength={20} defaultValue={values.postalCode} className={inputClass} />
        </Field>
        <Field label={labels.city}>
          <input name="city" required maxLength={100} defaultValue={values.city} className={inputClass} />
        </Field>
        <Field label={labels.countryCode}>
          <input name="countryCode" required maxLength={2} pattern="[A-Za-z]{2}" defaultValue={values.countryCode} className={`${inputClass} uppercase`} />
        </Field>
        <Field label={labels.externalId} hint={t("externalIdHint")}>
          <input name="externalId" maxLength={100} defaultValue={values.externalId ?? ""} className={inputClass} />
        </Field>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="isDefault" defaultChecked={values.isDefault} /> {t("isDefault")}
        </label>
      </div>
    </ActionForm>
  );
}
