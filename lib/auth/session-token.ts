import { getToken, type JWT } from "next-auth/jwt";

/** The claims Koppel puts in its session JWT (callbacks in lib/auth/index.ts). */
export interface SessionClaims {
  userId: string;
  /** Fingerprint of the password hash the session was signed in with (session-binding.ts). */
  credential: string | undefined;
}

/**
 * Decodes the Auth.js session cookie the way Auth.js's session endpoint does — same cookie name
 * (`__Secure-` prefix exactly when Auth.js would use it: AUTH_URL's protocol, else the forwarded
 * or default protocol), the cookie name as the key-derivation salt, chunked cookies, expiry checked
 * by jose with Auth.js's 15 s tolerance — without the rest of that endpoint: Auth.js's `auth()`
 * also re-encrypts and signs a rolled cookie, which a server component cannot set and drops.
 * Only the Cookie header is read (no `Authorization: Bearer` fallback, which getToken would take).
 */
export async function decodeSessionCookie(params: {
  cookieHeader: string | null;
  forwardedProto: string | null;
  authUrl: string | undefined;
  secret: string;
}): Promise<SessionClaims | null> {
  if (!params.cookieHeader) return null;
  const protocol = params.authUrl ? new URL(params.authUrl).protocol : `${(params.forwardedProto ?? "https").replace(/:$/, "")}:`;
  const token: JWT | null = await getToken({
    req: { headers: new Headers({ cookie: params.cookieHeader }) },
    secret: params.secret,
    secureCookie: protocol === "https:",
    // getToken logs a warning for cookies it cannot read; a bad cookie is simply no session here.
    logger: { error: () => {}, warn: () => {}, debug: () => {} } as never,
  });
  if (!token || typeof token.sub !== "string" || token.sub === "") return null;
  return { userId: token.sub, credential: typeof token.credential === "string" ? token.credential : undefined };
}
