"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { resetCustomerUserTwoStep, setCustomerTwoStepRequirement } from "@/lib/admin/two-step";
import { requirementMessage, twoStepRequirementSchema } from "@/lib/two-step/company-requirement";

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** A customer's user lost their phone and recovery codes: their account manager (or an admin) turns two-step verification off. */
export const resetTwoStepAction = staffAction(z.object({ companyId: id, userId: id }), async ({ companyId, userId }, staff) => {
  await resetCustomerUserTwoStep(staff, companyId, userId, new Date());
  revalidatePath(`/admin/customers/${companyId}/users`);
  return { status: "ok", message: "reset_done" };
});

/** The customer's account manager (or an admin) requires two-step verification of all the customer's users, or stops requiring it. */
export const setCustomerTwoStepRequirementAction = staffAction(twoStepRequirementSchema.extend({ companyId: id }), async ({ companyId, required }, staff) => {
  const outcome = await setCustomerTwoStepRequirement(staff, companyId, required, new Date());
  revalidatePath(`/admin/customers/${companyId}/users`);
  return requirementMessage(required, outcome);
});
