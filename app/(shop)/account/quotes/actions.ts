"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { buyerAction } from "@/lib/actions/safe-action";
import { acceptQuote, declineQuote, declineQuoteSchema } from "@/lib/quotes/buyer-quotes";

const quoteNumber = z.string().trim().min(1).max(40);

/**
 * Takes the quote into the cart the user shops into (shop or punchout cart) and shows that cart:
 * the quoted lines are there at the quoted price, and the cart says how many lines they replaced.
 */
export const acceptQuoteAction = buyerAction(z.object({ quoteNumber }), async (input, user) => {
  const { replaced } = await acceptQuote(user, input.quoteNumber, new Date());
  const query = new URLSearchParams({ quote: input.quoteNumber });
  if (replaced.length > 0) query.set("replaced", String(replaced.length));
  redirect(`/cart?${query}`);
});

/** The decline form disappears with the decision: the quote's page itself shows the new status. */
export const declineQuoteAction = buyerAction(declineQuoteSchema, async (input, user) => {
  await declineQuote(user, input, new Date());
  redirect(`/account/quotes/${encodeURIComponent(input.quoteNumber)}`);
});
