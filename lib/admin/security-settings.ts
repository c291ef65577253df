import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { isStaffTwoStepRequired, setStaffTwoStepRequired } from "@/lib/data/security-settings";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";
import { checkbox } from "./schemas";

export const securitySettingsSchema = z.object({ staffTwoStepRequired: checkbox });

export async function readSecuritySettings(_staff: StaffUser): Promise<{ staffTwoStepRequired: boolean }> {
  return { staffTwoStepRequired: await isStaffTwoStepRequired() };
}

/**
 * Admins require two-step verification of every staff member (or stop requiring it). An admin
 * without it cannot require it: they would lock themselves out of everything but their profile.
 * Staff without it are sent to their profile to set it up (lib/auth/guards.ts); API keys go on.
 */
export async function saveSecuritySettings(staff: StaffUser, input: z.infer<typeof securitySettingsSchema>, now: Date): Promise<void> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  if (input.staffTwoStepRequired && !staff.twoStepSince) throw new AppError("conflict", "two_step_yours_first", { field: "staffTwoStepRequired" });
  await setStaffTwoStepRequired(input.staffTwoStepRequired, staff.id, now);
}
