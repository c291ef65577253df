"use server";

import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/safe-action";
import { MIN_PASSWORD_LENGTH, setPasswordWithLink } from "@/lib/admin/set-password";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { renewPasswordLink, selfServiceResetBaseUrl } from "@/lib/auth/password-reset";
import { afterSignInPath } from "@/lib/auth/return-path";
import { settleSignedInBrowser } from "@/lib/auth/signed-in-browser";
import { isAppError } from "@/lib/errors";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { deliverQueuedMail } from "@/lib/mail/send-mail";

const schema = z
  .object({
    token: z.string().min(20).max(100),
    password: z.string().min(MIN_PASSWORD_LENGTH, "too_short").max(200, "too_long"),
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "mismatch" });

/** Public: whoever holds the single-use link (the invited or resetting user) chooses the password. */
export async function setPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { status: "error", code: "invalid_input", message: parsed.error.issues[0]?.message ?? "invalid_input" };
  }
  try {
    const { email, locale } = await setPasswordWithLink(parsed.data.token, parsed.data.password, new Date());
    // Whoever just chose the password need not type the address and password again: signed in
    // with them now, through the same Auth.js credentials check as the sign-in page (throttle,
    // two-step). Refused (two-step is on, after a reset; throttled): the answer says "done" and the
    // card shows the sign-in form with the address filled in (never the address in a URL).
    if (await signInWithChosenPassword(email, parsed.data.password)) {
      const user = await settleSignedInBrowser(email);
      redirect(afterSignInPath(null, user?.role));
    }
    // The page spoke the user's language in a browser that chose none: the sign-in page next does too.
    const jar = await cookies();
    if (!jar.has(LOCALE_COOKIE)) jar.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return { status: "ok", data: { email } };
  } catch (error) {
    if (isAppError(error) && error.message === "token_invalid") return { status: "error", code: error.code, message: "token_lapsed" };
    if (isAppError(error)) return { status: "error", code: error.code, message: error.message };
    throw error;
  }
}

/** true when signed in; false when Auth.js refused (an AuthError); anything else is a real failure. */
async function signInWithChosenPassword(email: string, password: string): Promise<boolean> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return true;
  } catch (error) {
    if (error instanceof AuthError) return false;
    throw error;
  }
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/**
 * Public: "Send me a new link" on the page of a lapsed link (lib/auth/password-reset.ts
 * renewPasswordLink), answered on the same page through a redirect, so it works without JavaScript.
 * The mail goes out after the answer.
 */
export async function renewPasswordLinkAction(formData: FormData): Promise<void> {
  const token = tokenSchema.safeParse(formData.get("token"));
  const baseUrl = await selfServiceResetBaseUrl();
  if (!token.success || !baseUrl) redirect("/set-password");
  const outcome = await renewPasswordLink(token.data, { remoteAddress: clientAddress(await headers()), now: new Date(), baseUrl });
  if (outcome === "sent") after(() => deliverQueuedMail());
  const renewed = outcome === "not_renewable" ? "" : `&renewed=${outcome}`;
  redirect(`/set-password?token=${encodeURIComponent(token.data)}${renewed}`);
}
