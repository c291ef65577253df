import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { getCustomerUser } from "@/lib/data/customers";
import { listSecurityEvents, listTwoStepUserIds, type SecurityEventRow } from "@/lib/data/two-step";
import { AppError } from "@/lib/errors";
import { changeCompanyTwoStepRequirement, type TwoStepRequirementOutcome } from "@/lib/two-step/company-requirement";
import { turnOff } from "@/lib/two-step/two-step";
import { getCustomerOrThrow, managerScope } from "./access";

/**
 * Staff support for a customer's user who lost their phone and their recovery codes: the
 * customer's account manager (or an admin) turns two-step verification off. The user is mailed,
 * their sessions end, and the account security log records who did it. Another manager's
 * customers, and users of another company than the one named, are "not found".
 */
export async function resetCustomerUserTwoStep(staff: StaffUser, companyId: number, userId: number, now: Date): Promise<void> {
  const company = await getCustomerOrThrow(staff, companyId);
  const user = await getCustomerUser(userId);
  if (!user || user.companyId !== company.id) throw new AppError("not_found", "user_not_found");
  await turnOff({ ...user, companyId: company.id }, { userId: staff.id, name: staff.name, role: staff.role }, now);
}

/** Which of a customer's users have two-step verification on (the customer's user list). */
export async function customerTwoStepUsers(staff: StaffUser, companyId: number): Promise<Set<number>> {
  await getCustomerOrThrow(staff, companyId);
  return listTwoStepUserIds(companyId);
}

/**
 * The customer's account manager (or an admin) requires two-step verification of all the customer's
 * users, or stops requiring it — whether or not they have it themselves (staff are not the
 * customer's users). Another manager's customer is "not found".
 */
export async function setCustomerTwoStepRequirement(staff: StaffUser, companyId: number, required: boolean, now: Date): Promise<TwoStepRequirementOutcome> {
  const company = await getCustomerOrThrow(staff, companyId);
  return changeCompanyTwoStepRequirement(company, required, { userId: staff.id, name: staff.name, role: staff.role }, now);
}

/** The account security log within the staff member's customers (admins: everybody's). */
export async function listAccountSecurityEvents(staff: StaffUser, page: { offset: number; limit: number }): Promise<{ items: SecurityEventRow[]; total: number }> {
  return listSecurityEvents({ managerId: managerScope(staff) }, page);
}
