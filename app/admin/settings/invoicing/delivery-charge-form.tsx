"use client";

import { useLocale, useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { moneyInputValue } from "@/lib/account/money-input";

/** The default delivery charge on web orders and the amount from which delivery is free (both excl. VAT). */
export function DeliveryChargeForm({
  action,
  values,
}: {
  action: FormAction;
  values: { deliveryChargeMinor: number; freeDeliveryFromMinor: number | null };
}) {
  const t = useTranslations("invoicing.delivery");
  const locale = useLocale() === "nl" ? "nl" : "en";
  const amountText = (minor: number | null) => moneyInputValue(minor, locale);
  const labels = { deliveryChargeMinor: t("charge"), freeDeliveryFromMinor: t("freeFrom") };
  return (
    <ActionForm action={action} submitLabel={t("save")} successMessage={t("saved")} fieldLabels={labels} keepInput testId="delivery-charge-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={labels.deliveryChargeMinor} hint={t("chargeHint")}>
          <input name="deliveryChargeMinor" defaultValue={amountText(values.deliveryChargeMinor)} inputMode="decimal" maxLength={20} className={inputClass} />
        </Field>
        <Field label={labels.freeDeliveryFromMinor} hint={t("freeFromHint")}>
          <input name="freeDeliveryFromMinor" defaultValue={amountText(values.freeDeliveryFromMinor)} inputMode="decimal" maxLength={20} className={inputClass} />
        </Field>
      </div>
    </ActionForm>
  );
}
