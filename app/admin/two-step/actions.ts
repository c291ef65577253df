"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { resetCustomerUserTwoStep } from "@/lib/admin/two-step";

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** A customer's user lost their phone and recovery codes: their account manager (or an admin) turns two-step verification off. */
export const resetTwoStepAction = staffAction(z.object({ companyId: id, userId: id }), async ({ companyId, userId }, staff) => {
  await resetCustomerUserTwoStep(staff, companyId, userId, new Date());
  revalidatePath(`/admin/customers/${companyId}/users`);
  return { status: "ok", message: "reset_done" };
});
