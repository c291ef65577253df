"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { pendingSubmit } from "@/components/pending-submit";
import { cartLineErrorText } from "./cart-line-error";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The warning under a quote line in the checkout summary, with its fix in place: a line whose
 * quantity changed goes back to the quoted quantity (and price) in one click, a line whose quote
 * lapsed can be removed; keeping it as it is needs nothing. Rendered at the same place (keyed by the
 * line) in both cases, so a restore refused because the quote lapsed meanwhile keeps its message
 * while the page shows the lapsed line.
 */
export function CheckoutQuoteFix({
  lineId,
  warning,
  restoreTo,
  action,
}: {
  lineId: number;
  /** What is wrong, as the server words it (quote number, quoted quantity in its unit). */
  warning: string;
  /** The quoted quantity while the quote still prices the line at it; null: the quote lapsed. */
  restoreTo: number | null;
  action: Action;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const warningId = useId();
  const button = "rounded-md border border-amber-400 bg-white px-2 py-0.5 font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60";
  return (
    <div role="alert" className="mt-1 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="checkout-quote-warning">
      <p id={warningId}>{warning}</p>
      <form action={formAction}>
        <input type="hidden" name="lineId" value={lineId} />
        {restoreTo !== null ? (
          <button type="submit" name="fix" value="restore" {...pendingSubmit(pending)} aria-describedby={warningId} className={button}>
            {t("quote.backToQuoted", { quantity: restoreTo })}
          </button>
        ) : (
          <button type="submit" name="fix" value="remove" {...pendingSubmit(pending)} aria-describedby={warningId} className={button}>
            {t("quote.removeLine")}
          </button>
        )}
      </form>
      {state.status === "error" && (
        <p role="alert" className="text-red-700" data-testid="checkout-quote-error">
          {cartLineErrorText(t, state)}
        </p>
      )}
    </div>
  );
}
