/**
 * Where an approved account request stands, for the account manager who approved it: approving
 * only sends the invitation, and until now nothing said whether the new customer ever got in — an
 * invitation that lapsed unused looked the same as a customer who orders. Pure.
 */

export type OnboardingStage =
  | { stage: "signed_in"; at: Date }
  | { stage: "password_chosen" }
  | { stage: "invited"; until: Date }
  | { stage: "invite_expired" }
  | { stage: "deactivated" }
  /** The user is no longer there (or the request was never approved). */
  | { stage: "none" };

export function onboardingStage(
  invitee: { active: boolean; hasPassword: boolean; lastSignInAt: Date | null; inviteExpiresAt: Date | null } | null,
  now: Date,
): OnboardingStage {
  if (!invitee) return { stage: "none" };
  if (!invitee.active) return { stage: "deactivated" };
  if (invitee.lastSignInAt) return { stage: "signed_in", at: invitee.lastSignInAt };
  if (invitee.hasPassword) return { stage: "password_chosen" };
  if (invitee.inviteExpiresAt && invitee.inviteExpiresAt > now) return { stage: "invited", until: invitee.inviteExpiresAt };
  return { stage: "invite_expired" };
}
