"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset, selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { deliverQueuedMail } from "@/lib/mail/send-mail";

const emailSchema = z.email().max(254);

/**
 * The answer on the page, with the address as typed: the field keeps it, so the user sees where the
 * mail went and can correct a typo. It travels in the action's answer only, never in a URL (an
 * address in a URL lands in the browser's history, proxy and server logs, and Referer headers).
 */
export type ForgotPasswordState = { status: "idle" } | { status: "sent" | "invalid" | "throttled"; email: string };

/**
 * Public: asks for a reset link (lib/auth/password-reset.ts) and answers in the form's state
 * (useActionState; without JavaScript the same action answers the form post with the page). The same
 * "sent" whether or not the address has an account; the mail goes out after the answer, so the
 * answer's timing does not tell either.
 */
export async function requestPasswordResetAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const baseUrl = await selfServiceResetBaseUrl();
  // No self-service reset (production without APP_URL): the page says whom to ask instead.
  if (!baseUrl) redirect("/forgot-password");
  const typed = String(formData.get("email") ?? "").trim();
  const answer = (status: "sent" | "invalid" | "throttled"): ForgotPasswordState => ({ status, email: typed.slice(0, 254) });
  const email = emailSchema.safeParse(typed);
  if (!email.success) return answer("invalid");
  const outcome = await requestPasswordReset(email.data, { remoteAddress: clientAddress(await headers()), now: new Date(), baseUrl });
  if (outcome === "sent") after(() => deliverQueuedMail());
  return answer(outcome);
}
