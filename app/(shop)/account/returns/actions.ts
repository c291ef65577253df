"use server";

import { redirect } from "next/navigation";
import { buyerAction } from "@/lib/actions/safe-action";
import { cancelReturnSchema, requestReturn, returnRequestSchema, withdrawReturn, type ReturnRequestInput } from "@/lib/returns/buyer-returns";

/** Reports the return and shows it: its number goes on the parcel once approved. */
export const requestReturnAction = buyerAction(returnRequestSchema, async (input, user) => {
  const { returnNumber } = await requestReturn(user, input as ReturnRequestInput, new Date());
  redirect(`/account/returns/${encodeURIComponent(returnNumber)}?requested=1`);
});

/** The withdraw form disappears with the request: the return's page itself shows the new status. */
export const withdrawReturnAction = buyerAction(cancelReturnSchema, async (input, user) => {
  await withdrawReturn(user, input.returnNumber, new Date());
  redirect(`/account/returns/${encodeURIComponent(input.returnNumber)}`);
});
