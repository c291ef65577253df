"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { moneyInputValue } from "@/lib/account/money-input";
import type { CountryOption } from "@/lib/i18n/countries";
import { offerPeppolChannel } from "@/lib/admin/peppol-channel";

/**
 * React resets a form after every action to each field's default (also for controlled fields,
 * react#30580 / #31695). Making what the user entered the default keeps it on screen when the
 * action answers with field errors.
 */
export function keepAsDefault(field: HTMLInputElement | HTMLSelectElement): void {
  if (field instanceof HTMLSelectElement) {
    for (const option of field.options) option.defaultSelected = option.selected;
  } else if (field.type === "checkbox" || field.type === "radio") {
    field.defaultChecked = field.checked;
  } else {
    field.defaultValue = field.value;
  }
}

export interface CustomerMasterDataValues {
  id: number;
  name: string;
  kvkNumber: string | null;
  vatId: string | null;
  peppolScheme: string | null;
  peppolId: string | null;
  erpCustomerNumber: string | null;
  countryCode: string;
  paymentTermsDays: number;
  creditLimitMinor: number | null;
  deliveryChargeMode: string;
  deliveryChargeMinor: number | null;
  freeDeliveryFromMinor: number | null;
  deliveryTerms: string | null;
  active: boolean;
  iban: string | null;
  invoiceEmail: string | null;
  invoiceChannels: string[];
  invoiceOnShipment: boolean;
  vatTreatment: string;
  vatExemptionReason: string | null;
  documentLocale: string;
}

/**
 * The customer's company data, identifiers and invoice settings in one form (one save, so the
 * cross-field rules — channel needs Peppol id / e-mail, VAT treatment needs VAT id — are checked on
 * the values that will be stored together). Field errors come back per field from the action.
 */
export function CustomerMasterDataForm({
  action,
  values,
  options,
  hasCxmlConnection,
  submitLabel,
}: {
  action: FormAction;
  submitLabel: string;
  values: CustomerMasterDataValues;
  options: { countries: CountryOption[]; peppolSchemes: readonly string[]; incoterms: readonly string[]; channels: readonly string[]; vatTreatments: readonly string[]; documentLocales: readonly ("nl" | "en")[] };
  hasCxmlConnection: boolean;
}) {
  const t = useTranslations("admin.company");
  const ti = useTranslations("invoicing.customer");
  const tc = useTranslations("invoicing.channels");
  const tv = useTranslations("invoicing.vatTreatments");
  const locale = useLocale() === "nl" ? "nl" : "en";
  const amountText = (minor: number | null) => moneyInputValue(minor, locale);
  // What the user entered (see keepAsDefault); the exemption reason field depends on the VAT treatment.
  const [form, setForm] = useState(() => ({
    name: values.name,
    countryCode: values.countryCode,
    kvkNumber: values.kvkNumber ?? "",
    vatId: values.vatId ?? "",
    peppolScheme: values.peppolScheme ?? "",
    peppolId: values.peppolId ?? "",
    erpCustomerNumber: values.erpCustomerNumber ?? "",
    paymentTermsDays: String(values.paymentTermsDays),
    // Amounts as people type them back ("12500,00"); empty: no limit / no threshold.
    creditLimitMinor: amountText(values.creditLimitMinor),
    deliveryChargeMode: values.deliveryChargeMode,
    deliveryChargeMinor: amountText(values.deliveryChargeMinor),
    freeDeliveryFromMinor: amountText(values.freeDeliveryFromMinor),
    deliveryTerms: values.deliveryTerms ?? "",
    iban: values.iban ?? "",
    invoiceEmail: values.invoiceEmail ?? "",
    vatTreatment: values.vatTreatment,
    vatExemptionReason: values.vatExemptionReason ?? "",
    documentLocale: values.documentLocale,
  }));
  const [flags, setFlags] = useState({ active: values.active, invoiceOnShipment: values.invoiceOnShipment });
  const [channels, setChannels] = useState<string[]>(values.invoiceChannels);
  const offerPeppol = options.channels.includes("peppol") && offerPeppolChannel(values, form, channels);
  const bind = (name: keyof typeof form) => ({
    name,
    defaultValue: form[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      keepAsDefault(event.target);
      setForm((f) => ({ ...f, [name]: event.target.value }));
    },
  });
  const flag = (name: keyof typeof flags) => ({
    name,
    defaultChecked: flags[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      keepAsDefault(event.target);
      setFlags((f) => ({ ...f, [name]: event.target.checked }));
    },
  });
  const labels = {
    name: t("name"),
    kvkNumber: t("kvkNumber"),
    vatId: t("vatId"),
    peppolScheme: t("peppolScheme"),
    peppolId: t("peppolId"),
    erpCustomerNumber: t("erpCustomerNumber"),
    countryCode: t("countryCode"),
    paymentTermsDays: t("paymentTermsDays"),
    creditLimitMinor: t("creditLimit"),
    deliveryChargeMode: t("deliveryChargeMode"),
    deliveryChargeMinor: t("deliveryCharge"),
    freeDeliveryFromMinor: t("freeDeliveryFrom"),
    deliveryTerms: t("deliveryTerms"),
    iban: ti("iban"),
    invoiceEmail: ti("invoiceEmail"),
    invoiceChannels: ti("channels"),
    invoiceOnShipment: ti("invoiceOnShipment"),
    vatTreatment: ti("vatTreatment"),
    vatExemptionReason: ti("vatExemptionReason"),
    documentLocale: ti("documentLocale"),
  };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={t("saved")} fieldLabels={labels} testId="company-form" className="space-y-5">
      <input type="hidden" name="companyId" value={values.id} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label={labels.name} className="sm:col-span-2">
          <input {...bind("name")} required minLength={2} maxLength={200} className={inputClass} />
        </Field>
        <Field label={labels.countryCode}>
          <select {...bind("countryCode")} required autoComplete="country" className={inputClass}>
            {options.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.kvkNumber} hint={t("kvkHint")}>
          <input {...bind("kvkNumber")} maxLength={35} className={inputClass} />
        </Field>
        <Field label={labels.vatId} hint={t("vatHint")}>
          <input {...bind("vatId")} maxLength={24} className={`${inputClass} uppercase`} />
        </Field>
        <div className="grid grid-cols-[8rem_1fr] gap-2">
          <Field label={labels.peppolScheme}>
            <select {...bind("peppolScheme")} className={inputClass}>
              <option value="">–</option>
              {options.peppolSchemes.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {scheme} {t.has(`peppolSchemes.${scheme}`) ? `· ${t(`peppolSchemes.${scheme}`)}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label={labels.peppolId} hint={ti("peppolIdHint")}>
            <input {...bind("peppolId")} maxLength={80} className={inputClass} />
          </Field>
        </div>
        <Field label={labels.erpCustomerNumber} hint={t("erpCustomerNumberHint")}>
          <input {...bind("erpCustomerNumber")} maxLength={50} autoComplete="off" className={inputClass} data-testid="erp-customer-number" />
        </Field>
        <Field label={labels.paymentTermsDays}>
          <input {...bind("paymentTermsDays")} type="number" min={0} max={180} required className={inputClass} />
        </Field>
        <Field label={labels.creditLimitMinor} hint={t("creditLimitHint")}>
          <input {...bind("creditLimitMinor")} inputMode="decimal" maxLength={20} className={inputClass} />
        </Field>
        <Field label={labels.deliveryChargeMode} hint={t("deliveryChargeModeHint")}>
          <select {...bind("deliveryChargeMode")} className={inputClass}>
            {(["default", "free", "custom"] as const).map((mode) => (
              <option key={mode} value={mode}>
                {t(`deliveryChargeModes.${mode}`)}
              </option>
            ))}
          </select>
        </Field>
        {form.deliveryChargeMode === "custom" && (
          <>
            <Field label={labels.deliveryChargeMinor}>
              <input {...bind("deliveryChargeMinor")} inputMode="decimal" required maxLength={20} className={inputClass} />
            </Field>
            <Field label={labels.freeDeliveryFromMinor} hint={t("freeDeliveryFromHint")}>
              <input {...bind("freeDeliveryFromMinor")} inputMode="decimal" maxLength={20} className={inputClass} />
            </Field>
          </>
        )}
        <Field label={labels.deliveryTerms}>
          <select {...bind("deliveryTerms")} className={inputClass}>
            <option value="">–</option>
            {options.incoterms.map((term) => (
              <option key={term} value={term}>
                {term} · {t(`incoterms.${term}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" {...flag("active")} /> {t("active")}
        </label>
      </div>

      <fieldset className="space-y-3 border-t border-slate-200 pt-4" data-testid="invoicing-settings">
        <legend className="text-sm font-semibold text-slate-800">{ti("title")}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field label={labels.iban} hint={ti("ibanHint")}>
            <input {...bind("iban")} maxLength={42} className={`${inputClass} uppercase`} />
          </Field>
          <Field label={labels.invoiceEmail} hint={ti("invoiceEmailHint")}>
            <input {...bind("invoiceEmail")} type="email" maxLength={254} className={inputClass} />
          </Field>
          <Field label={labels.documentLocale} hint={ti("documentLocaleHint")}>
            <select {...bind("documentLocale")} className={inputClass} data-testid="customer-document-locale">
              {options.documentLocales.map((documentLocale) => (
                <option key={documentLocale} value={documentLocale}>
                  {ti(`documentLocales.${documentLocale}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={labels.vatTreatment}>
            <select {...bind("vatTreatment")} className={inputClass}>
              {options.vatTreatments.map((treatment) => (
                <option key={treatment} value={treatment}>
                  {tv(treatment)}
                </option>
              ))}
            </select>
          </Field>
          {form.vatTreatment === "exempt" && (
            <Field label={labels.vatExemptionReason} hint={ti("vatExemptionReasonHint")} className="sm:col-span-2 lg:col-span-3">
              <input {...bind("vatExemptionReason")} required maxLength={300} className={inputClass} />
            </Field>
          )}
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">{labels.invoiceChannels}</legend>
          {/* Posted with the checkboxes: "none ticked" is a choice here, not "not set" (invoiceChannelsFor). */}
          <input type="hidden" name="invoiceChannels" value="" />
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {options.channels.map((channel) => (
              <label key={channel} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="invoiceChannels"
                  value={channel}
                  data-channel={channel}
                  defaultChecked={channels.includes(channel)}
                  onChange={(event) => {
                    keepAsDefault(event.target);
                    setChannels((current) => (event.target.checked ? [...current, channel] : current.filter((c) => c !== channel)));
                  }}
                  disabled={channel === "cxml" && !hasCxmlConnection && !channels.includes(channel)}
                />
                {tc(channel)}
              </label>
            ))}
          </div>
          {offerPeppol && (
            // Offered, not done: the manager decides whether this customer's invoices go to Peppol.
            <p className="mt-2 flex flex-wrap items-center gap-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" role="status" data-testid="offer-peppol-channel">
              {ti("offerPeppol")}
              <button
                type="button"
                className="rounded border border-sky-300 bg-white px-2 py-0.5 text-sm font-medium hover:bg-sky-100"
                onClick={(event) => {
                  const box = event.currentTarget.form?.querySelector<HTMLInputElement>('input[name="invoiceChannels"][data-channel="peppol"]');
                  if (box) {
                    box.checked = true;
                    keepAsDefault(box);
                    box.focus();
                  }
                  setChannels((current) => (current.includes("peppol") ? current : [...current, "peppol"]));
                }}
              >
                {ti("offerPeppolButton")}
              </button>
            </p>
          )}
          <p className="mt-1 text-xs text-slate-500">{hasCxmlConnection ? ti("channelsHint") : ti("channelsHintNoCxml")}</p>
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...flag("invoiceOnShipment")} /> {labels.invoiceOnShipment}
        </label>
      </fieldset>
    </ActionForm>
  );
}
