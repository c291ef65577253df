"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { buyerAction } from "@/lib/actions/safe-action";
import { removeFromCart, restoreQuotedQuantity } from "@/lib/cart/cart-service";
import { checkoutSchema, placeOrder } from "@/lib/checkout/place-order";
import { toLocale } from "@/lib/i18n/locales";

export const placeOrderAction = buyerAction(checkoutSchema, async (input, user) => {
  const order = await placeOrder(user, input, toLocale(await getLocale()), new Date());
  redirect(`/account/orders/${encodeURIComponent(order.orderNumber)}?placed=1`);
});

/**
 * A quote line's warning in the checkout summary, settled there with the cart's own rules: "restore"
 * sets a line whose quantity changed back to the quoted quantity (refused once the quote no longer
 * holds it), "remove" takes a line whose quote lapsed out of the cart.
 */
export const fixQuoteLineAction = buyerAction(
  z.object({ lineId: z.coerce.number().int().positive(), fix: z.enum(["restore", "remove"]) }),
  async ({ lineId, fix }, user) => {
    try {
      if (fix === "restore") await restoreQuotedQuantity(user, lineId, new Date());
      else await removeFromCart(user, lineId);
    } finally {
      // Refused too: a restore refused because the quote lapsed meanwhile shows the line as it now is.
      revalidatePath("/", "layout");
    }
  },
);
