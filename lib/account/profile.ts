import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getPasswordHash, replacePasswordHash, updateOwnProfile } from "@/lib/data/account";
import { AppError } from "@/lib/errors";

/** The signed-in user's own profile: name, language and password. */

export const MIN_PASSWORD_LENGTH = 12;

type ProfileUser = Pick<BuyerUser, "id" | "impersonatedBy">;

function assertSelf(user: ProfileUser): void {
  // Staff viewing the shop as a customer never change that customer's profile or password.
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
}

export async function updateProfile(user: ProfileUser, input: { name: string; locale: "nl" | "en" }): Promise<void> {
  assertSelf(user);
  await updateOwnProfile(user.id, input);
}

export async function changePassword(user: ProfileUser, input: { currentPassword: string; newPassword: string }): Promise<void> {
  assertSelf(user);
  const stored = await getPasswordHash(user.id);
  if (!stored) throw new AppError("conflict", "no_password_login");
  if (!(await verifyPassword(input.currentPassword, stored))) throw new AppError("invalid_input", "current_password_wrong", { field: "currentPassword" });
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) throw new AppError("invalid_input", "password_too_short", { field: "newPassword", min: MIN_PASSWORD_LENGTH });
  if (input.newPassword === input.currentPassword) throw new AppError("invalid_input", "password_unchanged", { field: "newPassword" });
  if (!(await replacePasswordHash(user.id, stored, await hashPassword(input.newPassword)))) throw new AppError("conflict", "password_changed_meanwhile");
}
