"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { completeReturnForStaff, completeReturnSchema, decideReturnRequest, decideReturnSchema, type CompleteReturnInput } from "@/lib/admin/returns";

// A decision changes the count in the admin navigation, so the whole /admin layout is refreshed.

export const decideReturnAction = staffAction(decideReturnSchema, async (input, staff) => {
  await decideReturnRequest(staff, input, new Date());
  revalidatePath("/admin", "layout");
});

export const completeReturnAction = staffAction(completeReturnSchema, async (input, staff) => {
  // The page shows the credit notes the completion issued.
  await completeReturnForStaff(staff, input as CompleteReturnInput, new Date());
  revalidatePath("/admin", "layout");
});
