"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { buyerAction } from "@/lib/actions/safe-action";
import { addToCart, readCartBadge, removeFromCart, updateCartLineQuantity } from "@/lib/cart/cart-service";

const quantity = z.coerce.number().int().min(1).max(100_000);

/**
 * Answers with the badge's new reading rather than revalidating: revalidation would render the
 * page it came from (a listing, a product page) again for one number in the header.
 */
export const addToCartAction = buyerAction(
  z.object({ sku: z.string().trim().min(1).max(64), quantity }),
  async ({ sku, quantity }, user) => {
    const { lineQuantity } = await addToCart(user, sku, quantity);
    return { status: "ok", data: { lineQuantity }, cart: await readCartBadge(user) };
  },
);

export const updateCartLineAction = buyerAction(
  z.object({ lineId: z.coerce.number().int().positive(), quantity: z.coerce.number().int().min(0).max(100_000) }),
  async ({ lineId, quantity }, user) => {
    await updateCartLineQuantity(user, lineId, quantity);
    revalidatePath("/", "layout");
  },
);

export const removeCartLineAction = buyerAction(
  z.object({ lineId: z.coerce.number().int().positive() }),
  async ({ lineId }, user) => {
    await removeFromCart(user, lineId);
    revalidatePath("/", "layout");
  },
);
