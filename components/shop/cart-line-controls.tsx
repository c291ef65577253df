"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Quantity editor and remove button for one cart line, one form; rule violations are shown, never corrected silently. */
export function CartLineControls({
  lineId,
  quantity,
  orderMultiple,
  productName,
  action,
}: {
  lineId: number;
  quantity: number;
  orderMultiple: number;
  productName: string;
  action: Action;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <div className="space-y-1">
      <form action={formAction} className="flex flex-wrap items-center gap-2">
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
        {/* First submit button: Enter in the quantity field updates. */}
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
          {t("update")}
        </button>
        {/* formNoValidate: a quantity the browser finds invalid must not keep the line from being removed. */}
        <button type="submit" name="remove" value="1" formNoValidate disabled={pending} aria-label={`${t("remove")} ${productName}`} className="text-xs text-red-700 underline">
          {t("remove")}
        </button>
      </form>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`, state.details ?? {}) : t("errors.invalid_input")}
        </p>
      )}
    </div>
  );
}
