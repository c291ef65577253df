import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { NextResponse } from "next/server";
import { getActivePunchoutSession, getEndedPunchoutSession, type ActivePunchoutSession, type EndedPunchoutSession } from "@/lib/data/punchout-sessions";
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
 * "This browser was in a punchout session": the SHA-256 of the session's browser token (the database
 * key of the session, useless as a session token itself). The session cookie goes at the transfer
 * and at the session's expiry; this one stays a week longer, so a request after the end can tell a
 * buyer whose session has ended (no password: the procurement system signed them in) from a visitor
 * who should sign in. Same attributes as the session cookie (the buyer's iframe). A normal sign-in
 * clears it (app/login/actions.ts).
 */
export const PUNCHOUT_TRACE_COOKIE = "koppel_punchout_trace";
const TRACE_AFTER_SESSION_MS = 7 * 24 * 60 * 60_000;

/**
 * Starts the browser side of a NEW punchout session on a redirect response (OCI entry, cXML
 * StartPage): the session cookie plus the signed frame policy that lets the buyer's origins frame
 * the shop, and the trace of the session. Whatever session the browser had is never reused or
 * upgraded. `locale`: the language the buyer system asked for (lib/punchout/buyer-language.ts), set
 * as the language cookie the way the language switch sets it in a punchout session, but only for
 * the session's lifetime — in a new window it is the shop's own cookie jar, which a normal sign-in in
 * this browser shares, and it is the buyer system's choice for this session, not the browser's.
 */
export function applyPunchoutSessionCookies(
  response: NextResponse,
  session: { token: string; expiresAt: Date; frameOrigins: string[]; locale?: Locale | null },
): void {
  const cookie = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/", expires: session.expiresAt };
  response.cookies.set(PUNCHOUT_COOKIE, session.token, cookie);
  if (env.AUTH_SECRET) response.cookies.set(FRAME_POLICY_COOKIE, signFramePolicy(session.frameOrigins, env.AUTH_SECRET), cookie);
  response.cookies.set(PUNCHOUT_TRACE_COOKIE, hashToken(session.token), {
    ...cookie,
    expires: new Date(session.expiresAt.getTime() + TRACE_AFTER_SESSION_MS),
  });
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

/** Forgets that this browser was in a punchout session (a normal sign-in here: it is somebody's own now). */
export async function clearPunchoutTrace(): Promise<void> {
  const jar = await cookies();
  if (jar.has(PUNCHOUT_TRACE_COOKIE)) {
    jar.set(PUNCHOUT_TRACE_COOKIE, "", { httpOnly: true, secure: true, sameSite: "none", partitioned: true, path: "/", maxAge: 0 });
  }
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

/**
 * The punchout session this browser was in, when it has ended (transferred, cancelled, expired, or
 * its connection disabled) — read from the trace cookie; null when there is none, or when that
 * session is still open. Costs a query only for browsers that carry the trace.
 */
export async function getEndedBrowserPunchoutSession(now: Date): Promise<EndedPunchoutSession | null> {
  const trace = (await cookies()).get(PUNCHOUT_TRACE_COOKIE)?.value;
  if (!trace || trace.length > 100) return null;
  return getEndedPunchoutSession(trace, now);
}
