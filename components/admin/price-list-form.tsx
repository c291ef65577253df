"use client";

import { useTranslations } from "next-intl";
import { CURRENCIES } from "@/lib/admin/schemas";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface PriceListFormValues {
  id: number | null;
  code: string;
  name: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
}

/** Name, currency and validity window of a price list (the code is fixed once created); what was typed stays when the action refuses it. */
export function PriceListForm({ action, values, submitLabel, disabled = false }: { action: FormAction; values: PriceListFormValues; submitLabel: string; disabled?: boolean }) {
  const t = useTranslations("admin.priceLists");
  const labels = { code: t("code"), name: t("name"), currency: t("currency"), validFrom: t("validFrom"), validTo: t("validTo") };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={t("saved")} fieldLabels={labels} testId="price-list-form" keepInput>
      {values.id !== null && <input type="hidden" name="priceListId" value={values.id} />}
      <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={labels.code} hint={values.id === null ? t("codeHint") : undefined}>
          {values.id === null ? (
            <input name="code" required maxLength={40} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,39}" defaultValue={values.code} className={`${inputClass} uppercase`} />
          ) : (
            <input value={values.code} readOnly className={`${inputClass} bg-slate-50`} />
          )}
        </Field>
        <Field label={labels.name} className="lg:col-span-2">
          <input name="name" required minLength={2} maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.currency}>
          <select name="currency" defaultValue={values.currency} className={inputClass}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <div />
        <Field label={labels.validFrom}>
          <input name="validFrom" type="date" defaultValue={values.validFrom ?? ""} className={inputClass} />
        </Field>
        <Field label={labels.validTo}>
          <input name="validTo" type="date" defaultValue={values.validTo ?? ""} className={inputClass} />
        </Field>
      </fieldset>
    </ActionForm>
  );
}
