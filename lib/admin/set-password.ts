import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { findUsableToken, issueUserToken, redeemTokenWithPassword, type TokenHolder } from "@/lib/data/user-accounts";
import { dateTimeText } from "@/lib/format";
import { passwordResetMail } from "./mail-templates";

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

export async function setPasswordWithLink(token: string, password: string, now: Date): Promise<{ email: string }> {
  return redeemTokenWithPassword(hashToken(token), await hashPassword(password), now);
}

/**
 * A password-reset link for `user`, valid `validForMs`, and its e-mail queued with it (earlier open
 * reset links stop working): sent by staff (`createdBy`) or asked for on the sign-in page (null).
 */
export async function issuePasswordResetLink(
  user: { id: number; email: string; name: string; locale: "nl" | "en" },
  options: { createdBy: number | null; validForMs: number; baseUrl: string; companyName: string; now: Date },
): Promise<void> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(options.now.getTime() + options.validForMs);
  const mail = passwordResetMail({
    toEmail: user.email,
    toName: user.name,
    locale: user.locale,
    link: setPasswordLink(options.baseUrl, token),
    companyName: options.companyName,
    validUntil: dateTimeText(expiresAt, user.locale),
    requestedBy: options.createdBy === null ? "self" : "staff",
  });
  await issueUserToken(user.id, "password_reset", options.createdBy, { tokenHash, expiresAt, mail }, options.now);
}
