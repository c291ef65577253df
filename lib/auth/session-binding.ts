import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Binds a sign-in to the password it was made with. The JWT carries a keyed fingerprint of the
 * user's password hash (never the hash itself); getCurrentUser compares it with the hash in the
 * database on every request, so changing or resetting a password ends every other session at once
 * — a stolen session cookie dies with the old password. The hash gets a fresh salt on every
 * change, so even setting the same password again rotates the fingerprint.
 *
 * Two-step verification is part of the same binding: while it is on, the moment it was turned on
 * goes into the fingerprint too. Turning it on ends the sessions that never passed the second step
 * (the reason to turn it on may be a suspicion); turning it off — the user, or staff for a lost
 * phone — ends every session too (a lost phone may hold one). Without two-step verification the
 * fingerprint is exactly what it was before, so no existing session ended when this came in.
 */
export function credentialFingerprint(passwordHash: string, twoStepSince: Date | null = null): string {
  const input = twoStepSince ? `koppel-session-binding\0${passwordHash}\0two-step\0${twoStepSince.getTime()}` : `koppel-session-binding\0${passwordHash}`;
  return createHmac("sha256", env.AUTH_SECRET ?? "").update(input).digest("base64url").slice(0, 32);
}

/** The fingerprint a session of this user must carry now. */
export function credentialOf(user: { passwordHash: string; twoStepSince?: Date | null }): string {
  return credentialFingerprint(user.passwordHash, user.twoStepSince ?? null);
}

/** Constant-time: does the session's fingerprint belong to the current password hash (and two-step state)? */
export function sessionMatchesCredential(sessionFingerprint: unknown, passwordHash: string | null, twoStepSince: Date | null = null): boolean {
  if (typeof sessionFingerprint !== "string" || !passwordHash) return false;
  const expected = Buffer.from(credentialFingerprint(passwordHash, twoStepSince));
  const actual = Buffer.from(sessionFingerprint);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** How long a rebind ticket is good for: it is made and used within one server action. */
const REBIND_TICKET_MS = 60_000;

const ticketMac = (payload: string) => createHmac("sha256", env.AUTH_SECRET ?? "").update(`koppel-session-rebind\0${payload}`).digest("base64url");

/**
 * After the signed-in user changed their own two-step verification (both factors checked by the
 * server action), their current session is moved to the new fingerprint instead of ending with the
 * others: the action hands this ticket to Auth.js's session update in-process (it never reaches a
 * browser), and the jwt callback takes the new fingerprint only from a ticket that is signed with
 * AUTH_SECRET, names the session's own user and has not expired. A client's own session update
 * (which Auth.js also routes to that callback) cannot forge one.
 */
export function rebindTicket(userId: number, credential: string, nowMs: number): string {
  const payload = `${userId}.${credential}.${nowMs + REBIND_TICKET_MS}`;
  return `${payload}.${ticketMac(payload)}`;
}

/** The new fingerprint from a valid ticket for this session's user, else null. */
export function credentialFromRebindTicket(ticket: unknown, sessionUserId: unknown, nowMs: number): string | null {
  if (typeof ticket !== "string" || typeof sessionUserId !== "string") return null;
  const parts = ticket.split(".");
  if (parts.length !== 4) return null;
  const [userId, credential, expiresAt, mac] = parts as [string, string, string, string];
  const expected = Buffer.from(ticketMac(`${userId}.${credential}.${expiresAt}`));
  const actual = Buffer.from(mac);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  if (userId !== sessionUserId || !(Number(expiresAt) > nowMs)) return null;
  return credential;
}
