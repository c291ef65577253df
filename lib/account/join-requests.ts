import "server-only";
import type { AccountRequest } from "@/db/schema";
import { isOrganisationDomain, matchReasons, type MatchableCompany, type MatchReason } from "@/lib/account-requests/match";
import { invitationMail } from "@/lib/admin/mail-templates";
import { newLinkToken, setPasswordLink } from "@/lib/admin/set-password";
import {
  approveAccountRequestRecord,
  companyMailDomains,
  listPendingRequestsMatching,
  rejectAccountRequestRecord,
} from "@/lib/data/account-requests";
import { getCompany } from "@/lib/data/companies";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { accountRequestRejectedMail } from "@/lib/mail/account-request-mails";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { assertAccountAdministration, assertCompanyAdmin, INVITATION_VALID_DAYS, type CompanyAdmin, type CompanyRole } from "./company-users";

/**
 * Requests to join: an account request (lib/account-requests/request-account.ts) from someone who may
 * belong to an existing customer — its KvK number, its VAT id, or an address at its users' e-mail
 * domain (lib/account-requests/match.ts) — is the customer's own company admins' to decide, beside
 * staff (b2b-starter-medusa #2, "auto-join by e-mail domain"). Approving adds the person to the admin's
 * company with the role and order limit the admin chooses and invites them with the set-password
 * link, exactly as the admin's own invitation does — so it gives the admin no power they lack; the
 * link goes to the requested address, so only its owner gets in. Rejecting mails the reason. A
 * request that does not match the admin's company is "not found" to them, checked again on the
 * locked request when deciding; the first decision (theirs or staff's) wins.
 */

export interface JoinRequest {
  id: number;
  contactName: string;
  email: string;
  phone: string | null;
  /** The organisation as the requester typed it. */
  companyName: string;
  kvkNumber: string | null;
  vatId: string | null;
  city: string;
  message: string | null;
  locale: "nl" | "en";
  createdAt: Date;
  matchedOn: MatchReason[];
}

async function matchableCompany(companyId: number): Promise<MatchableCompany & { name: string }> {
  const [company, domains] = await Promise.all([getCompany(companyId), companyMailDomains(companyId)]);
  if (!company) throw new AppError("not_found", "company_not_found");
  return { name: company.name, kvkNumber: company.kvkNumber, vatId: company.vatId, domains: domains.filter(isOrganisationDomain) };
}

const asJoinRequest = (request: AccountRequest, matchedOn: MatchReason[]): JoinRequest => ({
  id: request.id,
  contactName: request.contactName,
  email: request.email,
  phone: request.phone,
  companyName: request.companyName,
  kvkNumber: request.kvkNumber,
  vatId: request.vatId,
  city: request.city,
  message: request.message,
  locale: request.locale,
  createdAt: request.createdAt,
  matchedOn,
});

/** Open requests that may come from the admin's company, oldest first. */
export async function listJoinRequests(admin: CompanyAdmin): Promise<JoinRequest[]> {
  assertCompanyAdmin(admin);
  const company = await matchableCompany(admin.companyId);
  const requests = await listPendingRequestsMatching(company);
  return requests.map((request) => asJoinRequest(request, matchReasons(request, company))).filter((request) => request.matchedOn.length > 0);
}

export async function approveJoinRequest(
  admin: CompanyAdmin,
  requestId: number,
  input: { role: CompanyRole; orderLimitMinor: number | null },
  now: Date,
): Promise<{ userId: number }> {
  assertAccountAdministration(admin);
  const company = await matchableCompany(admin.companyId);
  const { userId } = await approveAccountRequestRecord({
    requestId,
    decidedBy: admin.id,
    target: { kind: "existing_company", companyId: admin.companyId },
    mayDecide: (request) => matchReasons(request, company).length > 0,
    ...joinFromRequest({ ...input, baseUrl: await mailBaseUrl(), now, invitedBy: admin.name }),
    now,
  });
  await deliverQueuedMail();
  return { userId };
}

/**
 * A request's person as a user of an existing company, with this role and order limit, and their
 * invitation: the set-password link, sent to the requested address (approveAccountRequestRecord's
 * `user` and `invitation`, for a company admin's approval and for auto-join alike).
 */
export function joinFromRequest(input: {
  role: CompanyRole;
  orderLimitMinor: number | null;
  baseUrl: string;
  now: Date;
  /** Who the invitation says added them; null when nobody in particular did (auto-join). */
  invitedBy: string | null;
}) {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(input.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const link = setPasswordLink(input.baseUrl, token);
  return {
    user: (request: AccountRequest) => ({ email: request.email, name: request.contactName, role: input.role, locale: request.locale, orderLimitMinor: input.orderLimitMinor }),
    invitation: (request: AccountRequest, companyName: string) => ({
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: request.email,
        toName: request.contactName,
        locale: request.locale,
        link,
        companyName,
        validUntil: dateTimeText(expiresAt, request.locale),
        ...(input.invitedBy ? { invitedBy: input.invitedBy } : {}),
      }),
    }),
  };
}

export async function rejectJoinRequest(admin: CompanyAdmin, requestId: number, reason: string, now: Date): Promise<void> {
  assertAccountAdministration(admin);
  const trimmed = reason.trim().slice(0, 1000);
  if (!trimmed) throw new AppError("invalid_input", "reason_required", { field: "reason" });
  const company = await matchableCompany(admin.companyId);
  const rejected = await rejectAccountRequestRecord({
    requestId,
    decidedBy: admin.id,
    reason: trimmed,
    mayDecide: (request) => matchReasons(request, company).length > 0,
    mail: (request) => accountRequestRejectedMail(request, trimmed, { name: admin.name, companyName: company.name }),
    now,
  });
  if (!rejected) throw new AppError("conflict", "account_request_decided");
  await deliverQueuedMail();
}
