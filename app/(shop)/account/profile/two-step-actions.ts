"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { selfAction } from "@/lib/actions/safe-action";
import { isStaff, type SessionUser } from "@/lib/auth/guards";
import { cancelEnrolment, confirmEnrolment, disableTwoStep, renewRecoveryCodes, startEnrolment } from "@/lib/two-step/two-step";

/** Two-step verification on the user's own profile: buyers (/account/profile) and staff (/admin/profile). */

const profilePath = (user: SessionUser) => (isStaff(user) ? "/admin/profile" : "/account/profile");
const bothSteps = z.object({ password: z.string().min(1).max(200), code: z.string().trim().min(1).max(64) });

/** Ends every other session and keeps this one (lib/auth/session-binding.ts). */
async function keepThisSession(user: SessionUser): Promise<void> {
  // Imported here, not at the top: Auth.js needs the Next.js runtime (as in the password change).
  const { rebindSession } = await import("@/lib/auth");
  await rebindSession(user.id);
}

export const startTwoStepAction = selfAction(z.object({}), async (_input, user) => {
  await startEnrolment(user, new Date());
  revalidatePath(profilePath(user));
  return { status: "ok", message: "enrolment_started" };
});

export const cancelTwoStepAction = selfAction(z.object({}), async (_input, user) => {
  await cancelEnrolment(user);
  revalidatePath(profilePath(user));
  return { status: "ok", message: "enrolment_cancelled" };
});

/** The recovery codes travel once, in this answer; only their hashes are stored. */
export const confirmTwoStepAction = selfAction(bothSteps, async (input, user) => {
  const codes = await confirmEnrolment(user, input, new Date());
  await keepThisSession(user);
  revalidatePath(profilePath(user));
  return { status: "ok", message: "two_step_enabled", data: { recoveryCodes: codes.join("\n") } };
});

export const renewRecoveryCodesAction = selfAction(bothSteps, async (input, user) => {
  const codes = await renewRecoveryCodes(user, input, new Date());
  revalidatePath(profilePath(user));
  return { status: "ok", message: "recovery_codes_renewed", data: { recoveryCodes: codes.join("\n") } };
});

export const disableTwoStepAction = selfAction(bothSteps, async (input, user) => {
  await disableTwoStep(user, input, new Date());
  await keepThisSession(user);
  revalidatePath(profilePath(user));
  return { status: "ok", message: "two_step_disabled" };
});
