import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Binds a sign-in to the password it was made with. The JWT carries a keyed fingerprint of the
 * user's password hash (never the hash itself); getCurrentUser compares it with the hash in the
 * database on every request, so changing or resetting a password ends every other session at once
 * — a stolen session cookie dies with the old password. The hash gets a fresh salt on every
 * change, so even setting the same password again rotates the fingerprint.
 */
export function credentialFingerprint(passwordHash: string): string {
  return createHmac("sha256", env.AUTH_SECRET ?? "").update(`koppel-session-binding\0${passwordHash}`).digest("base64url").slice(0, 32);
}

/** Constant-time: does the session's fingerprint belong to the current password hash? */
export function sessionMatchesCredential(sessionFingerprint: unknown, passwordHash: string | null): boolean {
  if (typeof sessionFingerprint !== "string" || !passwordHash) return false;
  const expected = Buffer.from(credentialFingerprint(passwordHash));
  const actual = Buffer.from(sessionFingerprint);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
