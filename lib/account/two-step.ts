import "server-only";
import { listCustomerUsers } from "@/lib/data/customers";
import { listTwoStepUserIds } from "@/lib/data/two-step";
import { AppError } from "@/lib/errors";
import { turnOff } from "@/lib/two-step/two-step";
import { assertCompanyAdmin, isTechnical, type CompanyAdmin } from "./company-users";

/**
 * A company admin turns two-step verification off for a colleague who lost their phone and their
 * recovery codes, as staff can (lib/admin/two-step.ts): mailed, sessions ended, logged with the
 * admin's name. Not for themselves — their own goes off on their profile, with their password and
 * a code — and only within their own company.
 */
export async function resetColleagueTwoStep(admin: CompanyAdmin, userId: number, now: Date): Promise<void> {
  assertCompanyAdmin(admin);
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
