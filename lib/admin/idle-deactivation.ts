import "server-only";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/safe-action";
import type { StaffUser } from "@/lib/auth/guards";
import { deactivateIdleCustomerUsers as deactivateIdleCustomerUsersIn } from "@/lib/data/customers";
import { deactivateIdleStaffMembers } from "@/lib/data/staff";
import { AppError } from "@/lib/errors";
import { getCustomerOrThrow, isAdmin } from "./access";
import { IDLE_DAY_CHOICES, IDLE_SKIP_REASONS, type IdleDays, type IdleDeactivationPlan } from "./idle-accounts";
import { id } from "./schemas";

/**
 * Access review, "deactivate all N idle accounts shown" on the staff list and a customer's users:
 * the page sends the idle threshold and the ids it showed; lib/data decides again, under row locks,
 * which of them are still idle and on that list, and deactivates exactly those in one transaction,
 * each as a single deactivation would (same checks of who may, same security event).
 */

export const idleDeactivationSchema = z.object({
  days: z.coerce.number().refine((value): value is IdleDays => (IDLE_DAY_CHOICES as readonly number[]).includes(value)),
  /** The ids the list showed (hidden fields, one per account). */
  userIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(id).min(1).max(10_000)),
  /** "I have checked this list". */
  checked: z.literal("on", { error: "idle_bulk_unchecked" }),
});
export type IdleDeactivationInput = z.infer<typeof idleDeactivationSchema>;

const actorOf = (staff: StaffUser) => ({ userId: staff.id, name: staff.name, role: staff.role });

/** A customer's users: the customer's account managers and admins, as for a single user's deactivation. */
export async function deactivateIdleCustomerUsers(staff: StaffUser, companyId: number, input: IdleDeactivationInput, now: Date): Promise<IdleDeactivationPlan> {
  const company = await getCustomerOrThrow(staff, companyId);
  return deactivateIdleCustomerUsersIn(company.id, { days: input.days, shownIds: input.userIds }, actorOf(staff), now);
}

/** Staff members: admins only. Nobody's customers are handed over (they stay with them, shown as inactive). */
export async function deactivateIdleStaff(staff: StaffUser, input: IdleDeactivationInput, now: Date): Promise<IdleDeactivationPlan> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  return deactivateIdleStaffMembers({ days: input.days, shownIds: input.userIds }, actorOf(staff), now);
}

/**
 * The outcome for the form: how many were deactivated and, per reason, the names skipped (the ids
 * not on the list only counted: they may be another customer's).
 */
export function idleDeactivationState(plan: IdleDeactivationPlan): ActionState {
  const data: Record<string, string | number> = { deactivated: plan.deactivate.length };
  for (const reason of IDLE_SKIP_REASONS) {
    const skipped = plan.skipped.filter((skip) => skip.reason === reason);
    if (skipped.length === 0) continue;
    data[reason] = reason === "not_listed" ? skipped.length : skipped.map((skip) => skip.name).join(", ");
  }
  return { status: "ok", data };
}
