import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { NextResponse } from "next/server";
import { getActivePunchoutSession, type ActivePunchoutSession } from "@/lib/data/punchout-sessions";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { FRAME_POLICY_COOKIE, signFramePolicy } from "./frame-policy";

/**
 * The browser side of a punchout session: a random token in its own cookie (the database keeps only
 * its SHA-256). The shop usually runs inside the procurement system's iframe or pop-up on another
 * site, so the cookie is SameSite=None; Secure; Partitioned (CHIPS): it survives third-party-cookie
 * blocking because it is keyed to the embedding site. Browsers accept Secure cookies on
 * http://localhost, so this holds in development too.
 */
export const PUNCHOUT_COOKIE = "koppel_punchout";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/**
 * Starts the browser side of a NEW punchout session on a redirect response (OCI entry, cXML
 * StartPage): the session cookie plus the signed frame policy that lets the buyer's origins frame
 * the shop. Whatever session the browser had is never reused or upgraded. `locale`: the language
 * the buyer system asked for (lib/punchout/buyer-language.ts), set as the language cookie the way
 * the language switch sets it in a punchout session, but only for the session's lifetime — in a new
 * window it is the shop's own cookie jar, which a normal sign-in in this browser shares, and it is
 * the buyer system's choice for this session, not the browser's.
 */
export function applyPunchoutSessionCookies(
  response: NextResponse,
  session: { token: string; expiresAt: Date; frameOrigins: string[]; locale?: Locale | null },
): void {
  const cookie = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/", expires: session.expiresAt };
  response.cookies.set(PUNCHOUT_COOKIE, session.token, cookie);
  if (env.AUTH_SECRET) response.cookies.set(FRAME_POLICY_COOKIE, signFramePolicy(session.frameOrigins, env.AUTH_SECRET), cookie);
  if (session.locale) response.cookies.set(LOCALE_COOKIE, session.locale, { path: "/", sameSite: "none", secure: true, partitioned: true, expires: session.expiresAt });
  response.headers.set("cache-control", "no-store");
}

export async function setPunchoutCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(PUNCHOUT_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "none",
    partitioned: true,
    path: "/",
    expires: expiresAt,
  });
}

export async function clearPunchoutCookie(): Promise<void> {
  (await cookies()).set(PUNCHOUT_COOKIE, "", { httpOnly: true, secure: true, sameSite: "none", partitioned: true, path: "/", maxAge: 0 });
}

/** The active punchout session of this browser, or null. */
export async function getBrowserPunchoutSession(now: Date): Promise<ActivePunchoutSession | null> {
  const token = (await cookies()).get(PUNCHOUT_COOKIE)?.value;
  if (!token || token.length > 100) return null;
  return getActivePunchoutSession(hashToken(token), now);
}
