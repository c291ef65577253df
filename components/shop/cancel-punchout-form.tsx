"use client";

import { useTranslations } from "next-intl";
import { NO_CART, type CartBadgeReading } from "@/lib/cart/cart-badge";
import { useNewestCartReading } from "./cart-badge";

/**
 * "Cancel punchout": ends the session and sends the procurement system an empty cart, so the lines
 * in it are lost. With lines in the cart it asks first and says how many; an empty cart goes at once.
 * It counts from the newest reading the browser has (the header badge's): on a page that was not
 * rendered again after an "Add to cart", `cart` is older than the cart. Without `cart` (the cart
 * page, whose CartPageSync keeps that reading in step with the lines it shows) the newest reading
 * alone. A plain HTML form, like Transfer: without JavaScript it cancels without asking.
 */
export function CancelPunchoutForm({ cart = NO_CART, label, className }: { cart?: CartBadgeReading; label: string; className: string }) {
  const t = useTranslations("cart");
  const { lines } = useNewestCartReading(cart);
  return (
    <form
      method="post"
      action="/punchout/transfer"
      onSubmit={(event) => {
        if (lines > 0 && !window.confirm(t("cancelPunchoutConfirm", { count: lines }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="mode" value="cancel" />
      <button type="submit" className={className}>
        {label}
      </button>
    </form>
  );
}
