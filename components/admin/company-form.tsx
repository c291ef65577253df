"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ERP_CUSTOMER_NUMBER_MAX } from "@/lib/admin/erp-customer-number";
import { kvkPeppolIdMismatch } from "@/lib/admin/peppol-kvk";
import { INCOTERMS } from "@/lib/admin/schemas";
import type { CountryOption } from "@/lib/i18n/countries";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface CompanyFormValues {
  id?: number;
  name: string;
  kvkNumber: string | null;
  vatId: string | null;
  peppolScheme: string | null;
  peppolId: string | null;
  erpCustomerNumber: string | null;
  countryCode: string;
  paymentTermsDays: number;
  deliveryTerms: string | null;
  active: boolean;
}

/**
 * Company master data of a new customer: KvK, VAT id, Peppol id, ERP customer number (a customer that
 * already exists in the ERP gets its number at once; checked as in the customer form, another
 * customer's number refused at the field), payment and delivery terms. What
 * was typed stays when the action refuses it (keepInput), with every field's problem at once.
 * `countries` and `peppolSchemes` come from the page: the lists /register and the customer's own
 * form offer (lib/i18n/countries.ts, CUSTOMER_PEPPOL_SCHEMES), so no option here is refused there.
 */
export function CompanyForm({
  action,
  values,
  submitLabel,
  countries,
  peppolSchemes,
}: {
  action: FormAction;
  values: CompanyFormValues;
  submitLabel: string;
  countries: CountryOption[];
  peppolSchemes: readonly string[];
}) {
  const t = useTranslations("admin.company");
  // Only what the 0106 hint compares; the fields themselves stay uncontrolled.
  const [peppol, setPeppol] = useState({
    countryCode: values.countryCode,
    kvkNumber: values.kvkNumber ?? "",
    peppolScheme: values.peppolScheme ?? "",
    peppolId: values.peppolId ?? "",
  });
  const track = (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const { name, value } = event.target;
    setPeppol((current) => ({ ...current, [name]: value }));
  };
  const expectedKvk = kvkPeppolIdMismatch(peppol);
  const labels = {
    name: t("name"),
    kvkNumber: t("kvkNumber"),
    vatId: t("vatId"),
    peppolScheme: t("peppolScheme"),
    peppolId: t("peppolId"),
    erpCustomerNumber: t("erpCustomerNumber"),
    countryCode: t("countryCode"),
    paymentTermsDays: t("paymentTermsDays"),
    deliveryTerms: t("deliveryTerms"),
  };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={t("saved")} fieldLabels={labels} testId="company-form" keepInput>
      {values.id !== undefined && <input type="hidden" name="companyId" value={values.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label={labels.name} className="sm:col-span-2">
          <input name="name" required minLength={2} maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.countryCode}>
          <select name="countryCode" required defaultValue={values.countryCode} onChange={track} autoComplete="country" className={inputClass}>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.kvkNumber} hint={t("kvkHint")}>
          <input name="kvkNumber" maxLength={35} defaultValue={values.kvkNumber ?? ""} onChange={track} className={inputClass} />
        </Field>
        <Field label={labels.vatId} hint={t("vatHint")}>
          <input name="vatId" maxLength={24} defaultValue={values.vatId ?? ""} className={`${inputClass} uppercase`} />
        </Field>
        <div className="grid grid-cols-[8rem_1fr] gap-2">
          <Field label={labels.peppolScheme}>
            <select name="peppolScheme" defaultValue={values.peppolScheme ?? ""} onChange={track} className={inputClass}>
              <option value="">–</option>
              {peppolSchemes.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {scheme} {t.has(`peppolSchemes.${scheme}`) ? `· ${t(`peppolSchemes.${scheme}`)}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label={labels.peppolId}>
            <input name="peppolId" maxLength={80} defaultValue={values.peppolId ?? ""} onChange={track} className={inputClass} />
          </Field>
          {expectedKvk !== null && (
            <p className="col-span-2 text-xs text-amber-800" data-testid="peppol-kvk-hint">
              {t("peppolIdIsKvk", { kvkNumber: expectedKvk })}
            </p>
          )}
        </div>
        <Field label={labels.erpCustomerNumber} hint={t("erpCustomerNumberHint")}>
          <input
            name="erpCustomerNumber"
            maxLength={ERP_CUSTOMER_NUMBER_MAX}
            defaultValue={values.erpCustomerNumber ?? ""}
            autoComplete="off"
            className={inputClass}
            data-testid="erp-customer-number"
          />
        </Field>
        <Field label={labels.paymentTermsDays}>
          <input name="paymentTermsDays" type="number" min={0} max={180} required defaultValue={values.paymentTermsDays} className={inputClass} />
        </Field>
        <Field label={labels.deliveryTerms}>
          <select name="deliveryTerms" defaultValue={values.deliveryTerms ?? ""} className={inputClass}>
            <option value="">–</option>
            {INCOTERMS.map((term) => (
              <option key={term} value={term}>
                {term} · {t(`incoterms.${term}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="active" defaultChecked={values.active} /> {t("active")}
        </label>
      </div>
    </ActionForm>
  );
}
