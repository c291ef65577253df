"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { keepAsDefault } from "../../customers/[id]/customer-master-data-form";
import { SUPPLIER_PROFILE_FIELDS } from "./fields";

export interface SupplierProfileValues {
  legalName: string;
  tradingName: string | null;
  kvkNumber: string;
  vatId: string;
  peppolScheme: string;
  peppolId: string;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  iban: string;
  bic: string | null;
  email: string;
  phone: string | null;
  paymentTermsDays: number;
}

/** The supplier (our own company) as it appears on every invoice: legal entity, VAT, Peppol endpoint, bank account. */
export function SupplierProfileForm({
  action,
  values,
  peppolSchemes,
}: {
  action: FormAction;
  values: SupplierProfileValues;
  peppolSchemes: readonly string[];
}) {
  const t = useTranslations("invoicing.supplier");
  const fields = SUPPLIER_PROFILE_FIELDS;
  const labels = Object.fromEntries(fields.map((field) => [field, t(`fields.${field}`)])) as Record<(typeof fields)[number], string>;
  // What the user entered stays on screen when the action answers with field errors (see keepAsDefault).
  const [form, setForm] = useState<Record<(typeof fields)[number], string>>(
    () => Object.fromEntries(fields.map((field) => [field, String(values[field] ?? "")])) as Record<(typeof fields)[number], string>,
  );
  const bind = (name: (typeof fields)[number]) => ({
    name,
    defaultValue: form[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      keepAsDefault(event.target);
      setForm((f) => ({ ...f, [name]: event.target.value }));
    },
  });
  const text = (name: Exclude<(typeof fields)[number], "peppolScheme" | "paymentTermsDays">, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={labels[name]} hint={t.has(`hints.${name}`) ? t(`hints.${name}`) : undefined}>
      <input {...bind(name)} className={inputClass} {...props} />
    </Field>
  );
  return (
    <ActionForm action={action} submitLabel={t("save")} successMessage={t("saved")} fieldLabels={labels} testId="supplier-profile-form">
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="sr-only">{t("card")}</legend>
        {text("legalName", { required: true, minLength: 2, maxLength: 200 })}
        {text("tradingName", { maxLength: 200 })}
        {text("kvkNumber", { required: true, inputMode: "numeric", maxLength: 12 })}
        {text("vatId", { required: true, maxLength: 24, className: `${inputClass} uppercase` })}
        <div className="grid grid-cols-[8rem_1fr] gap-2">
          <Field label={labels.peppolScheme}>
            <select {...bind("peppolScheme")} className={inputClass}>
              {peppolSchemes.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {scheme} · {t(`schemes.${scheme}`)}
                </option>
              ))}
            </select>
          </Field>
          {text("peppolId", { required: true, maxLength: 80 })}
        </div>
        {text("email", { required: true, type: "email", maxLength: 254 })}
        {text("street", { required: true, maxLength: 200 })}
        {text("postalCode", { required: true, maxLength: 20 })}
        {text("city", { required: true, maxLength: 100 })}
        {text("countryCode", { required: true, maxLength: 2, pattern: "[A-Za-z]{2}", className: `${inputClass} uppercase` })}
        {text("iban", { required: true, maxLength: 42, className: `${inputClass} uppercase` })}
        {text("bic", { maxLength: 11, className: `${inputClass} uppercase` })}
        {text("phone", { maxLength: 40 })}
        <Field label={labels.paymentTermsDays}>
          <input {...bind("paymentTermsDays")} type="number" min={0} max={180} required className={inputClass} />
        </Field>
      </fieldset>
    </ActionForm>
  );
}
