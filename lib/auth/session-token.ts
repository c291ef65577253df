import { createHash } from "node:crypto";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";

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
 * Tokens decoded once are remembered until they expire (rememberedDecode).
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
    decode: rememberedDecode,
    // getToken logs a warning for cookies it cannot read; a bad cookie is simply no session here.
    logger: { error: () => {}, warn: () => {}, debug: () => {} } as never,
  });
  if (!token || typeof token.sub !== "string" || token.sub === "") return null;
  return { userId: token.sub, credential: typeof token.credential === "string" ? token.credential : undefined };
}

/** jose's clock tolerance in Auth.js's decode, in seconds: a token is accepted until exp + 15 s. */
const CLOCK_TOLERANCE_S = 15;
/** Decoded sessions remembered per process (a few hundred bytes each); oldest out first. */
const DECODED_SESSIONS_MAX = 10_000;

type Decode = (params: JWTDecodeParams) => Promise<JWT | null>;

/**
 * Auth.js's `decode`, remembered per token until the token expires. Decoding is a pure function of
 * the token, the secret and the salt (the cookie name) until `exp`: HKDF, AES-CBC and HMAC through
 * WebCrypto cost 0.3–0.5 ms of CPU, on every signed-in request, for the same token each time
 * (sessions are not rolled). Only tokens that decoded are kept, under a SHA-256 of secret, salt and
 * token (never the token or the secret themselves), with their `exp`, which every hit checks as jose
 * does; a token with `nbf` (Auth.js sets none) is not kept. A tampered or foreign token is a
 * different key and goes through the full decode, as before.
 */
export function createRememberedDecode(maxEntries = DECODED_SESSIONS_MAX, decodeToken: Decode = decode): Decode {
  const decoded = new Map<string, { payload: JWT; exp: number }>();
  return async (params) => {
    if (!params.token) return null;
    const key = createHash("sha256")
      .update(Array.isArray(params.secret) ? params.secret.join("\0") : params.secret)
      .update("\0")
      .update(params.salt)
      .update("\0")
      .update(params.token)
      .digest("base64");
    const nowS = Math.floor(Date.now() / 1000);
    const hit = decoded.get(key);
    if (hit) {
      if (hit.exp > nowS - CLOCK_TOLERANCE_S) return hit.payload;
      decoded.delete(key);
    }
    const payload = await decodeToken(params);
    if (payload && typeof payload.exp === "number" && payload.nbf === undefined) {
      while (decoded.size >= maxEntries) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, { payload, exp: payload.exp });
    }
    return payload;
  };
}

const rememberedDecode = createRememberedDecode();
