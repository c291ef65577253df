"use client";

import { NO_CART, type CartBadgeReading } from "@/lib/cart/cart-badge";
import { useNewestCartReading } from "./cart-badge";

/**
 * "Transfer cart": sends the cart to the procurement system and ends the session. An EMPTY cart
 * ends it with nothing (in a cXML edit session the procurement system may take that as "remove the
 * items"), so then it asks first (`emptyConfirm`). It counts from the newest reading the browser has,
 * like CancelPunchoutForm: the banner's `cart` may be older than an "Add to cart" on this page.
 * A plain HTML form: without JavaScript it transfers without asking.
 */
export function TransferPunchoutForm({
  cart = NO_CART,
  label,
  emptyConfirm,
  className,
}: {
  cart?: CartBadgeReading;
  label: string;
  emptyConfirm: string;
  className: string;
}) {
  const { lines } = useNewestCartReading(cart);
  return (
    <form
      method="post"
      action="/punchout/transfer"
      onSubmit={(event) => {
        if (lines === 0 && !window.confirm(emptyConfirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="mode" value="transfer" />
      <button type="submit" className={className}>
        {label}
      </button>
    </form>
  );
}
