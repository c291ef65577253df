"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ASSORTMENTS, type Assortment } from "@/lib/catalog/assortment";
import { SubmitButton, useActionError, type FormAction } from "./action-form";

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
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [chosen, setChosen] = useState<Assortment>(current);
  const errors = useActionError()(state, { assortment: t("label") });
  return (
    <form action={formAction} className="space-y-3" data-testid="assortment-form">
      <input type="hidden" name="companyId" value={companyId} />
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
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("save")}</SubmitButton>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && (
            <span className="text-emerald-700" data-testid="form-success">
              {t("saved")}
            </span>
          )}
        </span>
      </div>
      {errors.length > 0 && (
        <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      )}
    </form>
  );
}
