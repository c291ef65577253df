"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { deactivateIdleStaff, idleDeactivationSchema, idleDeactivationState } from "@/lib/admin/idle-deactivation";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { id } from "@/lib/admin/schemas";
import {
  handOverCustomers,
  handOverSchema,
  inviteStaffMember,
  resendStaffInvitation,
  resetStaffTwoStep,
  sendStaffPasswordReset,
  setStaffActive,
  staffActiveSchema,
  staffDetailsSchema,
  updateStaffDetails,
} from "@/lib/admin/staff";

/** Staff management (admins only: every function in lib/admin/staff.ts refuses anybody else). */

const refresh = (staffId?: number) => {
  revalidatePath("/admin/staff");
  if (staffId !== undefined) revalidatePath(`/admin/staff/${staffId}`);
};

export const inviteStaffAction = staffAction(staffDetailsSchema, async (input, staff) => {
  const created = await inviteStaffMember(staff, input, { baseUrl: await publicBaseUrl(), now: new Date() });
  refresh();
  redirect(`/admin/staff/${created.id}?invited=1`);
});

export const updateStaffAction = staffAction(staffDetailsSchema.extend({ staffId: id }), async ({ staffId, ...input }, staff) => {
  await updateStaffDetails(staff, staffId, input, new Date());
  refresh(staffId);
});

export const setStaffActiveAction = staffAction(staffActiveSchema, async ({ staffId, active, handOverTo }, staff) => {
  await setStaffActive(staff, staffId, active, handOverTo, new Date());
  refresh(staffId);
});

/** Access review: deactivates the idle staff the list showed that are still idle now (no hand-over); answers how many and who was skipped why. */
export const deactivateIdleStaffAction = staffAction(idleDeactivationSchema, async (input, staff) => {
  const plan = await deactivateIdleStaff(staff, input, new Date());
  revalidatePath("/admin/staff", "layout");
  return idleDeactivationState(plan);
});

export const handOverCustomersAction = staffAction(handOverSchema, async (input, staff) => {
  await handOverCustomers(staff, input, new Date());
  refresh(input.staffId);
});

export const resendStaffInvitationAction = staffAction(z.object({ staffId: id }), async ({ staffId }, staff) => {
  await resendStaffInvitation(staff, staffId, { baseUrl: await publicBaseUrl(), now: new Date() });
  refresh(staffId);
});

export const sendStaffPasswordResetAction = staffAction(z.object({ staffId: id }), async ({ staffId }, staff) => {
  await sendStaffPasswordReset(staff, staffId, { baseUrl: await publicBaseUrl(), now: new Date() });
});

export const resetStaffTwoStepAction = staffAction(z.object({ staffId: id }), async ({ staffId }, staff) => {
  await resetStaffTwoStep(staff, staffId, new Date());
  refresh(staffId);
});
