"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { resetColleagueTwoStep } from "@/lib/account/two-step";
import { buyerAction } from "@/lib/actions/safe-action";

/** The company admin turns two-step verification off for a colleague who lost their phone and recovery codes. */
export const resetColleagueTwoStepAction = buyerAction(z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) }), async ({ userId }, admin) => {
  await resetColleagueTwoStep(admin, userId, new Date());
  revalidatePath("/account/users");
  return { status: "ok", message: "reset_done" };
});
