"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useCartAnnounce } from "./cart-announcer";
import { pendingSubmit } from "@/components/pending-submit";
import { cartLineErrorText } from "./cart-line-error";
import type { ActionState } from "@/lib/actions/safe-action";
import { quantityRuleHint, smallestValidQuantity, validQuantitiesAround } from "@/lib/cart/quantity-rules";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Quantity editor and remove button for one cart line, one form, with the product's ordering rule
 * ("Per 2") under it; rule violations are shown, never corrected silently: the field goes back to
 * what the cart holds, and the message offers the valid quantities either side as buttons.
 *
 * A line holding a quote's price (`quote`) has a read-only field: the price holds for the quoted
 * quantity only, and the server refuses any other (cart-service updateCartLineQuantity). When it was
 * changed elsewhere (another add of the product) the line warns and offers the way back in one click.
 */
export function CartLineControls({
  lineId,
  quantity,
  minOrderQuantity,
  orderMultiple,
  productName,
  quote,
  action,
}: {
  lineId: number;
  quantity: number;
  minOrderQuantity: number;
  orderMultiple: number;
  productName: string;
  /** Set while a quote holds the line to `lockedQuantity` (lib/cart/priced-cart.ts CartLineQuote); `unit` names its unit for that quantity. */
  quote?: { number: string; lockedQuantity: number; unit: string } | null;
  action: Action;
}) {
  const t = useTranslations("cart");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const rules = { minOrderQuantity, orderMultiple };
  const hint = quantityRuleHint(rules);
  // A refused quantity is offered as "Zet op 30" / "Zet op 40" rather than put in the field: the field
  // shows what the cart holds (React resets the form to its defaultValue after every action), so it
  // never shows a quantity that the line total does not reflect.
  const requested = state.status === "error" && state.code === "quantity_rule" && typeof state.details?.requested === "number" ? state.details.requested : null;
  const offers = requested !== null ? validQuantitiesAround(requested, rules) : [];
  const hintId = `cart-line-rule-${lineId}`;
  const quoteHintId = `cart-line-quote-${lineId}`;
  const formId = `cart-line-form-${lineId}`;
  const locked = !!quote;
  const offQuote = !!quote && quantity !== quote.lockedQuantity;
  const areaRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const updateRef = useRef<HTMLButtonElement>(null);
  const wasPending = useRef(false);
  const neighbours = useRef<HTMLInputElement[]>([]);
  // After Update, Enter or an offer, the keyboard goes back to the quantity, which now holds what the
  // cart holds: the pressed button kept it while the action ran (pendingSubmit), but an offer is gone
  // after it. Focus that the buyer moved elsewhere meanwhile stays there.
  useEffect(() => {
    if (pending) {
      wasPending.current = true;
      // Where the keyboard goes should this line be removed (below): its neighbours, while it still stands among them.
      const fields = Array.from(document.querySelectorAll<HTMLInputElement>("main [data-cart-quantity]"));
      const at = inputRef.current ? fields.indexOf(inputRef.current) : -1;
      neighbours.current = at < 0 ? [] : [fields[at + 1], fields[at - 1]].filter((field) => field !== undefined);
      return;
    }
    if (!wasPending.current) return;
    wasPending.current = false;
    typed.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || areaRef.current?.contains(active)) inputRef.current?.focus();
  }, [pending]);
  // What the change did is said in the page's live region (CartAnnouncer): the focus moving tells a
  // screen reader where it is, not that the line went or what its quantity is now. A new quantity as
  // the server set it (the quoted one for "Back to 40"); a removal once the line is gone (below).
  const announce = useCartAnnounce();
  const removedText = useRef("");
  const removedAnswer = useRef(false);
  const saidFor = useRef<ActionState | null>(null);
  useEffect(() => {
    removedText.current = t("lineRemoved", { product: productName });
  }, [t, productName]);
  useEffect(() => {
    // Once per answer (not again when the language switch renders the line anew).
    if (state.status !== "ok" || saidFor.current === state) return;
    saidFor.current = state;
    if (state.data?.removed) removedAnswer.current = true;
    else if (typeof state.data?.quantity === "number") announce(t("quantityChanged", { quantity: state.data.quantity }));
  }, [state, announce, t]);
  // A removed line (Remove, or quantity 0) takes its form and so the focus with it, to <body>: the
  // keyboard goes on at the next line's quantity (the previous one's for the last line), or at the
  // page's heading once the cart is empty, so a screen reader hears where it is.
  useEffect(() => {
    const area = areaRef.current;
    return () => {
      // Not when the whole page went (a link followed): only a line gone from the cart page.
      if (area?.isConnected || window.location.pathname !== "/cart") return;
      // Gone while its own change ran (or after the answer said so): the buyer removed it.
      if (wasPending.current || removedAnswer.current) announce(removedText.current);
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const next = neighbours.current.find((field) => field.isConnected);
      if (next) return next.focus();
      const heading = document.querySelector<HTMLElement>("main h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
  }, [announce]);
  // Not keyed (see the input), so the field follows a new quantity from the server itself: another tab's
  // add, or a cart page restored by back/forward whose field the browser refilled with the old value.
  // Not over what the buyer typed since the last answer (the browser's refill fires no input event).
  const typed = useRef(false);
  useEffect(() => {
    const input = inputRef.current;
    if (input && !typed.current) input.value = String(quantity);
  }, [quantity]);
  const setTo = (value: number) => {
    const input = inputRef.current;
    const update = updateRef.current;
    // While the change before it runs, a press on an offer is cancelled like one on a button (pendingSubmit).
    if (!input || !update?.form || pending) return;
    input.value = String(value);
    // On a quote line Update is there but disabled (see below): submitted without it, which is the same update.
    if (update.disabled) update.form.requestSubmit();
    else update.form.requestSubmit(update);
  };
  return (
    <div ref={areaRef} className="space-y-1">
      {/*
        noValidate: a quantity against the ordering rules gets the shop's message with the nearest valid
        quantity in the UI language (the server checks it), not the browser's English bubble; min and
        step only set the arrows. 0 still removes the line.
      */}
      <form id={formId} action={formAction} noValidate className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="lineId" value={lineId} />
        <input
          name="quantity"
          type="number"
          inputMode="numeric"
          min={smallestValidQuantity(rules)}
          step={orderMultiple}
          // Not keyed: a field re-created on each answer would lose the keyboard focus.
          defaultValue={quantity}
          ref={inputRef}
          onInput={() => {
            typed.current = true;
          }}
          readOnly={locked}
          aria-label={`${t("quantity")} ${productName}`}
          aria-describedby={[hint && hintId, locked && quoteHintId].filter(Boolean).join(" ") || undefined}
          className={`w-20 rounded-md border border-slate-300 px-2 py-1 text-sm ${locked ? "bg-slate-100 text-slate-700" : ""}`}
          data-locked={locked || undefined}
          data-cart-quantity=""
        />
        {/*
          First submit button: Enter in the quantity field updates. On a quote line it stays the first
          but hidden and disabled, so Enter in the read-only field does nothing (a disabled default button
          blocks implicit submission) instead of pressing Remove. While the change runs the pressed button
          keeps the keyboard (pendingSubmit): aria-disabled, and a second press or Enter is cancelled.
        */}
        <button
          ref={updateRef}
          type="submit"
          disabled={locked}
          {...pendingSubmit(pending)}
          hidden={locked}
          className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
        >
          {t("update")}
        </button>
        <button type="submit" name="remove" value="1" {...pendingSubmit(pending)} aria-label={`${t("remove")} ${productName}`} className="text-xs text-red-700 underline">
          {t("remove")}
        </button>
      </form>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600" data-testid="cart-line-rule">
          {t("quantityHelp", hint)}
        </p>
      )}
      {quote && !offQuote && (
        <p id={quoteHintId} className="text-xs text-slate-600" data-testid="cart-line-quote-locked">
          {t("quote.lockedHint", { number: quote.number })}
        </p>
      )}
      {quote && offQuote && (
        <div id={quoteHintId} role="alert" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="cart-line-quote-warning">
          <p>{t("quote.quantityChangedWarning", { number: quote.number, quantity: quote.lockedQuantity, unit: quote.unit })}</p>
          {/*
            Submits the line's form with restore=quoted, not the quantity: the server takes the quoted
            quantity from the quote as it holds now and refuses once it lapsed since this page was shown
            (the quoted quantity at the normal price is not what the buyer asked for).
          */}
          <button
            type="submit"
            form={formId}
            name="restore"
            value="quoted"
            {...pendingSubmit(pending)}
            className="rounded-md border border-amber-400 bg-white px-2 py-0.5 font-medium text-amber-900 hover:bg-amber-100"
          >
            {t("quote.backToQuoted", { quantity: quote.lockedQuantity })}
          </button>
        </div>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {cartLineErrorText(t, state)}
        </p>
      )}
      {offers.length > 0 && (
        <div className="flex flex-wrap gap-2" data-testid="cart-line-offers">
          {offers.map((value) => (
            <button
              key={value}
              type="button"
              aria-disabled={pending || undefined}
              onClick={() => setTo(value)}
              className="rounded-md border border-red-300 bg-white px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-50"
            >
              {t("setTo", { quantity: value })}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
