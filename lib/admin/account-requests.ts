import "server-only";
import { z } from "zod";
import type { AccountRequestStatus } from "@/db/schema";
import { organisationDomain } from "@/lib/account-requests/match";
import type { StaffUser } from "@/lib/auth/guards";
import {
  approveAccountRequestRecord,
  findMatchingCompanies,
  findUserWithEmail,
  getAccountRequest,
  listAccountRequests,
  rejectAccountRequestRecord,
  type AccountRequestListItem,
  type MatchingCompany,
} from "@/lib/data/account-requests";
import { listCompanyPriceLists } from "@/lib/data/price-lists";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { accountRequestRejectedMail } from "@/lib/mail/account-request-mails";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { getCustomerOrThrow, isAdmin } from "./access";
import { INVITATION_VALID_DAYS, type LinkContext } from "./customers";
import { invitationMail } from "./mail-templates";
import { newLinkToken, setPasswordLink } from "./set-password";

/**
 * Staff's side of account requests (lib/account-requests/request-account.ts): the queue, and the
 * decision. Approving makes the person a user — of a new customer (its company admin, the request's
 * address as delivery and invoice address; an account manager's new customer is theirs) or of an
 * existing one they may see (the role staff choose) — invited with the set-password link, all in one
 * transaction; rejecting tells the requester why. Admins and account managers both decide.
 */

export function listAccountRequestsForStaff(_staff: StaffUser, status: AccountRequestStatus): Promise<AccountRequestListItem[]> {
  return listAccountRequests(status);
}

export interface AccountRequestReview {
  request: AccountRequestListItem;
  /** Customers that may be the requester's own organisation (same KvK, VAT id or e-mail domain). */
  matches: MatchingCompany[];
  /** A user who already has the address (approving would collide; reactivating may be the answer). */
  existingUser: { id: number; name: string; active: boolean; companyId: number | null; companyName: string | null } | null;
  /**
   * Approved: whether the customer has no price list yet. The invitation went out at once, so the new
   * customer may order at catalog prices before the account manager sets up theirs: the page says so.
   */
  customerWithoutPriceList: boolean;
}

export async function reviewAccountRequest(_staff: StaffUser, requestId: number): Promise<AccountRequestReview> {
  const request = await getAccountRequest(requestId);
  if (!request) throw new AppError("not_found", "account_request_not_found");
  const [matches, existingUser, priceLists] = await Promise.all([
    findMatchingCompanies({ kvkNumber: request.kvkNumber, vatId: request.vatId, emailDomain: organisationDomain(request.email) }),
    findUserWithEmail(request.email),
    request.status === "approved" && request.companyId ? listCompanyPriceLists(request.companyId) : null,
  ]);
  return { request, matches, existingUser, customerWithoutPriceList: priceLists !== null && priceLists.length === 0 };
}

export const approveAccountRequestSchema = z.discriminatedUnion("target", [
  z.object({ target: z.literal("new_company"), paymentTermsDays: z.coerce.number().int().min(0).max(180) }),
  z.object({ target: z.literal("existing_company"), companyId: z.coerce.number().int().positive(), role: z.enum(["buyer", "approver", "company_admin"]) }),
]);
export type ApproveAccountRequestInput = z.infer<typeof approveAccountRequestSchema>;

export async function approveAccountRequest(
  staff: StaffUser,
  requestId: number,
  input: ApproveAccountRequestInput,
  context: LinkContext,
): Promise<{ companyId: number; userId: number }> {
  const request = await getAccountRequest(requestId);
  if (!request) throw new AppError("not_found", "account_request_not_found");
  if (request.status !== "pending") throw new AppError("conflict", "account_request_decided");
  // An account manager adds people only to customers they look after.
  if (input.target === "existing_company") await getCustomerOrThrow(staff, input.companyId);
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const created = await approveAccountRequestRecord({
    requestId,
    decidedBy: staff.id,
    target:
      input.target === "new_company"
        ? {
            kind: "new_company",
            company: {
              name: request.companyName,
              kvkNumber: request.kvkNumber,
              vatId: request.vatId,
              peppolScheme: null,
              peppolId: null,
              countryCode: request.countryCode,
              paymentTermsDays: input.paymentTermsDays,
              deliveryTerms: null,
              active: true,
              // Invoices by e-mail to the person who asked, until the customer says otherwise.
              invoiceChannels: ["email"],
              invoiceEmail: request.email,
            },
            managerId: isAdmin(staff) ? null : staff.id,
          }
        : { kind: "existing_company", companyId: input.companyId },
    user: (locked) => ({
      email: locked.email,
      name: locked.contactName,
      role: input.target === "new_company" ? "company_admin" : input.role,
      locale: locked.locale,
      orderLimitMinor: null,
    }),
    invitation: (locked, companyName) => ({
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: locked.email,
        toName: locked.contactName,
        locale: locked.locale,
        link: setPasswordLink(context.baseUrl, token),
        companyName,
        validUntil: dateTimeText(expiresAt, locked.locale),
        invitedBy: staff.name,
      }),
    }),
    now: context.now,
  });
  await deliverQueuedMail();
  return created;
}

export async function rejectAccountRequest(staff: StaffUser, requestId: number, reason: string, now: Date): Promise<void> {
  const request = await getAccountRequest(requestId);
  if (!request) throw new AppError("not_found", "account_request_not_found");
  const trimmed = reason.trim();
  if (!trimmed) throw new AppError("invalid_input", "reason_required", { field: "reason" });
  const rejected = await rejectAccountRequestRecord({ requestId, decidedBy: staff.id, reason: trimmed.slice(0, 1000), mail: (locked) => accountRequestRejectedMail(locked, trimmed.slice(0, 1000)), now });
  if (!rejected) throw new AppError("conflict", "account_request_decided");
  await deliverQueuedMail();
}
