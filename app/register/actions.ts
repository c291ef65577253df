"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { z } from "zod";
import { ACCOUNT_REQUEST_FIELDS, type AccountRequestFormState } from "@/components/auth/account-request-fields";
import { accountRequestSchema, requestAccount } from "@/lib/account-requests/request-account";
import { clientAddress } from "@/lib/auth/client-address";
import { selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { deliverQueuedMail } from "@/lib/mail/send-mail";

/**
 * Public: asks for an account (lib/account-requests/request-account.ts) and answers in the form's
 * state: errors per field (message keys of accountRequestSchema) with the typed values, "throttled",
 * or the thank-you — the same whether or not the address already has an account. Mail goes out
 * after the answer, so the answer's timing does not tell either. Like "forgot password", the form is
 * off without a trustworthy base URL for the links in the mails (production without APP_URL).
 */
export async function requestAccountAction(_previous: AccountRequestFormState, formData: FormData): Promise<AccountRequestFormState> {
  const baseUrl = await selfServiceResetBaseUrl();
  if (!baseUrl) return { status: "unavailable" };
  const values = Object.fromEntries(ACCOUNT_REQUEST_FIELDS.map((field) => [field, String(formData.get(field) ?? "").slice(0, 2000)]));
  const parsed = accountRequestSchema.safeParse({ ...values, locale: formData.get("locale"), website: String(formData.get("website") ?? "") });
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const outcome = await requestAccount(parsed.data, { remoteAddress: clientAddress(await headers()), now: new Date(), baseUrl });
  if (outcome === "throttled") return { status: "throttled", values };
  after(() => deliverQueuedMail());
  return { status: "received" };
}
