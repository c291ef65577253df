import "server-only";
import { clearLoginFailures, recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { getTwoStepFactor } from "@/lib/data/two-step";
import { getActiveUserByEmail, recordSignIn, type UserRecord } from "@/lib/data/users";
import { checkSecondFactor } from "@/lib/two-step/second-factor";
import { dummyPasswordHash, verifyPassword } from "./password";

export type ShopSignIn =
  | { ok: true; user: UserRecord & { passwordHash: string } }
  /**
   * `throttled`: too many failures for this e-mail address or client address in the last minutes.
   * `two_step_required`: the password is right and the user has two-step verification on, but no
   * code came with it (nothing counted); `two_step_invalid`: the code was wrong or used (counted).
   */
  | { ok: false; reason: "invalid" | "throttled" | "two_step_required" | "two_step_invalid" };

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
 *
 * With two-step verification on, the right password alone does not sign in: the form asks for the
 * code and sends all three again, and the password is checked again before the code. A wrong or
 * reused code counts against both keys like a wrong password (five codes in 15 minutes, no more),
 * and failures are cleared only once both steps passed — a right password alone clears nothing,
 * or it would reset the count of code guesses. A pending (unconfirmed) secret is no second step.
 */
export async function signInShopUser(email: string, password: string, context: { remoteAddress: string | null; now: Date; code?: string }): Promise<ShopSignIn> {
  const keys = accountThrottleKeys("shop", email, context.remoteAddress);
  const throttle = await throttleStatus(keys, context.now);
  if (throttle.blocked) return { ok: false, reason: "throttled" };
  const user = await getActiveUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !ok) {
    await recordLoginFailure(keys, context.now);
    return { ok: false, reason: "invalid" };
  }
  if (user.twoStepSince) {
    const factor = await getTwoStepFactor(user.id);
    if (factor?.confirmedAt) {
      if (!context.code?.trim()) return { ok: false, reason: "two_step_required" };
      if (!(await checkSecondFactor(user, factor, context.code, context.now, "sign_in")).ok) {
        await recordLoginFailure(keys, context.now);
        return { ok: false, reason: "two_step_invalid" };
      }
    }
  }
  if (throttle.withFailures.has(keys[0]!)) await clearLoginFailures([keys[0]!]);
  await recordSignIn(user.id, context.now);
  return { ok: true, user: { ...user, passwordHash: user.passwordHash } };
}
