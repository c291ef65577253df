import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { findTokenRecord, findUsableToken, issueUserToken, redeemTokenWithPassword, type TokenHolder } from "@/lib/data/user-accounts";
import { dateTimeText } from "@/lib/format";
import { invitationRenewedMail, passwordResetMail } from "./mail-templates";

/** The customer-user side of invitations and password resets: a single-use link sets the password. */

export const MIN_PASSWORD_LENGTH = 12;

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** A new single-use link token: the token goes into the e-mail, only its SHA-256 is stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/** Where an invitation or reset e-mail leads: the set-password page with the token. */
export function setPasswordLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/set-password?token=${encodeURIComponent(token)}`;
}

export async function checkPasswordLink(token: string, now: Date): Promise<TokenHolder | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return findUsableToken(hashToken(token), now);
}

/**
 * What the set-password page says about a link, beyond "usable": a person who clicks their
 * invitation again after choosing a password is told to sign in, and one whose link lapsed (expired,
 * or replaced by a newer one) learns that and may have a new one sent to the same address at once
 * (`renewable`, lib/auth/password-reset.ts) instead of being sent to "forgot password". Only the
 * token's holder sees this, and the usable page already shows them the address. The recipient's
 * language comes along, so the page speaks it in a browser that never chose one.
 */
export type PasswordLinkState =
  | { state: "usable"; holder: TokenHolder }
  | { state: "password_chosen"; purpose: "invite"; locale: "nl" | "en" }
  | { state: "lapsed"; purpose: "invite" | "password_reset"; reason: "expired" | "replaced"; expiresAt: Date; email: string; locale: "nl" | "en"; renewable: boolean }
  | { state: "unknown" };

export async function passwordLinkState(token: string, now: Date): Promise<PasswordLinkState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const holder = await findUsableToken(hashToken(token), now);
  if (holder) return { state: "usable", holder };
  const record = await findTokenRecord(hashToken(token));
  // A deactivated user's links say no more than a link that never existed.
  if (!record || !record.userActive) return { state: "unknown" };
  if (record.purpose === "invite" && record.hasPassword) return { state: "password_chosen", purpose: "invite", locale: record.locale };
  return {
    state: "lapsed",
    purpose: record.purpose,
    reason: record.usedAt === null ? "expired" : "replaced",
    expiresAt: record.expiresAt,
    email: record.email,
    locale: record.locale,
    // As "forgot password" would (lib/auth/password-reset.ts): a reset for whoever has a password, a new
    // invitation for an invited customer user; a staff member's invitation is an administrator's to resend.
    renewable: record.hasPassword || (record.companyId !== null && record.purpose === "invite"),
  };
}

export async function setPasswordWithLink(token: string, password: string, now: Date): Promise<{ email: string; locale: "nl" | "en" }> {
  return redeemTokenWithPassword(hashToken(token), await hashPassword(password), now);
}

type LinkRecipient = { id: number; email: string; name: string; locale: "nl" | "en" };
type LinkOptions = { validForMs: number; baseUrl: string; companyName: string; now: Date };

/**
 * A set-password link of `purpose` for `user`, valid `validForMs`, with the e-mail `mailFor` writes for it,
 * queued in the same transaction (earlier open links of the purpose stop working).
 */
async function issueLinkWithMail(
  user: LinkRecipient,
  purpose: "password_reset" | "invite",
  createdBy: number | null,
  options: LinkOptions,
  mailFor: (text: { toEmail: string; toName: string; locale: "nl" | "en"; link: string; companyName: string; validUntil: string }) => ReturnType<typeof passwordResetMail>,
): Promise<void> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(options.now.getTime() + options.validForMs);
  const mail = mailFor({
    toEmail: user.email,
    toName: user.name,
    locale: user.locale,
    link: setPasswordLink(options.baseUrl, token),
    companyName: options.companyName,
    validUntil: dateTimeText(expiresAt, user.locale),
  });
  await issueUserToken(user.id, purpose, createdBy, { tokenHash, expiresAt, mail }, options.now);
}

/**
 * A password-reset link for `user` and its e-mail: sent by staff (`createdBy`) or asked for on the
 * sign-in page (null).
 */
export async function issuePasswordResetLink(user: LinkRecipient, options: LinkOptions & { createdBy: number | null }): Promise<void> {
  await issueLinkWithMail(user, "password_reset", options.createdBy, options, (text) =>
    passwordResetMail({ ...text, requestedBy: options.createdBy === null ? "self" : "staff" }),
  );
}

/**
 * An invited customer user who never chose a password asks for a new link (their invitation expired
 * or got lost): a fresh invitation to the same address, replacing earlier ones.
 */
export async function issueRenewedInvitation(user: LinkRecipient, options: LinkOptions): Promise<void> {
  await issueLinkWithMail(user, "invite", null, options, invitationRenewedMail);
}
