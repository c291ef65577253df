"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { buyerAction, type ActionState } from "@/lib/actions/safe-action";
import { addToCart, readCartBadge, removeFromCart, restoreQuotedQuantity, updateCartLineQuantity } from "@/lib/cart/cart-service";
import { toLocale } from "@/lib/i18n/locales";
import { productQuoteSchema, quoteRequestSchema, requestProductQuote, requestQuote } from "@/lib/quotes/buyer-quotes";

const quantity = z.coerce.number().int().min(1).max(100_000);

/**
 * Answers with the badge's new reading rather than revalidating: revalidation would render the
 * page it came from (a listing, a product page) again for one number in the header.
 */
export const addToCartAction = buyerAction(
  z.object({ sku: z.string().trim().min(1).max(64), quantity }),
  async ({ sku, quantity }, user) => {
    await addToCart(user, sku, quantity);
    return { status: "ok", cart: await readCartBadge(user) };
  },
);

const lineId = z.coerce.number().int().positive();

/**
 * A cart line's one form: "Update" sets the quantity (0 removes the line), "Remove" (its submit
 * button sends remove=1) removes it whatever the quantity field holds. One form per line rather than
 * two halves what a 500-line cart page renders for them.
 *
 * "Back to 50 (quoted price)" under a quote line another add changed sends restore=quoted, not a
 * quantity: restoreQuotedQuantity (as the checkout's fix) takes the quoted quantity from the quote as
 * it holds now and refuses once it lapsed after the page was shown; a quantity sent as such would put
 * the quoted quantity in the cart at the normal price.
 */
export const changeCartLineAction = buyerAction(
  z.union([
    z.object({ lineId, remove: z.literal("1") }),
    z.object({ lineId, restore: z.literal("quoted") }),
    z.object({ lineId, quantity: z.coerce.number().int().min(0).max(100_000) }),
  ]),
  // Answers with what was done (data.removed, or data.quantity as set): the cart page says it in its
  // live region (components/shop/cart-line-controls.tsx), the quoted quantity for a restore included.
  async (input, user): Promise<ActionState> => {
    if ("restore" in input) {
      try {
        const quantity = await restoreQuotedQuantity(user, input.lineId, new Date());
        return { status: "ok", data: { quantity } };
      } finally {
        // Refused too: the line then shows its lapsed quote (normal price, quantity free again).
        revalidatePath("/", "layout");
      }
    }
    const removed = "remove" in input || input.quantity === 0;
    if ("remove" in input) await removeFromCart(user, input.lineId);
    else await updateCartLineQuantity(user, input.lineId, input.quantity);
    revalidatePath("/", "layout"); // the cart page shows totals: rendered again
    return removed ? { status: "ok", data: { removed: 1 } } : { status: "ok", data: { quantity: input.quantity } };
  },
);

/**
 * "Request a quote" under the cart: the cart's lines move into the request (the cart is empty
 * afterwards), and the quote's page confirms it – the form has nothing left to show.
 */
export const requestQuoteAction = buyerAction(quoteRequestSchema, async (input, user) => {
  const { quoteNumber } = await requestQuote(user, input, toLocale(await getLocale()), new Date());
  redirect(`/account/quotes/${encodeURIComponent(quoteNumber)}?requested=1`);
});

/** "Request a quote" on a product page: one product in the quantity asked for; the cart is left alone. */
export const requestProductQuoteAction = buyerAction(productQuoteSchema, async (input, user) => {
  const { quoteNumber } = await requestProductQuote(user, input, new Date());
  redirect(`/account/quotes/${encodeURIComponent(quoteNumber)}?requested=1`);
});
