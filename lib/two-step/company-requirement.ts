import "server-only";
import { z } from "zod";
import { setCompanyTwoStepRequired } from "@/lib/data/company-security";
import type { SecurityActor } from "@/lib/data/two-step";
import { dateTimeText } from "@/lib/format";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { twoStepRequiredMail } from "@/lib/mail/two-step-mails";

/**
 * A customer requires two-step verification of all its users (or stops requiring it), from either
 * user list: the company admin's (lib/account/two-step.ts) or the account manager's / an admin's
 * (lib/admin/two-step.ts). Who may is checked there; this stores it, logs it and mails the users
 * who still have to set it up. Enforced by the guards (lib/two-step/required.ts).
 */

/** The user lists' form: a checkbox, absent when unticked. */
export const twoStepRequirementSchema = z.object({
  required: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});

export interface TwoStepRequirementOutcome {
  /** False: it already was as asked (nothing stored, nobody mailed). */
  changed: boolean;
  /** How many users were mailed that they must set it up at their next visit. */
  notified: number;
}

export async function changeCompanyTwoStepRequirement(
  company: { id: number; name: string },
  required: boolean,
  actor: SecurityActor,
  now: Date,
): Promise<TwoStepRequirementOutcome> {
  const notified = await setCompanyTwoStepRequired(
    company.id,
    {
      required,
      actor,
      mail: (user) => twoStepRequiredMail(user, { companyName: company.name, byName: actor.name, when: dateTimeText(now, user.locale) }),
    },
    now,
  );
  if (notified?.length) await deliverQueuedMail();
  return { changed: notified !== null, notified: notified?.length ?? 0 };
}

/** The action's answer (texts under twoStep.messages). */
export function requirementMessage(required: boolean, outcome: TwoStepRequirementOutcome): { status: "ok"; message: string; data: Record<string, number> } {
  const message = !outcome.changed ? "two_step_requirement_unchanged" : required ? "two_step_requirement_on" : "two_step_requirement_off";
  return { status: "ok", message, data: { count: outcome.notified } };
}
