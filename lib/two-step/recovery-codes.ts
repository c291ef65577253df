import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/**
 * One-time recovery codes for a user without their phone. Each is 16 characters of Crockford's
 * base32 (80 random bits) shown as `abcd-efgh-jkmn-pqrs`: far beyond guessing, so a fast SHA-256 is
 * enough to store them (a slow password hash protects low-entropy secrets, which these are not).
 * Typed codes are forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
 */

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 16;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** The code in its stored form (16 lower-case characters), or null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** SHA-256 of the normalised code (hex); null for input that is no recovery code. */
export function hashRecoveryCode(input: string): string | null {
  const code = normaliseRecoveryCode(input);
  return code === null ? null : createHash("sha256").update(`koppel-recovery-code\0${code}`).digest("hex");
}

/**
 * Which stored code the input is: compares against every candidate in constant time (no early
 * exit), so the answer's timing tells nothing about how close a guess was. The id, or null.
 */
export function matchRecoveryCode<T extends { id: number; codeHash: string }>(candidates: readonly T[], input: string): T | null {
  const hash = hashRecoveryCode(input);
  if (hash === null) return null;
  const typed = Buffer.from(hash, "hex");
  let found: T | null = null;
  for (const candidate of candidates) {
    const stored = Buffer.from(candidate.codeHash, "hex");
    if (stored.length === typed.length && timingSafeEqual(stored, typed) && found === null) found = candidate;
  }
  return found;
}
