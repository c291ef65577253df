import "server-only";
import { cookies } from "next/headers";
import { getActiveUserByEmail, updateUserLocale } from "@/lib/data/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { clearPunchoutTrace, PUNCHOUT_TRACE_COOKIE } from "@/lib/punchout/browser-session";

/**
 * What a browser that has just signed `email` in (Auth.js signIn, from the sign-in page or right
 * after choosing a password on an invitation/reset link) carries on with; returns the user's role
 * for where to go next (lib/auth/return-path.ts afterSignInPath).
 *
 * A language chosen on this device before signing in wins and becomes the profile language;
 * otherwise the profile language applies. After a punchout session in this browser the language
 * was the procurement system's (or its shopper's), not this user's: their profile's applies.
 */
export async function settleSignedInBrowser(email: string): Promise<{ role: string } | null> {
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
  return user ? { role: user.role } : null;
}
