import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { listCustomerUsers } from "@/lib/data/customers";
import { listTwoStepUserIds } from "@/lib/data/two-step";
import { AppError } from "@/lib/errors";
import { changeCompanyTwoStepRequirement, type TwoStepRequirementOutcome } from "@/lib/two-step/company-requirement";
import { turnOff } from "@/lib/two-step/two-step";
import { assertAccountAdministration, assertCompanyAdmin, isTechnical, type CompanyAdmin } from "./company-users";

/**
 * A company admin turns two-step verification off for a colleague who lost their phone and their
 * recovery codes, as staff can (lib/admin/two-step.ts): mailed, sessions ended, logged with the
 * admin's name. Not for themselves — their own goes off on their profile, with their password and
 * a code — and only within their own company.
 */
export async function resetColleagueTwoStep(admin: CompanyAdmin, userId: number, now: Date): Promise<void> {
  assertAccountAdministration(admin);
  if (userId === admin.id) throw new AppError("forbidden", "two_step_reset_self");
  const user = (await listCustomerUsers(admin.companyId)).find((candidate) => candidate.id === userId);
  if (!user || isTechnical(user)) throw new AppError("not_found", "user_not_found");
  await turnOff({ ...user, companyId: admin.companyId }, { userId: admin.id, name: admin.name, role: "company_admin" }, now);
}

/** Which of the company's users have two-step verification on (the Users page). */
export async function colleaguesWithTwoStep(admin: CompanyAdmin): Promise<Set<number>> {
  assertCompanyAdmin(admin);
  return listTwoStepUserIds(admin.companyId);
}

/**
 * The company admin requires two-step verification of every user of the company (or stops
 * requiring it). Only with their own on: otherwise they would lock themselves out of everything but
 * their profile (as an admin cannot require it of staff without having it). Colleagues without it
 * are mailed and reach only their profile until it is on (lib/two-step/required.ts).
 */
export async function setCompanyTwoStepRequirement(
  admin: CompanyAdmin & Pick<BuyerUser, "companyName" | "twoStepSince">,
  required: boolean,
  now: Date,
): Promise<TwoStepRequirementOutcome> {
  assertAccountAdministration(admin);
  if (required && !admin.twoStepSince) throw new AppError("conflict", "two_step_yours_first", { field: "required" });
  return changeCompanyTwoStepRequirement({ id: admin.companyId, name: admin.companyName }, required, { userId: admin.id, name: admin.name, role: "company_admin" }, now);
}
