"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { buyerAction } from "@/lib/actions/safe-action";
import { checkoutSchema, placeOrder } from "@/lib/checkout/place-order";
import { toLocale } from "@/lib/i18n/locales";

export const placeOrderAction = buyerAction(checkoutSchema, async (input, user) => {
  const order = await placeOrder(user, input, toLocale(await getLocale()), new Date());
  redirect(`/account/orders/${encodeURIComponent(order.orderNumber)}?placed=1`);
});
