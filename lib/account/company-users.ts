import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { invitationMail } from "@/lib/admin/mail-templates";
import { newLinkToken, setPasswordLink } from "@/lib/admin/set-password";
import { getCompany } from "@/lib/data/companies";
import { isEmailTaken, listCustomerUsers, updateCustomerUser, type CustomerUser } from "@/lib/data/customers";
import { createInvitedUser } from "@/lib/data/user-accounts";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { deliverQueuedMail } from "@/lib/mail/send-mail";

/**
 * User administration by a customer's own company admin: add (by invitation e-mail with a
 * single-use set-password link, the same flow as the admin workspace), deactivate/reactivate,
 * role and per-user order limit. Always within the admin's own company; staff users and other
 * companies' users are "not found".
 */

export const INVITATION_VALID_DAYS = 7;
export type CompanyRole = "buyer" | "approver" | "company_admin";
export type CompanyAdmin = Pick<BuyerUser, "id" | "companyId" | "role" | "name" | "impersonatedBy">;

export function assertCompanyAdmin(admin: CompanyAdmin): void {
  if (admin.role !== "company_admin") throw new AppError("forbidden", "company_admin_only");
  // Staff viewing the shop as a customer keep their hands off the customer's user accounts.
  if (admin.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
}

/** Technical punchout users (no e-mail of a person) are not listed: nobody signs in with them. */
export const isTechnical = (user: { email: string }) => user.email.endsWith("@technical.koppel.invalid");

export async function listCompanyUsers(admin: CompanyAdmin): Promise<CustomerUser[]> {
  assertCompanyAdmin(admin);
  return (await listCustomerUsers(admin.companyId)).filter((user) => !isTechnical(user));
}

async function companyUserOrThrow(admin: CompanyAdmin, userId: number): Promise<CustomerUser> {
  assertCompanyAdmin(admin);
  const user = (await listCustomerUsers(admin.companyId)).find((u) => u.id === userId);
  if (!user || isTechnical(user)) throw new AppError("not_found", "user_not_found");
  return user;
}

export async function inviteCompanyUser(
  admin: CompanyAdmin,
  input: { name: string; email: string; role: CompanyRole; locale: "nl" | "en"; orderLimitMinor: number | null },
  now: Date,
): Promise<{ id: number }> {
  assertCompanyAdmin(admin);
  const company = await getCompany(admin.companyId);
  if (!company) throw new AppError("not_found", "company_not_found");
  if (await isEmailTaken(input.email)) throw new AppError("conflict", "email_taken", { field: "email" });
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const link = setPasswordLink(await mailBaseUrl(), token);
  const created = await createInvitedUser(
    company.id,
    { name: input.name, email: input.email, role: input.role, locale: input.locale, orderLimitMinor: input.orderLimitMinor },
    admin.id,
    () => ({
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: input.email,
        toName: input.name,
        locale: input.locale,
        link,
        companyName: company.name,
        validUntil: dateTimeText(expiresAt, input.locale),
        invitedBy: admin.name,
      }),
    }),
    now,
  );
  // The invitation was queued in the outbox with the user; deliver it when SMTP is configured.
  await deliverQueuedMail();
  return created;
}

export async function updateCompanyUser(
  admin: CompanyAdmin,
  userId: number,
  input: { role: CompanyRole; orderLimitMinor: number | null },
): Promise<void> {
  const user = await companyUserOrThrow(admin, userId);
  // Nobody locks themselves (and maybe the whole company) out of user administration.
  if (user.id === admin.id && input.role !== "company_admin") throw new AppError("conflict", "cannot_demote_self");
  await updateCustomerUser(admin.companyId, user.id, { role: input.role, orderLimitMinor: input.orderLimitMinor });
}

export async function setCompanyUserActive(admin: CompanyAdmin, userId: number, active: boolean): Promise<void> {
  const user = await companyUserOrThrow(admin, userId);
  if (user.id === admin.id && !active) throw new AppError("conflict", "cannot_deactivate_self");
  await updateCustomerUser(admin.companyId, user.id, { active });
}
