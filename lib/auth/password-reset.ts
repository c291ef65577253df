import "server-only";
import { issuePasswordResetLink, issueRenewedInvitation, passwordLinkState } from "@/lib/admin/set-password";
import { recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { accountThrottleKeys } from "./shop-sign-in";
import { wasInvited } from "@/lib/data/user-accounts";
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
 * one hour, to an active user who already has a password. An invited customer user who never chose
 * one (the invitation expired or got lost) gets a new invitation link instead, valid as long: the
 * link goes to the invited address only, like the invitation did, and otherwise nobody but staff
 * could help them. Users nobody invited (punchout-only users, staff's users not invited yet) and
 * staff members' invitations get nothing: those are for staff to send.
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
  if (!user) return "sent";
  if (!user.passwordHash) {
    if (user.companyId !== null && (await wasInvited(user.id))) {
      await issueRenewedInvitation(user, {
        validForMs: SELF_SERVICE_RESET_VALID_MINUTES * 60_000,
        baseUrl: context.baseUrl,
        companyName: user.companyName ?? "",
        now: context.now,
      });
    }
    return "sent";
  }
  await issuePasswordResetLink(user, {
    createdBy: null,
    validForMs: SELF_SERVICE_RESET_VALID_MINUTES * 60_000,
    baseUrl: context.baseUrl,
    companyName: user.companyName ?? "",
    now: context.now,
  });
  return "sent";
}

/**
 * "Send me a new link" on the page of a lapsed invitation or reset link (app/set-password): the same
 * as "forgot password" for the link's address, without typing it; throttled alike.
 */
export async function renewPasswordLink(
  token: string,
  context: { remoteAddress: string | null; now: Date; baseUrl: string },
): Promise<"sent" | "throttled" | "not_renewable"> {
  const link = await passwordLinkState(token, context.now);
  if (link.state !== "lapsed" || !link.renewable) return "not_renewable";
  return requestPasswordReset(link.email, context);
}
