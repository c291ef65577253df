import { HOTP, Secret, TOTP } from "otpauth";

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app reads them: SHA-1, 6 digits,
 * 30-second steps, issuer "Koppel" and the e-mail address as label. Pure: the time is passed in.
 */

export const TOTP_ISSUER = "Koppel";
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_S = 30;
const ALGORITHM = "SHA1";
/** Accepted clock drift: the step before and the step after the current one. */
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits, RFC 4226's recommended length) as base32 for the app. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/Koppel:<e-mail>?secret=…&issuer=Koppel…` URI the QR code carries. */
export function otpauthUri(secretBase32: string, email: string): string {
  return new TOTP({ issuer: TOTP_ISSUER, label: email, secret: Secret.fromBase32(secretBase32), algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_S }).toString();
}

/** The base32 secret in groups of four, as people type it into an app. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The 30-second step a moment falls in (unix seconds / 30). */
export function totpStep(nowMs: number): number {
  return TOTP.counter({ period: TOTP_PERIOD_S, timestamp: nowMs });
}

/** The code of one step (tests, and the e2e journey's "authenticator app"). */
export function totpCode(secretBase32: string, nowMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_S, timestamp: nowMs });
}

/** Six digits, spaces allowed ("123 456"), as typed or pasted. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

export type TotpMatch = { ok: true; step: number } | { ok: false; reason: "wrong" | "reused" };

/**
 * Which step a typed code belongs to, within the drift window, skipping steps at or before the last
 * one accepted for this user: a code works once (RFC 6238 §5.2), and so does every code before it.
 * `reused` when the code is right but its step was used already. The caller stores the step it
 * returns only if it is still newer than the stored one (lib/data/two-step.ts), so two parallel
 * sign-ins with one code cannot both pass.
 */
export function matchTotpCode(secretBase32: string, input: string, nowMs: number, lastUsedStep: number | null): TotpMatch {
  const code = normaliseTotpCode(input);
  if (!code) return { ok: false, reason: "wrong" };
  const secret = Secret.fromBase32(secretBase32);
  const current = totpStep(nowMs);
  let reused = false;
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    // HOTP.validate compares in constant time.
    if (HOTP.validate({ token: code, secret, algorithm: ALGORITHM, digits: TOTP_DIGITS, counter: step, window: 0 }) === null) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) reused = true;
    else return { ok: true, step };
  }
  return { ok: false, reason: reused ? "reused" : "wrong" };
}
