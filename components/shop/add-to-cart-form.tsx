"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { pendingSubmit } from "@/components/pending-submit";
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
  describedBy,
}: {
  sku: string;
  minOrderQuantity: number;
  orderMultiple: number;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  compact?: boolean;
  /** The id of the product's name where several forms share a page (a listing's cards): it describes the field and the button. */
  describedBy?: string;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  // A quantity the rules refuse comes back with the nearest valid one: the field offers it (React
  // resets the form after the action, and the typed quantity is the one that was refused).
  const suggested = state.status === "error" && typeof state.details?.suggested === "number" ? state.details.suggested : null;
  const smallest = smallestValidQuantity({ minOrderQuantity, orderMultiple });
  const hint = quantityRuleHint({ minOrderQuantity, orderMultiple });
  const error = state.status === "error";
  // Ids of this form's own, not the product's: a product may show twice on a page (the search page's
  // own-article-number match above all results), and a repeated id ties a label to the wrong field.
  const id = useId();
  const fieldId = `${id}-qty`;
  const helpId = `${id}-qty-help`;
  const errorId = `${id}-qty-error`;
  // A refused quantity puts the keyboard on the field, which holds the nearest valid quantity (a new
  // field, see its key: the old one took the focus with it) and says what was wrong; unless the
  // buyer has moved on to something outside this form meanwhile.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error") return;
    const active = document.activeElement;
    if (!active || active === document.body || formRef.current?.contains(active)) formRef.current?.querySelector<HTMLInputElement>("input[name=quantity]")?.focus();
  }, [state]);
  return (
    // noValidate: a quantity against the ordering rules gets our message with the nearest valid
    // quantity (in the shop's language), not the browser's bubble; min/step only set the arrows.
    <form ref={formRef} action={formAction} noValidate className="space-y-1">
      <input type="hidden" name="sku" value={sku} />
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={fieldId}>
          {t("quantity")}
        </label>
        <input
          key={suggested ?? "default"}
          id={fieldId}
          name="quantity"
          type="number"
          inputMode="numeric"
          // The arrows step from min in steps of step: min 1 with step 2 would offer 1, 3, 5 (KP-003476),
          // min 6 with a minimum of 12 would offer 6 (KP-001238).
          min={smallest}
          step={orderMultiple}
          defaultValue={suggested ?? smallest}
          className={`${compact ? "w-20" : "w-24"} rounded-md border border-slate-300 px-2 py-1.5 text-sm`}
          // A refused quantity is the field's error: a screen reader says so on the field, not only once.
          aria-invalid={error || undefined}
          aria-describedby={[error && errorId, describedBy, hint && helpId].filter(Boolean).join(" ") || undefined}
        />
        {/* Keeps the keyboard focus while the cart is updated (pendingSubmit), so Enter adds again. */}
        <button
          type="submit"
          {...pendingSubmit(pending)}
          aria-describedby={describedBy}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("addToCart")}
        </button>
      </div>
      {hint && (
        <p id={helpId} className={compact ? "sr-only" : "text-xs text-slate-600"}>
          {t("quantityHelp", hint)}
        </p>
      )}
      {/*
        Keyed on the answer: a second add of the same product puts the same words in a new node, which the
        live region announces again (unchanged text in the same node is not announced).
      */}
      <p aria-live="polite" className="min-h-4 text-xs">
        {state.status === "ok" && (
          <span key={answerKey(state)} className="text-emerald-700">
            {t("added")}
          </span>
        )}
        {state.status === "error" && (
          <span key={answerKey(state)} id={errorId} role="alert" className="text-red-700">
            {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`, state.details ?? {}) : t("errors.invalid_input")}
          </span>
        )}
      </p>
    </form>
  );
}

/** Tells one answer from the next: each answer of an action is a new object, given its own number. */
const answerNumbers = new WeakMap<object, number>();
let lastAnswer = 0;
function answerKey(state: ActionState): number {
  let key = answerNumbers.get(state);
  if (key === undefined) answerNumbers.set(state, (key = ++lastAnswer));
  return key;
}
