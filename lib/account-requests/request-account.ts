import "server-only";
import { z } from "zod";
import { dutchPostalCode, isVatIdFormat } from "@/lib/admin/schemas";
import { accountThrottleKeys } from "@/lib/auth/shop-sign-in";
import { findMatchingCompanies, listActiveCompanyAdmins, queueMails, savePendingAccountRequest } from "@/lib/data/account-requests";
import { listCustomerManagers, listStaffMembers } from "@/lib/data/customers";
import { recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { getActiveUserByEmail } from "@/lib/data/users";
import { accountExistsMail, accountRequestReceivedMail, joinRequestMail, newAccountRequestMail } from "@/lib/mail/account-request-mails";
import { autoJoinTarget, joinAutomatically } from "@/lib/account/auto-join";
import { organisationDomain } from "./match";

/**
 * "Account aanvragen" on the public registration page: a prospective customer's organisation and
 * contact person, stored for staff to approve (lib/admin/account-requests.ts). The answer is the same
 * whatever happened — stored, updated, already a user (whose owner is mailed how to get in), or a
 * bot that filled the hidden field — so the form tells nobody which addresses have an account. A
 * request that may come from an existing customer is mailed to its company admins too, who may
 * decide it themselves (lib/account/join-requests.ts). Every
 * request counts against its address and the client's address like a failed sign-in: at most five per
 * address and 30 per client in 15 minutes, so it cannot flood a mailbox or the staff's queue.
 */

const text = (min: number, max: number) => z.string().trim().min(min, "required").max(max, "too_long");
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .optional()
    .transform((v) => v || null);

export const accountRequestSchema = z
  .object({
    companyName: text(2, 200),
    kvkNumber: optional(35).transform((v) => v?.replace(/\s/g, "") || null),
    vatId: z
      .string()
      .optional()
      .transform((v) => (v ?? "").replace(/[\s.-]/g, "").toUpperCase() || null),
    countryCode: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "country_format")),
    street: text(1, 200),
    postalCode: text(1, 20),
    city: text(1, 100),
    contactName: text(2, 100),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email("email_format").max(254, "email_format")),
    phone: optional(30),
    message: optional(2000),
    locale: z.enum(["nl", "en"]),
    /** Hidden from people; bots that fill every field fill this one too. */
    website: z.string().optional(),
  })
  .transform((value, ctx) => {
    if (value.countryCode === "NL" && !(value.kvkNumber && /^\d{8}$/.test(value.kvkNumber))) {
      ctx.addIssue({ code: "custom", path: ["kvkNumber"], message: "kvk_format" });
    }
    if (value.vatId && !isVatIdFormat(value.vatId)) ctx.addIssue({ code: "custom", path: ["vatId"], message: "vat_format" });
    const postalCode = value.countryCode === "NL" ? dutchPostalCode(value.postalCode) : value.postalCode;
    if (!postalCode) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: "postal_code_format" });
      return z.NEVER;
    }
    return { ...value, postalCode };
  });
export type AccountRequestInput = z.infer<typeof accountRequestSchema>;

export type AccountRequestOutcome = "received" | "throttled";

export async function requestAccount(
  input: AccountRequestInput,
  context: { remoteAddress: string | null; now: Date; baseUrl: string },
): Promise<AccountRequestOutcome> {
  const keys = accountThrottleKeys("register", input.email, context.remoteAddress);
  if ((await throttleStatus(keys, context.now)).blocked) return "throttled";
  await recordLoginFailure(keys, context.now);
  const { website, ...details } = input;
  if (website) return "received";
  const existing = await getActiveUserByEmail(details.email);
  if (existing) {
    const links = { login: `${context.baseUrl}/login`, forgotPassword: `${context.baseUrl}/forgot-password` };
    await queueMails([accountExistsMail({ email: existing.email, name: existing.name, locale: existing.locale }, links)], context.now);
    return "received";
  }
  const domain = organisationDomain(details.email);
  // A customer that lets its domain join automatically takes the person in at once (lib/account/auto-join.ts).
  const autoJoin = await autoJoinTarget(domain);
  if (autoJoin && (await joinAutomatically(details, autoJoin, context))) return "received";
  const [staff, matches] = await Promise.all([
    listStaffMembers(),
    findMatchingCompanies({ kvkNumber: details.kvkNumber, vatId: details.vatId, emailDomain: domain }),
  ]);
  const admins = staff.filter((member) => member.role === "admin" && member.active);
  const matched = matches.slice(0, 5).map((company) => company.id);
  // A request that may come from a customer is its company admins' to decide as well (lib/account/join-requests.ts),
  // and its account managers' — a new prospect is the admins' to hand out, a customer's colleague is not.
  const [companyAdmins, managers] = await Promise.all([listActiveCompanyAdmins(matched), Promise.all(matched.map((id) => listCustomerManagers(id)))]);
  const reviewers = [...admins, ...managers.flat().filter((member) => member.active)].filter((member, index, all) => all.findIndex((other) => other.id === member.id) === index);
  // The request's id is not known before it is stored; the mails link to the queues.
  const link = `${context.baseUrl}/admin/account-requests`;
  const joinLink = `${context.baseUrl}/account/users#join-requests`;
  await savePendingAccountRequest(
    details,
    [
      accountRequestReceivedMail(details),
      ...reviewers.map((reviewer) => newAccountRequestMail(reviewer, details, link)),
      ...companyAdmins.map((companyAdmin) => joinRequestMail(companyAdmin, details, joinLink)),
    ],
    context.now,
  );
  return "received";
}
