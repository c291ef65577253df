"use server";

import { revalidatePath } from "next/cache";
import { buyerAction } from "@/lib/actions/safe-action";
import { setStockAlert, stockAlertSchema } from "@/lib/catalog/stock-alerts";

/** "Mail me when it is back in stock" and its withdrawal; the product page shows the new state. */
export const stockAlertAction = buyerAction(stockAlertSchema, async (input, user) => {
  const message = await setStockAlert(user, input, new Date());
  revalidatePath(`/products/${encodeURIComponent(input.sku)}`);
  return { status: "ok", message };
});
