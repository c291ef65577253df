"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Quantity editor and remove button for one cart line; rule violations are shown, never corrected silently. */
export function CartLineControls({
  lineId,
  quantity,
  orderMultiple,
  productName,
  updateAction,
  removeAction,
}: {
  lineId: number;
  quantity: number;
  orderMultiple: number;
  productName: string;
  updateAction: Action;
  removeAction: Action;
}) {
  const t = useTranslations("cart");
  const [updateState, update, updating] = useActionState(updateAction, { status: "idle" });
  const [removeState, remove, removing] = useActionState(removeAction, { status: "idle" });
  const error = updateState.status === "error" ? updateState : removeState.status === "error" ? removeState : null;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <form action={update} className="flex items-center gap-2">
          <input type="hidden" name="lineId" value={lineId} />
          <input
            name="quantity"
            type="number"
            min={0}
            step={orderMultiple}
            defaultValue={quantity}
            key={quantity}
            aria-label={`${t("quantity")} ${productName}`}
            className="w-20 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <button type="submit" disabled={updating} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
            {t("update")}
          </button>
        </form>
        <form action={remove}>
          <input type="hidden" name="lineId" value={lineId} />
          <button type="submit" disabled={removing} aria-label={`${t("remove")} ${productName}`} className="text-xs text-red-700 underline">
            {t("remove")}
          </button>
        </form>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {t.has(`errors.${error.message}`) ? t(`errors.${error.message}`, error.details ?? {}) : t("errors.invalid_input")}
        </p>
      )}
    </div>
  );
}
