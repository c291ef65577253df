import "server-only";
import type { BuyerUser, PunchoutContext } from "@/lib/auth/guards";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { accountThrottleKeys } from "@/lib/auth/shop-sign-in";
import { getPasswordHash, replacePasswordHash, updateOwnProfile } from "@/lib/data/account";
import { clearLoginFailures, recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { AppError } from "@/lib/errors";

/** The signed-in user's own profile: name, language and password. */

export const MIN_PASSWORD_LENGTH = 12;

type ProfileUser = Pick<BuyerUser, "id" | "email" | "impersonatedBy"> & { punchout?: Pick<PunchoutContext, "technicalUser"> | null };

function assertSelf(user: ProfileUser): void {
  // Staff viewing the shop as a customer never change that customer's profile or password.
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
}

export async function updateProfile(user: ProfileUser, input: { name: string; locale: "nl" | "en" }): Promise<void> {
  assertSelf(user);
  // A connection's technical user is shared by everybody its procurement system sends: whoever
  // punches out today does not rename it (its name is the requester on quotes and orders) for all.
  if (user.punchout?.technicalUser) throw new AppError("forbidden", "punchout_shared_account");
  await updateOwnProfile(user.id, input);
}

/**
 * Changes the password after checking the current one. A wrong current password counts against the
 * same throttle key as a wrong password at sign-in (five per e-mail address in 15 minutes, then that
 * address is blocked for 15 minutes, here as there): whoever holds an unattended session cannot guess
 * the password here without limit and then lock the owner out with a new one.
 */
export async function changePassword(user: ProfileUser, input: { currentPassword: string; newPassword: string }, now: Date): Promise<void> {
  assertSelf(user);
  // Sign-in security, like two-step verification (lib/two-step/two-step.ts): not from a session the
  // procurement system signed in; the action would also sign the browser in with the new password.
  if (user.punchout) throw new AppError("forbidden", "password_not_in_punchout");
  const stored = await getPasswordHash(user.id);
  if (!stored) throw new AppError("conflict", "no_password_login");
  const [accountKey] = accountThrottleKeys("shop", user.email, null);
  const throttle = await throttleStatus([accountKey!], now);
  if (throttle.blocked) throw new AppError("invalid_input", "password_attempts_throttled", { field: "currentPassword" });
  if (!(await verifyPassword(input.currentPassword, stored))) {
    await recordLoginFailure([accountKey!], now);
    throw new AppError("invalid_input", "current_password_wrong", { field: "currentPassword" });
  }
  if (throttle.withFailures.has(accountKey!)) await clearLoginFailures([accountKey!]);
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) throw new AppError("invalid_input", "password_too_short", { field: "newPassword", min: MIN_PASSWORD_LENGTH });
  if (input.newPassword === input.currentPassword) throw new AppError("invalid_input", "password_unchanged", { field: "newPassword" });
  if (!(await replacePasswordHash(user.id, stored, await hashPassword(input.newPassword)))) throw new AppError("conflict", "password_changed_meanwhile");
}
