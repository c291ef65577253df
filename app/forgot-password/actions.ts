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
 * Public: asks for a reset link (lib/auth/password-reset.ts) and answers on the page, through a
 * redirect so the form works without JavaScript. The same "sent" whether or not the address has an
 * account; the mail goes out after the answer, so the answer's timing does not tell either.
 */
export async function requestPasswordResetAction(formData: FormData): Promise<void> {
  const baseUrl = await selfServiceResetBaseUrl();
  if (!baseUrl) redirect("/forgot-password");
  const typed = String(formData.get("email") ?? "").trim();
  // After a refusal the field keeps what was typed (the answer comes back through the address, so
  // it works without JavaScript); after "sent" it starts empty, as for a next address.
  const again = (status: string) => `/forgot-password?status=${status}&email=${encodeURIComponent(typed.slice(0, 254))}`;
  const email = emailSchema.safeParse(typed);
  if (!email.success) redirect(again("invalid"));
  const outcome = await requestPasswordReset(email.data, { remoteAddress: clientAddress(await headers()), now: new Date(), baseUrl });
  if (outcome === "sent") after(() => deliverQueuedMail());
  redirect(outcome === "sent" ? "/forgot-password?status=sent" : again(outcome));
}
