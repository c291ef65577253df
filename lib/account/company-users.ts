import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { invitationMail } from "@/lib/admin/mail-templates";
import { newLinkToken, setPasswordLink } from "@/lib/admin/set-password";
import { getCompany } from "@/lib/data/companies";
import { isEmailTaken, listCustomerUsers, takenEmails, updateCustomerUser, type CustomerUser } from "@/lib/data/customers";
import { isUniqueViolation } from "@/lib/data/sql";
import { createInvitedUser, createInvitedUsers, issueUserToken } from "@/lib/data/user-accounts";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { MAX_INVITE_LINES, parseInviteLines, type InviteProblem } from "./invite-lines";

/**
 * User administration by a customer's own company admin: add (by invitation e-mail with a
 * single-use set-password link, the same flow as the admin workspace), deactivate/reactivate,
 * role and per-user order limit. Always within the admin's own company; staff users and other
 * companies' users are "not found".
 */

export const INVITATION_VALID_DAYS = 7;
export type CompanyRole = "buyer" | "approver" | "company_admin";
export type CompanyAdmin = Pick<BuyerUser, "id" | "companyId" | "role" | "name" | "impersonatedBy"> & { punchout?: BuyerUser["punchout"] };

/** The company admin as the account security log names them. */
const actorOf = (admin: CompanyAdmin) => ({ userId: admin.id, name: admin.name, role: "company_admin" });

export function assertCompanyAdmin(admin: CompanyAdmin): void {
  if (admin.role !== "company_admin") throw new AppError("forbidden", "company_admin_only");
  // Staff viewing the shop as a customer keep their hands off the customer's user accounts.
  if (admin.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
}

/**
 * For what changes who may sign in and with which rights (inviting, roles and order limits,
 * (de)activating, handing over, two-step resets and requirement, join requests, auto-join): the
 * company admin in a session of their own. Not in a punchout session: there the procurement system
 * named the user, by an e-mail address that in an OCI call-up passes through the shopper's own
 * browser, and such a session would otherwise turn a call-up into lasting accounts and rights.
 */
export function assertAccountAdministration(admin: CompanyAdmin): void {
  assertCompanyAdmin(admin);
  if (admin.punchout) throw new AppError("forbidden", "not_in_punchout");
}

/** Technical punchout users (no e-mail of a person) are not listed: nobody signs in with them. */
export const isTechnical = (user: { email: string }) => user.email.endsWith("@technical.koppel.invalid");

export async function listCompanyUsers(admin: CompanyAdmin): Promise<CustomerUser[]> {
  assertCompanyAdmin(admin);
  return (await listCustomerUsers(admin.companyId)).filter((user) => !isTechnical(user));
}

async function companyUserOrThrow(admin: CompanyAdmin, userId: number): Promise<CustomerUser> {
  assertAccountAdministration(admin);
  const user = (await listCustomerUsers(admin.companyId)).find((u) => u.id === userId);
  if (!user || isTechnical(user)) throw new AppError("not_found", "user_not_found");
  return user;
}

export async function inviteCompanyUser(
  admin: CompanyAdmin,
  input: { name: string; email: string; role: CompanyRole; locale: "nl" | "en"; orderLimitMinor: number | null },
  now: Date,
): Promise<{ id: number }> {
  assertAccountAdministration(admin);
  const company = await getCompany(admin.companyId);
  if (!company) throw new AppError("not_found", "company_not_found");
  if (await isEmailTaken(input.email)) throw new AppError("conflict", "email_taken", { field: "email" });
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const link = setPasswordLink(await mailBaseUrl(), token);
  const created = await createInvitedUser(
    company.id,
    { name: input.name, email: input.email, role: input.role, locale: input.locale, orderLimitMinor: input.orderLimitMinor },
    actorOf(admin),
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

/**
 * A new invitation for a colleague who never chose a password (earlier links stop working): an
 * invitation that expired unused was otherwise only the account manager's to resend, and inviting
 * the address again is refused because the user exists.
 */
export async function resendCompanyInvitation(admin: CompanyAdmin, userId: number, now: Date): Promise<{ email: string }> {
  const user = await companyUserOrThrow(admin, userId);
  if (!user.active) throw new AppError("conflict", "user_inactive");
  if (user.hasPassword) throw new AppError("conflict", "already_has_password");
  // A user nobody invited (a punchout-only account staff made) stays the account manager's to invite.
  if (!user.lastInvitedAt) throw new AppError("conflict", "never_invited");
  const company = await getCompany(admin.companyId);
  if (!company) throw new AppError("not_found", "company_not_found");
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  await issueUserToken(
    user.id,
    "invite",
    admin.id,
    {
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: user.email,
        toName: user.name,
        locale: user.locale,
        link: setPasswordLink(await mailBaseUrl(), token),
        companyName: company.name,
        validUntil: dateTimeText(expiresAt, user.locale),
        invitedBy: admin.name,
      }),
    },
    now,
  );
  await deliverQueuedMail();
  return { email: user.email };
}

export type InviteOutcome = { status: "invited"; name: string; role: CompanyRole } | { status: InviteProblem | "email_taken"; firstLine?: number };

export interface InviteReport {
  /** All lines were fine and everybody was invited; otherwise nobody was. */
  saved: boolean;
  invited: number;
  problems: number;
  lines: { lineNumber: number; email: string; outcome: InviteOutcome }[];
}

/**
 * Invites a list of colleagues at once (lib/account/invite-lines.ts), all or nothing: with any line
 * wrong (or an address that has an account already) nobody is invited and the report names each
 * line, so the admin corrects the list and sends it again. Each gets the invitation e-mail of a
 * single invite.
 */
export async function inviteCompanyUsers(admin: CompanyAdmin & Pick<BuyerUser, "locale">, text: string, now: Date): Promise<InviteReport> {
  assertAccountAdministration(admin);
  const parsed = parseInviteLines(text, admin.locale);
  if (!parsed.ok) {
    if (parsed.error === "empty") throw new AppError("invalid_input", "invite_list_empty");
    throw new AppError("invalid_input", "invite_too_many_lines", { max: MAX_INVITE_LINES, count: parsed.count });
  }
  const company = await getCompany(admin.companyId);
  if (!company) throw new AppError("not_found", "company_not_found");
  const taken = await takenEmails(parsed.lines.flatMap((line) => (line.kind === "invite" ? [line.email] : [])));
  const lines = parsed.lines.map((line) => ({
    lineNumber: line.lineNumber,
    email: line.email,
    outcome: (line.kind === "invalid"
      ? { status: line.problem, ...(line.firstLine ? { firstLine: line.firstLine } : {}) }
      : taken.has(line.email)
        ? { status: "email_taken" }
        : { status: "invited", name: line.name, role: line.role }) as InviteOutcome,
  }));
  const problems = lines.filter((line) => line.outcome.status !== "invited").length;
  if (problems > 0) return { saved: false, invited: 0, problems, lines };

  const baseUrl = await mailBaseUrl();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const invites = parsed.lines.flatMap((line) => {
    if (line.kind !== "invite") return [];
    const { token, tokenHash } = newLinkToken();
    const mail = invitationMail({
      toEmail: line.email,
      toName: line.name,
      locale: line.locale,
      link: setPasswordLink(baseUrl, token),
      companyName: company.name,
      validUntil: dateTimeText(expiresAt, line.locale),
      invitedBy: admin.name,
    });
    return [{ user: { name: line.name, email: line.email, role: line.role, locale: line.locale, orderLimitMinor: line.orderLimitMinor }, invitation: () => ({ tokenHash, expiresAt, mail }) }];
  });
  try {
    await createInvitedUsers(admin.companyId, invites, actorOf(admin), now);
  } catch (error) {
    // Somebody took one of the addresses since the check: nobody was invited; the admin sends the list again.
    if (isUniqueViolation(error)) throw new AppError("conflict", "invite_list_changed");
    throw error;
  }
  await deliverQueuedMail();
  return { saved: true, invited: invites.length, problems: 0, lines };
}

export async function updateCompanyUser(
  admin: CompanyAdmin,
  userId: number,
  input: { role: CompanyRole; orderLimitMinor: number | null },
): Promise<void> {
  const user = await companyUserOrThrow(admin, userId);
  // Nobody locks themselves (and maybe the whole company) out of user administration.
  if (user.id === admin.id && input.role !== "company_admin") throw new AppError("conflict", "cannot_demote_self");
  await updateCustomerUser(admin.companyId, user.id, { role: input.role, orderLimitMinor: input.orderLimitMinor }, actorOf(admin), new Date());
}

export async function setCompanyUserActive(admin: CompanyAdmin, userId: number, active: boolean): Promise<void> {
  const user = await companyUserOrThrow(admin, userId);
  if (user.id === admin.id && !active) throw new AppError("conflict", "cannot_deactivate_self");
  await updateCustomerUser(admin.companyId, user.id, { active }, actorOf(admin), new Date());
}
