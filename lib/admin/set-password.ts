import "server-only";
import { createHash } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { findUsableToken, redeemTokenWithPassword, type TokenHolder } from "@/lib/data/user-accounts";

/** The customer-user side of invitations and password resets: a single-use link sets the password. */

export const MIN_PASSWORD_LENGTH = 12;

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function checkPasswordLink(token: string, now: Date): Promise<TokenHolder | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return findUsableToken(hashToken(token), now);
}

export async function setPasswordWithLink(token: string, password: string, now: Date): Promise<{ email: string }> {
  return redeemTokenWithPassword(hashToken(token), await hashPassword(password), now);
}
