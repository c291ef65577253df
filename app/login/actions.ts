"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SignInNeedsSecondStep, SignInSecondStepWrong, SignInThrottled, signIn, signInSchema } from "@/lib/auth";
import { nextLoginState, type LoginState, type SignInRefusal } from "@/lib/auth/login-state";
import { afterSignInPath } from "@/lib/auth/return-path";
import { getActiveUserByEmail, updateUserLocale } from "@/lib/data/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { clearPunchoutTrace, PUNCHOUT_TRACE_COOKIE } from "@/lib/punchout/browser-session";

export type { LoginState } from "@/lib/auth/login-state";

/** Which refusal a failed signIn() was (authorize's CredentialsSignin subclasses); null for a real failure. */
function refusalOf(error: unknown): SignInRefusal | null {
  if (error instanceof SignInThrottled) return "throttled";
  if (error instanceof SignInNeedsSecondStep) return "two_step_required";
  if (error instanceof SignInSecondStepWrong) return "two_step_invalid";
  return error instanceof AuthError ? "invalid" : null;
}

export async function loginAction(previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password"), code: formData.get("code") ?? undefined });
  if (!parsed.success) return nextLoginState(previous, "invalid");
  const { email, password, code } = parsed.data;
  try {
    // No code (first step): no `code` field at all, so authorize sees none.
    await signIn("credentials", { email, password, ...(code ? { code } : {}), redirect: false });
  } catch (error) {
    // A failed authorize() surfaces as CredentialsSignin (or one of ours, with its own code);
    // anything else is a real failure.
    const refusal = refusalOf(error);
    if (refusal) return nextLoginState(previous, refusal);
    throw error;
  }
  // A language chosen on this device before signing in wins and becomes the profile language;
  // otherwise the profile language applies. After a punchout session in this browser the language
  // was the procurement system's (or its shopper's), not this user's: their profile's applies.
  const jar = await cookies();
  const afterPunchout = jar.has(PUNCHOUT_TRACE_COOKIE);
  const chosen = afterPunchout ? undefined : jar.get(LOCALE_COOKIE)?.value;
  // This browser is somebody's own sign-in now: no "punchout session ended" for it any more.
  await clearPunchoutTrace();
  const user = await getActiveUserByEmail(email);
  if (user && (chosen === "nl" || chosen === "en")) {
    if (chosen !== user.locale) await updateUserLocale(user.id, chosen);
  } else if (user) {
    jar.set(LOCALE_COOKIE, user.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  }
  // Only a path on this site (lib/auth/return-path.ts): never an open redirect to a look-alike sign-in page.
  // Staff who asked for no page in particular go to the back office.
  redirect(afterSignInPath(formData.get("callbackUrl"), user?.role));
}
