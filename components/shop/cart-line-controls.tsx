"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { quantityRuleHint, smallestValidQuantity } from "@/lib/cart/quantity-rules";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Quantity editor and remove button for one cart line, one form, with the product's ordering rule
 * ("Per 2") under it; rule violations are shown, never corrected silently.
 */
export function CartLineControls({
  lineId,
  quantity,
  minOrderQuantity,
  orderMultiple,
  productName,
  action,
}: {
  lineId: number;
  quantity: number;
  minOrderQuantity: number;
  orderMultiple: number;
  productName: string;
  action: Action;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const rules = { minOrderQuantity, orderMultiple };
  const hint = quantityRuleHint(rules);
  // As on the product page: a refused quantity comes back with the nearest valid one, which the field
  // then offers (React resets the form after the action; the typed quantity is the refused one).
  const suggested = state.status === "error" && typeof state.details?.suggested === "number" ? state.details.suggested : null;
  const hintId = `cart-line-rule-${lineId}`;
  return (
    <div className="space-y-1">
      {/*
        noValidate: a quantity against the ordering rules gets the shop's message with the nearest valid
        quantity in the UI language (the server checks it), not the browser's English bubble; min and
        step only set the arrows. 0 still removes the line.
      */}
      <form action={formAction} noValidate className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="lineId" value={lineId} />
        <input
          name="quantity"
          type="number"
          inputMode="numeric"
          min={smallestValidQuantity(rules)}
          step={orderMultiple}
          defaultValue={suggested ?? quantity}
          key={`${quantity}-${suggested ?? ""}`}
          aria-label={`${t("quantity")} ${productName}`}
          aria-describedby={hint ? hintId : undefined}
          className="w-20 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        {/* First submit button: Enter in the quantity field updates. */}
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
          {t("update")}
        </button>
        <button type="submit" name="remove" value="1" disabled={pending} aria-label={`${t("remove")} ${productName}`} className="text-xs text-red-700 underline">
          {t("remove")}
        </button>
      </form>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600" data-testid="cart-line-rule">
          {t("quantityHelp", hint)}
        </p>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {/* lineErrors: a line's quantity is set, not added to ("Voeg er minstens 12 toe" would be wrong). */}
          {t.has(`lineErrors.${state.message}`)
            ? t(`lineErrors.${state.message}`, state.details ?? {})
            : t.has(`errors.${state.message}`)
              ? t(`errors.${state.message}`, state.details ?? {})
              : t("errors.invalid_input")}
        </p>
      )}
    </div>
  );
}
