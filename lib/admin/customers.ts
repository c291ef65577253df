import "server-only";
import type { Company } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import {
  createCustomer,
  deleteCustomerAddress,
  getCustomerUser,
  hasCxmlConnection,
  isEmailTaken,
  saveCustomerAddress,
  setCustomerManagers,
  updateCustomer,
  updateCustomerUser,
  type AddressDetails,
} from "@/lib/data/customers";
import { setPoNumberRequired } from "@/lib/data/companies";
import { createInvitedUser, issueUserToken } from "@/lib/data/user-accounts";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { getCustomerOrThrow, isAdmin } from "./access";
import { invitationMail } from "./mail-templates";
import { issuePasswordResetLink, newLinkToken, setPasswordLink } from "./set-password";
import type { CustomerMasterDataInput } from "./invoicing-settings";

/** Customer master data and customer users, as account managers and admins maintain them. */

/** The staff member as the account security log names them. */
const actorOf = (staff: StaffUser) => ({ userId: staff.id, name: staff.name, role: staff.role });

export const INVITATION_VALID_DAYS = 7;
export const RESET_VALID_HOURS = 24;

export interface LinkContext {
  /** Public base URL for links in e-mails ("https://shop.example.nl"). */
  baseUrl: string;
  now: Date;
}

export async function createCustomerAsStaff(staff: StaffUser, details: CustomerMasterDataInput): Promise<Company> {
  // A new customer has no punchout connection yet, so it cannot receive cXML invoices.
  if (details.invoiceChannels.includes("cxml")) throw new AppError("invalid_input", "cxml_channel_needs_connection", { field: "invoiceChannels" });
  // An account manager's new customer is theirs; an admin assigns managers afterwards.
  return createCustomer(details, isAdmin(staff) ? null : staff.id);
}

/**
 * Saves a customer's master data and invoice settings (validated by customerMasterDataSchema).
 * Admins may edit every customer, account managers only their own. The "cxml" invoice channel is
 * only allowed while the customer has a cXML punchout connection: the InvoiceDetailRequest goes
 * to the buyer system identified by that connection.
 */
export async function updateCustomerDetails(staff: StaffUser, companyId: number, details: CustomerMasterDataInput): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  if (details.invoiceChannels.includes("cxml") && !(await hasCxmlConnection(companyId))) {
    throw new AppError("invalid_input", "cxml_channel_needs_connection", { field: "invoiceChannels" });
  }
  await updateCustomer(companyId, details);
}

/**
 * Requires a PO number on every web order of the customer, or stops requiring it (as its company
 * admin can: lib/account/po-number.ts). Another manager's customer is "not found".
 */
export async function setPoNumberRequiredAsStaff(staff: StaffUser, companyId: number, required: boolean): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  await setPoNumberRequired(companyId, required);
}

export async function saveAddress(staff: StaffUser, companyId: number, addressId: number | null, details: AddressDetails): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  await saveCustomerAddress(companyId, addressId, details);
}

export async function removeAddress(staff: StaffUser, companyId: number, addressId: number): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  await deleteCustomerAddress(companyId, addressId);
}

export async function setManagers(staff: StaffUser, companyId: number, staffUserIds: number[]): Promise<void> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  await getCustomerOrThrow(staff, companyId);
  await setCustomerManagers(companyId, staffUserIds);
}

export async function inviteCustomerUser(
  staff: StaffUser,
  input: { companyId: number; name: string; email: string; role: "buyer" | "approver" | "company_admin"; locale: "nl" | "en"; orderLimit: number | null },
  context: LinkContext,
): Promise<{ id: number }> {
  const company = await getCustomerOrThrow(staff, input.companyId);
  if (await isEmailTaken(input.email)) throw new AppError("conflict", "email_taken", { field: "email" });
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const created = await createInvitedUser(
    company.id,
    { name: input.name, email: input.email, role: input.role, locale: input.locale, orderLimitMinor: input.orderLimit },
    actorOf(staff),
    () => ({
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: input.email,
        toName: input.name,
        locale: input.locale,
        link: setPasswordLink(context.baseUrl, token),
        companyName: company.name,
        validUntil: dateTimeText(expiresAt, input.locale),
        invitedBy: staff.name,
      }),
    }),
    context.now,
  );
  // Queued in the user's transaction; delivered now when a transport (SMTP) is configured.
  await deliverQueuedMail();
  return created;
}

async function customerUserOrThrow(staff: StaffUser, companyId: number, userId: number) {
  const company = await getCustomerOrThrow(staff, companyId);
  const user = await getCustomerUser(userId);
  if (!user || user.companyId !== company.id) throw new AppError("not_found", "user_not_found");
  return { company, user };
}

export async function updateCustomerUserDetails(
  staff: StaffUser,
  input: { companyId: number; userId: number; name: string; email: string; role: "buyer" | "approver" | "company_admin"; locale: "nl" | "en"; orderLimit: number | null },
): Promise<void> {
  await customerUserOrThrow(staff, input.companyId, input.userId);
  if (await isEmailTaken(input.email, input.userId)) throw new AppError("conflict", "email_taken", { field: "email" });
  await updateCustomerUser(
    input.companyId,
    input.userId,
    { name: input.name, email: input.email, role: input.role, locale: input.locale, orderLimitMinor: input.orderLimit },
    actorOf(staff),
    new Date(),
  );
}

export async function setCustomerUserActive(staff: StaffUser, companyId: number, userId: number, active: boolean): Promise<void> {
  await customerUserOrThrow(staff, companyId, userId);
  await updateCustomerUser(companyId, userId, { active }, actorOf(staff), new Date());
}

/** A new invitation (earlier links stop working) for a user who never chose a password. */
export async function resendInvitation(staff: StaffUser, companyId: number, userId: number, context: LinkContext): Promise<void> {
  const { company, user } = await customerUserOrThrow(staff, companyId, userId);
  if (!user.active) throw new AppError("conflict", "user_inactive");
  if (user.hasPassword) throw new AppError("conflict", "already_has_password");
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  await issueUserToken(
    user.id,
    "invite",
    staff.id,
    {
      tokenHash,
      expiresAt,
      mail: invitationMail({
        toEmail: user.email,
        toName: user.name,
        locale: user.locale,
        link: setPasswordLink(context.baseUrl, token),
        companyName: company.name,
        validUntil: dateTimeText(expiresAt, user.locale),
        invitedBy: staff.name,
      }),
    },
    context.now,
  );
  await deliverQueuedMail();
}

/** E-mails the user a single-use link to choose a new password; staff never see or set it. */
export async function sendPasswordReset(staff: StaffUser, companyId: number, userId: number, context: LinkContext): Promise<void> {
  const { company, user } = await customerUserOrThrow(staff, companyId, userId);
  if (!user.active) throw new AppError("conflict", "user_inactive");
  await issuePasswordResetLink(user, {
    createdBy: staff.id,
    validForMs: RESET_VALID_HOURS * 3600_000,
    baseUrl: context.baseUrl,
    companyName: company.name,
    now: context.now,
  });
  await deliverQueuedMail();
}
