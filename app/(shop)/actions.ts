"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeReturnPath } from "@/lib/auth/return-path";
import { updateUserLocale } from "@/lib/data/users";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

const localeSchema = z.object({ locale: z.enum(LOCALES), returnTo: z.string().startsWith("/").default("/") });

export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = localeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  const user = await getCurrentUser();
  // Inside a procurement system's frame only a partitioned cookie survives third-party-cookie blocking.
  const crossSite = user?.punchout ? ({ sameSite: "none", secure: true, partitioned: true } as const) : ({ sameSite: "lax" } as const);
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: 365 * 24 * 3600, ...crossSite });
  // Staff viewing the shop as a customer switch their own screen, not the customer's profile.
  if (user && !user.impersonatedBy) await updateUserLocale(user.id, parsed.data.locale);
  // Only a path on this site (lib/auth/return-path.ts): "//evil.example" or "/\evil.example" would be another site.
  redirect(safeReturnPath(parsed.data.returnTo));
}

/**
 * A punchout session has nothing to sign out of (the header offers no "Sign out" there), but a page
 * rendered before it began may still post this. Refused, on the cart page, which names the two ways
 * out: ending the session here could not take the buyer back to their procurement system (only the
 * transfer page posts to its return address), and would discard the cart without asking.
 */
export async function signOutAction(): Promise<void> {
  if ((await getCurrentUser())?.punchout) redirect("/cart?error=sign_out_in_punchout");
  await signOut({ redirectTo: "/" });
}
