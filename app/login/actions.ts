"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SignInThrottled, signIn, signInSchema } from "@/lib/auth";
import { getActiveUserByEmail, updateUserLocale } from "@/lib/data/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

/** `throttled`: too many failed attempts for this address (or client) in the last 15 minutes. */
export type LoginState = { error: "invalid" | "throttled" | null };

/** Only same-site relative paths are allowed as post-login destinations. */
function safeCallbackUrl(value: FormDataEntryValue | null): string {
  const text = typeof value === "string" ? value : "";
  return text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/\\") ? text : "/";
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "invalid" };
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    // A failed authorize() surfaces as CredentialsSignin (SignInThrottled when refused before the
    // password was checked); anything else is a real failure.
    if (error instanceof SignInThrottled) return { error: "throttled" };
    if (error instanceof AuthError) return { error: "invalid" };
    throw error;
  }
  // A language chosen on this device before signing in wins and becomes the profile language;
  // otherwise the profile language applies.
  const jar = await cookies();
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const user = await getActiveUserByEmail(parsed.data.email);
  if (user && (chosen === "nl" || chosen === "en")) {
    if (chosen !== user.locale) await updateUserLocale(user.id, chosen);
  } else if (user) {
    jar.set(LOCALE_COOKIE, user.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  }
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}
