"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { answerQuoteSchema, rejectQuoteRequest, rejectQuoteSchema, sendQuote } from "@/lib/admin/quotes";

// Both change the open-request count in the admin navigation, so the whole /admin layout is refreshed.

export const sendQuoteAction = staffAction(answerQuoteSchema, async (input, staff) => {
  await sendQuote(staff, input, new Date());
  revalidatePath("/admin", "layout");
});

export const rejectQuoteAction = staffAction(rejectQuoteSchema, async (input, staff) => {
  await rejectQuoteRequest(staff, input, new Date());
  revalidatePath("/admin", "layout");
});
