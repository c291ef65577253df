import "server-only";
import { clearLoginFailures, recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { getActiveUserByEmail, type UserRecord } from "@/lib/data/users";
import { dummyPasswordHash, verifyPassword } from "./password";

export type ShopSignIn =
  | { ok: true; user: UserRecord & { passwordHash: string } }
  /** `throttled`: too many failures for this e-mail address or client address in the last minutes. */
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * The throttle keys of a sign-in ("shop") or a reset request ("reset"): the e-mail address as typed
 * (whether or not an account has it, so the answer tells nothing about which addresses exist) and
 * the client address when known. The policies are the punchout logins' (lib/punchout/throttle-policy.ts):
 * 5 per address and 30 per client address within 15 minutes block that key for 15 minutes.
 */
export function accountThrottleKeys(scope: "shop" | "reset" | "register", email: string, remoteAddress: string | null): string[] {
  return [`${scope}:user:${email.trim().toLowerCase().slice(0, 254)}`, ...(remoteAddress ? [`${scope}:ip:${remoteAddress}`] : [])];
}

/**
 * Checks a shop user's e-mail and password (Auth.js `authorize`). A blocked key is refused before
 * the password is looked at, even a right one, so guessing cannot go on; every wrong password or
 * unknown address counts against both keys; a success clears the address's failures. Unknown
 * addresses are checked against a dummy hash, so timing does not tell them apart either.
 */
export async function signInShopUser(email: string, password: string, context: { remoteAddress: string | null; now: Date }): Promise<ShopSignIn> {
  const keys = accountThrottleKeys("shop", email, context.remoteAddress);
  const throttle = await throttleStatus(keys, context.now);
  if (throttle.blocked) return { ok: false, reason: "throttled" };
  const user = await getActiveUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !ok) {
    await recordLoginFailure(keys, context.now);
    return { ok: false, reason: "invalid" };
  }
  if (throttle.withFailures.has(keys[0]!)) await clearLoginFailures([keys[0]!]);
  return { ok: true, user: { ...user, passwordHash: user.passwordHash } };
}
