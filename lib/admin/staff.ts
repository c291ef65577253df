import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { isEmailTaken, listStaffMembers } from "@/lib/data/customers";
import {
  countActiveAdmins,
  createInvitedStaffMember,
  getStaffMember,
  handOverStaffCustomers,
  listStaffCustomers,
  listStaffOverview,
  setStaffMemberActive,
  updateStaffMember,
  type StaffCustomerRow,
  type StaffMemberRow,
} from "@/lib/data/staff";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import { listSecurityEvents, type SecurityActor, type SecurityEventRow } from "@/lib/data/two-step";
import { issueUserToken } from "@/lib/data/user-accounts";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { turnOff } from "@/lib/two-step/two-step";
import { isAdmin } from "./access";
import { INVITATION_VALID_DAYS, RESET_VALID_HOURS, type LinkContext } from "./customers";
import { staffInvitationMail } from "./mail-templates";
import { id } from "./schemas";
import { issuePasswordResetLink, newLinkToken, setPasswordLink } from "./set-password";

/**
 * Staff management (admin → Staff): admins invite account managers and admins, change their role,
 * hand their customers over, reset their sign-in (password link, two-step verification) and
 * deactivate leavers. Account managers cannot reach any of it. Nobody changes their own role or
 * deactivates themselves (another admin does), and the last active admin stays an active admin:
 * the shop always keeps someone who can administer it.
 */

const STAFF_ROLE = z.enum(["account_manager", "admin"]);

export const staffDetailsSchema = z.object({
  name: z.string().trim().min(2).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  role: STAFF_ROLE,
  locale: z.enum(["nl", "en"]),
});
export type StaffDetailsInput = z.infer<typeof staffDetailsSchema>;

export const handOverSchema = z.object({
  staffId: id,
  handOverTo: id,
  /** The ticked customers (the form ticks all of them to begin with). */
  companyIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))
    .pipe(z.array(z.number().int().positive()).max(10_000)),
});

export const staffActiveSchema = z.object({
  staffId: id,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
  /** Deactivation: who takes over their customers ("" = nobody; the customers keep them, inactive). */
  handOverTo: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().positive().nullable()),
});

function adminOrThrow(staff: StaffUser): SecurityActor {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  return { userId: staff.id, name: staff.name, role: staff.role };
}

async function memberOrThrow(id: number): Promise<StaffMemberRow> {
  const member = await getStaffMember(id);
  if (!member) throw new AppError("not_found", "staff_not_found");
  return member;
}

function notYourself(staff: StaffUser, memberId: number, field?: string): void {
  if (staff.id === memberId) throw new AppError("forbidden", "not_yourself", field ? { field } : undefined);
}

async function supplierName(): Promise<string> {
  const profile = await getSupplierProfile();
  return profile?.tradingName || profile?.legalName || "Koppel";
}

export async function readStaffOverview(staff: StaffUser): Promise<StaffMemberRow[]> {
  adminOrThrow(staff);
  return listStaffOverview();
}

export interface StaffMemberPage {
  member: StaffMemberRow;
  customers: StaffCustomerRow[];
  /** Active staff who can take over customers (everybody active but the member). */
  receivers: { id: number; name: string; role: string }[];
  events: SecurityEventRow[];
  activeAdmins: number;
}

export async function readStaffMember(staff: StaffUser, memberId: number): Promise<StaffMemberPage> {
  adminOrThrow(staff);
  const member = await memberOrThrow(memberId);
  const [customers, everybody, events, activeAdmins] = await Promise.all([
    listStaffCustomers(member.id),
    listStaffMembers(),
    listSecurityEvents({ managerId: null, userIds: [member.id] }, { offset: 0, limit: 50 }),
    countActiveAdmins(),
  ]);
  const receivers = everybody.filter((s) => s.active && s.id !== member.id).map((s) => ({ id: s.id, name: s.name, role: s.role }));
  return { member, customers, receivers, events: events.items, activeAdmins };
}

/** Invites a new staff member: no password until they choose one with the mailed single-use link. */
export async function inviteStaffMember(staff: StaffUser, input: StaffDetailsInput, context: LinkContext): Promise<{ id: number }> {
  const actor = adminOrThrow(staff);
  if (await isEmailTaken(input.email)) throw new AppError("conflict", "email_taken", { field: "email" });
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const companyName = await supplierName();
  const created = await createInvitedStaffMember(
    input,
    actor,
    () => ({
      tokenHash,
      expiresAt,
      mail: staffInvitationMail({
        toEmail: input.email,
        toName: input.name,
        locale: input.locale,
        role: input.role,
        link: setPasswordLink(context.baseUrl, token),
        backOfficeLink: `${context.baseUrl.replace(/\/+$/, "")}/admin`,
        companyName,
        validUntil: dateTimeText(expiresAt, input.locale),
        invitedBy: staff.name,
      }),
    }),
    context.now,
  );
  await deliverQueuedMail();
  return created;
}

export async function updateStaffDetails(staff: StaffUser, memberId: number, input: StaffDetailsInput, now: Date): Promise<void> {
  const actor = adminOrThrow(staff);
  const member = await memberOrThrow(memberId);
  if (input.role !== member.role) notYourself(staff, member.id, "role");
  await updateStaffMember(member.id, input, actor, now);
}

export async function setStaffActive(staff: StaffUser, memberId: number, active: boolean, handOverTo: number | null, now: Date): Promise<{ handedOver: number }> {
  const actor = adminOrThrow(staff);
  notYourself(staff, memberId);
  return setStaffMemberActive(memberId, active, active ? null : handOverTo, actor, now);
}

export async function handOverCustomers(staff: StaffUser, input: z.infer<typeof handOverSchema>, now: Date): Promise<number> {
  const actor = adminOrThrow(staff);
  if (input.companyIds.length === 0) throw new AppError("invalid_input", "hand_over_none", { field: "companyIds" });
  return handOverStaffCustomers(input.staffId, input.handOverTo, input.companyIds, actor, now);
}

/** A new invitation (earlier links stop working) for a staff member who never chose a password. */
export async function resendStaffInvitation(staff: StaffUser, memberId: number, context: LinkContext): Promise<void> {
  adminOrThrow(staff);
  const member = await memberOrThrow(memberId);
  if (!member.active) throw new AppError("conflict", "user_inactive");
  if (member.hasPassword) throw new AppError("conflict", "already_has_password");
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);
  const mail = staffInvitationMail({
    toEmail: member.email,
    toName: member.name,
    locale: member.locale,
    role: member.role,
    link: setPasswordLink(context.baseUrl, token),
    backOfficeLink: `${context.baseUrl.replace(/\/+$/, "")}/admin`,
    companyName: await supplierName(),
    validUntil: dateTimeText(expiresAt, member.locale),
    invitedBy: staff.name,
  });
  await issueUserToken(member.id, "invite", staff.id, { tokenHash, expiresAt, mail }, context.now);
  await deliverQueuedMail();
}

/** Mails a staff member a single-use link to choose a new password (admins never see or set it). */
export async function sendStaffPasswordReset(staff: StaffUser, memberId: number, context: LinkContext): Promise<void> {
  adminOrThrow(staff);
  const member = await memberOrThrow(memberId);
  if (!member.active) throw new AppError("conflict", "user_inactive");
  await issuePasswordResetLink(member, {
    createdBy: staff.id,
    validForMs: RESET_VALID_HOURS * 3600_000,
    baseUrl: context.baseUrl,
    companyName: await supplierName(),
    now: context.now,
  });
  await deliverQueuedMail();
}

/**
 * A staff member lost their phone and recovery codes: another admin turns their two-step
 * verification off (mailed, logged, their sessions end). Their own goes through their profile.
 */
export async function resetStaffTwoStep(staff: StaffUser, memberId: number, now: Date): Promise<void> {
  const actor = adminOrThrow(staff);
  notYourself(staff, memberId);
  const member = await memberOrThrow(memberId);
  await turnOff({ id: member.id, email: member.email, name: member.name, locale: member.locale, companyId: null, role: member.role }, actor, now);
}
