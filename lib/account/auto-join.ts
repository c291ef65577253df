import "server-only";
import type { CompanyJoinDomain } from "@/db/schema";
import { isOrganisationDomain } from "@/lib/account-requests/match";
import {
  approveAccountRequestRecord,
  companyMailDomains,
  listActiveCompanyAdmins,
  listAutoJoinCompanies,
  listJoinDomains,
  queueMails,
  removeJoinDomain,
  saveJoinDomain,
  savePendingAccountRequest,
  type AccountRequestDetails,
} from "@/lib/data/account-requests";
import { AppError, isAppError } from "@/lib/errors";
import { autoJoinedMail } from "@/lib/mail/account-request-mails";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { assertAccountAdministration, assertCompanyAdmin, type CompanyAdmin } from "./company-users";
import { joinFromRequest } from "./join-requests";

/**
 * Auto-join by e-mail domain (b2b-starter-medusa #2, ANCHORS §2 pain point 3), opt-in: a customer's
 * company admin lets people with an address at one of the company's own domains — one its active
 * users have, never a public mailbox provider's — join without asking, as buyer or approver with an
 * order limit. Their account request (/register) then makes them a user at once, invited with the
 * set-password link sent to that address, so only the mailbox's owner gets in; the company admins
 * are told who joined. A domain two customers claim, or an address that already belongs to a user,
 * falls back to an ordinary request the admins decide (lib/account/join-requests.ts).
 */

/** The roles auto-join may give (db/schema AUTO_JOIN_ROLES: never company admin). */
export const AUTO_JOIN_ROLES = ["buyer", "approver"] as const satisfies readonly CompanyJoinDomain["role"][];
export type AutoJoinRole = (typeof AUTO_JOIN_ROLES)[number];

export interface AutoJoinSettings {
  rules: CompanyJoinDomain[];
  /** The company's own domains a rule may be made for (its active users' organisation domains). */
  domains: string[];
}

async function ownDomains(companyId: number): Promise<string[]> {
  return (await companyMailDomains(companyId, { activeOnly: true })).filter(isOrganisationDomain);
}

export async function getAutoJoinSettings(admin: CompanyAdmin): Promise<AutoJoinSettings> {
  assertCompanyAdmin(admin);
  const [rules, domains] = await Promise.all([listJoinDomains(admin.companyId), ownDomains(admin.companyId)]);
  return { rules, domains };
}

export async function setAutoJoin(
  admin: CompanyAdmin,
  input: { domain: string; role: AutoJoinRole; orderLimitMinor: number | null },
  now: Date,
): Promise<void> {
  assertAccountAdministration(admin);
  const domain = input.domain.trim().toLowerCase();
  // Only a domain the company's own people use: not a public mailbox provider's, not another organisation's.
  if (!(await ownDomains(admin.companyId)).includes(domain)) throw new AppError("invalid_input", "auto_join_domain_not_ours", { field: "domain" });
  await saveJoinDomain({ companyId: admin.companyId, domain, role: input.role, orderLimitMinor: input.orderLimitMinor, createdByUserId: admin.id }, now);
}

export async function removeAutoJoin(admin: CompanyAdmin, domain: string): Promise<void> {
  assertAccountAdministration(admin);
  if (!(await removeJoinDomain(admin.companyId, domain.trim().toLowerCase()))) throw new AppError("not_found", "auto_join_not_found");
}

/**
 * For an account request from `domain`: the one customer whose rule lets it join automatically, or
 * null (none, or more than one: then nobody guesses which).
 */
export async function autoJoinTarget(domain: string | null): Promise<(CompanyJoinDomain & { companyName: string }) | null> {
  if (!domain || !isOrganisationDomain(domain)) return null;
  const companies = await listAutoJoinCompanies(domain);
  return companies.length === 1 ? companies[0]! : null;
}

/**
 * Stores the request and approves it at once into the rule's company (decided by nobody: the rule),
 * inviting the requester and telling the company admins. False when it cannot (the address became a
 * user meanwhile): the request then stays open, for the caller to send its ordinary mails.
 */
export async function joinAutomatically(
  details: AccountRequestDetails,
  rule: CompanyJoinDomain & { companyName: string },
  context: { now: Date; baseUrl: string },
): Promise<boolean> {
  const { id } = await savePendingAccountRequest(details, [], context.now);
  try {
    await approveAccountRequestRecord({
      requestId: id,
      decidedBy: null,
      target: { kind: "existing_company", companyId: rule.companyId },
      // Nobody in particular added them: the invitation names only the company (not "X added you to X").
      ...joinFromRequest({ role: rule.role, orderLimitMinor: rule.orderLimitMinor, baseUrl: context.baseUrl, now: context.now, invitedBy: null }),
      now: context.now,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") return false;
    throw error;
  }
  const admins = await listActiveCompanyAdmins([rule.companyId]);
  const usersLink = `${context.baseUrl}/account/users`;
  await queueMails(
    admins.map((admin) => autoJoinedMail(admin, details, { role: rule.role, orderLimitMinor: rule.orderLimitMinor, domain: rule.domain, link: usersLink })),
    context.now,
  );
  await deliverQueuedMail();
  return true;
}
