"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ASSORTMENTS, type Assortment } from "@/lib/catalog/assortment";
import { ActionForm, type FormAction } from "./action-form";

/**
 * The customer's assortment: whole catalogue or contract assortment only. The warning follows the
 * choice before it is saved, so nobody gives a customer an empty shop without being told; the radios
 * are controlled so React's reset after a save cannot show another choice than the one saved.
 */
export function AssortmentForm({
  action,
  companyId,
  current,
  contractProducts,
}: {
  action: FormAction;
  companyId: number;
  current: Assortment;
  /** Active products in the contract assortment today. */
  contractProducts: number;
}) {
  const t = useTranslations("admin.assortment");
  return (
    <ActionForm action={action} submitLabel={t("save")} successMessage={t("saved")} fieldLabels={{ assortment: t("label") }} testId="assortment-form">
      <input type="hidden" name="companyId" value={companyId} />
      <AssortmentChoice current={current} contractProducts={contractProducts} />
    </ActionForm>
  );
}

function AssortmentChoice({ current, contractProducts }: { current: Assortment; contractProducts: number }) {
  const t = useTranslations("admin.assortment");
  const [chosen, setChosen] = useState<Assortment>(current);
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("label")}</legend>
        {ASSORTMENTS.map((assortment) => (
          <label key={assortment} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="assortment"
              value={assortment}
              checked={chosen === assortment}
              onChange={() => setChosen(assortment)}
              className="mt-1"
              data-testid={`assortment-${assortment}`}
            />
            <span>
              <span className="font-medium">{t(`options.${assortment}`)}</span>
              <span className="block text-xs text-slate-600">{t(`hints.${assortment}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {chosen === "contract" && contractProducts === 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="assortment-empty-warning">
          {t("emptyWarning")}
        </p>
      )}
    </>
  );
}
