"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { useAnnounceCartReading } from "./cart-badge";
import { quantityRuleHint, smallestValidQuantity } from "@/lib/cart/quantity-rules";

/**
 * Quantity + "Add to cart"; quantity-rule violations come back with the nearest valid quantity. The
 * field starts at the smallest valid quantity; the rule ("Per 2") is shown under it, except on a
 * product card (compact), which names it above its price already.
 */
export function AddToCartForm({
  sku,
  minOrderQuantity,
  orderMultiple,
  action,
  compact = false,
}: {
  sku: string;
  minOrderQuantity: number;
  orderMultiple: number;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  compact?: boolean;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  // A quantity the rules refuse comes back with the nearest valid one: the field offers it (React
  // resets the form after the action, and the typed quantity is the one that was refused).
  const suggested = state.status === "error" && typeof state.details?.suggested === "number" ? state.details.suggested : null;
  const smallest = smallestValidQuantity({ minOrderQuantity, orderMultiple });
  const hint = quantityRuleHint({ minOrderQuantity, orderMultiple });
  return (
    // noValidate: a quantity against the ordering rules gets our message with the nearest valid
    // quantity (in the shop's language), not the browser's bubble; min/step only set the arrows.
    <form action={formAction} noValidate className="space-y-1">
      <input type="hidden" name="sku" value={sku} />
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`qty-${sku}`}>
          {t("quantity")}
        </label>
        <input
          key={suggested ?? "default"}
          id={`qty-${sku}`}
          name="quantity"
          type="number"
          inputMode="numeric"
          // The arrows step from min in steps of step: min 1 with step 2 would offer 1, 3, 5 (KP-003476),
          // min 6 with a minimum of 12 would offer 6 (KP-001238).
          min={smallest}
          step={orderMultiple}
          defaultValue={suggested ?? smallest}
          className={`${compact ? "w-20" : "w-24"} rounded-md border border-slate-300 px-2 py-1.5 text-sm`}
          aria-describedby={hint ? `qty-help-${sku}` : undefined}
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {t("addToCart")}
        </button>
      </div>
      {hint && (
        <p id={`qty-help-${sku}`} className={compact ? "sr-only" : "text-xs text-slate-600"}>
          {t("quantityHelp", hint)}
        </p>
      )}
      <p aria-live="polite" className="min-h-4 text-xs">
        {state.status === "ok" && <span className="text-emerald-700">{t("added")}</span>}
        {state.status === "error" && (
          <span role="alert" className="text-red-700">
            {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`, state.details ?? {}) : t("errors.invalid_input")}
          </span>
        )}
      </p>
    </form>
  );
}
