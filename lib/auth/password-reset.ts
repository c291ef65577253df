import "server-only";
import { issuePasswordResetLink } from "@/lib/admin/set-password";
import { recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { accountThrottleKeys } from "./shop-sign-in";
import { getActiveUserByEmail } from "@/lib/data/users";
import { env } from "@/lib/env";
import { mailBaseUrl } from "@/lib/mail/base-url";

/** A link asked for on the sign-in page is for the person waiting for it: valid one hour (staff links: 24 h). */
export const SELF_SERVICE_RESET_VALID_MINUTES = 60;

/**
 * The base URL of a self-service reset link: APP_URL. Without it only in development the request's
 * host: in production a link built from a Host header the requester chose would carry the victim's
 * token to the requester's site (password-reset poisoning). Null: self-service reset is off.
 */
export async function selfServiceResetBaseUrl(): Promise<string | null> {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  return process.env.NODE_ENV === "production" ? null : mailBaseUrl();
}

/**
 * "Forgot password" on the sign-in page: e-mails a single-use link to choose a new password, valid
 * one hour, to an active user who already has a password (invited users who never chose one, and
 * punchout-only users, get nothing: their invitation is staff's or the company admin's to resend).
 * The answer is "sent" whether or not such an account exists, so the form tells nobody which
 * addresses do; the mail is only queued here (the caller delivers it after answering). Every request
 * counts against its keys like a failed sign-in (lib/punchout/throttle-policy.ts): at most five
 * requests per address and 30 per client address in 15 minutes, so the form cannot flood a mailbox.
 */
export async function requestPasswordReset(
  email: string,
  context: { remoteAddress: string | null; now: Date; baseUrl: string },
): Promise<"sent" | "throttled"> {
  const keys = accountThrottleKeys("reset", email, context.remoteAddress);
  if ((await throttleStatus(keys, context.now)).blocked) return "throttled";
  await recordLoginFailure(keys, context.now);
  const user = await getActiveUserByEmail(email);
  if (!user?.passwordHash) return "sent";
  await issuePasswordResetLink(user, {
    createdBy: null,
    validForMs: SELF_SERVICE_RESET_VALID_MINUTES * 60_000,
    baseUrl: context.baseUrl,
    companyName: user.companyName ?? "",
    now: context.now,
  });
  return "sent";
}
