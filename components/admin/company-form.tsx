"use client";

import { useTranslations } from "next-intl";
import { INCOTERMS, PEPPOL_SCHEMES } from "@/lib/admin/schemas";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface CompanyFormValues {
  id?: number;
  name: string;
  kvkNumber: string | null;
  vatId: string | null;
  peppolScheme: string | null;
  peppolId: string | null;
  countryCode: string;
  paymentTermsDays: number;
  deliveryTerms: string | null;
  active: boolean;
}

/** Company master data: KvK, VAT id, Peppol id, payment and delivery terms. */
export function CompanyForm({ action, values, submitLabel }: { action: FormAction; values: CompanyFormValues; submitLabel: string }) {
  const t = useTranslations("admin.company");
  const labels = {
    name: t("name"),
    kvkNumber: t("kvkNumber"),
    vatId: t("vatId"),
    peppolScheme: t("peppolScheme"),
    peppolId: t("peppolId"),
    countryCode: t("countryCode"),
    paymentTermsDays: t("paymentTermsDays"),
    deliveryTerms: t("deliveryTerms"),
  };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={t("saved")} fieldLabels={labels} testId="company-form">
      {values.id !== undefined && <input type="hidden" name="companyId" value={values.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label={labels.name} className="sm:col-span-2">
          <input name="name" required minLength={2} maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.countryCode}>
          <input name="countryCode" required maxLength={2} pattern="[A-Za-z]{2}" defaultValue={values.countryCode} className={`${inputClass} uppercase`} />
        </Field>
        <Field label={labels.kvkNumber} hint={t("kvkHint")}>
          <input name="kvkNumber" maxLength={35} defaultValue={values.kvkNumber ?? ""} className={inputClass} />
        </Field>
        <Field label={labels.vatId} hint={t("vatHint")}>
          <input name="vatId" maxLength={20} defaultValue={values.vatId ?? ""} className={`${inputClass} uppercase`} />
        </Field>
        <div className="grid grid-cols-[8rem_1fr] gap-2">
          <Field label={labels.peppolScheme}>
            <select name="peppolScheme" defaultValue={values.peppolScheme ?? ""} className={inputClass}>
              <option value="">–</option>
              {PEPPOL_SCHEMES.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {scheme} {t.has(`peppolSchemes.${scheme}`) ? `· ${t(`peppolSchemes.${scheme}`)}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label={labels.peppolId}>
            <input name="peppolId" maxLength={50} defaultValue={values.peppolId ?? ""} className={inputClass} />
          </Field>
        </div>
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
