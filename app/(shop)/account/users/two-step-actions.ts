"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { resetColleagueTwoStep, setCompanyTwoStepRequirement } from "@/lib/account/two-step";
import { buyerAction } from "@/lib/actions/safe-action";
import { requirementMessage, twoStepRequirementSchema } from "@/lib/two-step/company-requirement";

/** The company admin turns two-step verification off for a colleague who lost their phone and recovery codes. */
export const resetColleagueTwoStepAction = buyerAction(z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) }), async ({ userId }, admin) => {
  await resetColleagueTwoStep(admin, userId, new Date());
  revalidatePath("/account/users");
  return { status: "ok", message: "reset_done" };
});

/** The company admin requires two-step verification of all the company's users (or stops requiring it). */
export const setTwoStepRequirementAction = buyerAction(twoStepRequirementSchema, async ({ required }, admin) => {
  const outcome = await setCompanyTwoStepRequirement(admin, required, new Date());
  revalidatePath("/account/users");
  return requirementMessage(required, outcome);
});
