import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionCookie } from "@/lib/auth/session-token";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

/** A session JWT as Auth.js's sign-in writes it: encrypted with a key derived from the secret and the cookie name. */
async function mint(cookieName: string, claims: Record<string, unknown> = { sub: "42", credential: "fp" }, options: { maxAge?: number; secret?: string } = {}) {
  return encode({ token: claims, secret: options.secret ?? SECRET, salt: cookieName, maxAge: options.maxAge ?? 3600 });
}

const decode = (cookieHeader: string | null, forwardedProto: string | null = "http", authUrl?: string) =>
  decodeSessionCookie({ cookieHeader, forwardedProto, authUrl, secret: SECRET });

describe("decodeSessionCookie", () => {
  it("reads the user id and credential fingerprint of a valid session (plain cookie over http)", async () => {
    const token = await mint(PLAIN);
    expect(await decode(`NEXT_LOCALE=nl; ${PLAIN}=${token}`)).toEqual({ userId: "42", credential: "fp" });
  });

  it("uses the __Secure- cookie exactly when Auth.js does (https forwarded, no protocol at all, or an https AUTH_URL)", async () => {
    const secure = `${SECURE}=${await mint(SECURE)}`;
    expect(await decode(secure, "https")).toEqual({ userId: "42", credential: "fp" });
    expect(await decode(secure, null)).toEqual({ userId: "42", credential: "fp" });
    expect(await decode(secure, "http", "https://shop.example.nl")).toEqual({ userId: "42", credential: "fp" });
    // The plain cookie is not a session on https, nor the secure one on http.
    expect(await decode(`${PLAIN}=${await mint(PLAIN)}`, "https")).toBeNull();
    expect(await decode(secure, "http")).toBeNull();
  });

  it("reads a cookie that Auth.js split into chunks", async () => {
    const token = await mint(PLAIN, { sub: "42", credential: "fp", padding: "x".repeat(5000) });
    const half = Math.ceil(token.length / 2);
    expect(await decode(`${PLAIN}.1=${token.slice(half)}; ${PLAIN}.0=${token.slice(0, half)}`)).toEqual({ userId: "42", credential: "fp" });
  });

  it.each([
    ["no cookie header", async () => null],
    ["no session cookie", async () => "NEXT_LOCALE=en"],
    ["garbage", async () => `${PLAIN}=not-a-jwe`],
    ["a token of another secret", async () => `${PLAIN}=${await mint(PLAIN, undefined, { secret: "another-secret-another-secret-0123456789" })}`],
    ["a token encrypted for the other cookie name (salt)", async () => `${PLAIN}=${await mint(SECURE)}`],
    ["an expired token (beyond the 15 s clock tolerance)", async () => `${PLAIN}=${await mint(PLAIN, undefined, { maxAge: -60 })}`],
    ["a token without a subject", async () => `${PLAIN}=${await mint(PLAIN, { credential: "fp" })}`],
    ["a token with an empty subject", async () => `${PLAIN}=${await mint(PLAIN, { sub: "" })}`],
  ])("is no session for %s", async (_label, cookie) => {
    expect(await decode(await cookie())).toBeNull();
  });

  it("leaves the credential undefined when the token has none (the binding check then refuses it)", async () => {
    expect(await decode(`${PLAIN}=${await mint(PLAIN, { sub: "7" })}`)).toEqual({ userId: "7", credential: undefined });
  });
});
