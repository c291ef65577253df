import { decode as authDecode, encode, type JWTDecodeParams } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRememberedDecode, decodeSessionCookie } from "@/lib/auth/session-token";

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

describe("createRememberedDecode", () => {
  afterEach(() => vi.useRealTimers());

  /** A remembered decode over Auth.js's own, counting how often the real one runs. */
  function counted(maxEntries?: number) {
    const calls = { count: 0 };
    const remembered = createRememberedDecode(maxEntries, (params: JWTDecodeParams) => {
      calls.count++;
      return authDecode(params);
    });
    return { remembered, calls };
  }
  const params = (token: string, salt = PLAIN, secret = SECRET) => ({ token, salt, secret });

  it("decodes a token once and answers it from memory afterwards, with the same claims", async () => {
    const { remembered, calls } = counted();
    const token = await mint(PLAIN, { sub: "42", credential: "fp" });
    const first = await remembered(params(token));
    const second = await remembered(params(token));
    expect(first).toMatchObject({ sub: "42", credential: "fp" });
    expect(second).toEqual(first);
    expect(calls.count).toBe(1);
  });

  it("keeps answering until exp + 15 s, as jose does, then decodes again (and the token is refused)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-29T10:00:00Z"));
    const { remembered, calls } = counted();
    const token = await mint(PLAIN, undefined, { maxAge: 60 });
    expect(await remembered(params(token))).toMatchObject({ sub: "42" });
    vi.setSystemTime(new Date("2026-11-29T10:01:14Z")); // exp + 14 s: still valid for jose
    expect(await remembered(params(token))).toMatchObject({ sub: "42" });
    expect(calls.count).toBe(1);
    vi.setSystemTime(new Date("2026-11-29T10:01:15Z")); // exp + 15 s: expired
    await expect(remembered(params(token))).rejects.toThrow();
    expect(calls.count).toBe(2);
  });

  it("never remembers a token that failed, and keys by secret and cookie name", async () => {
    const { remembered, calls } = counted();
    await expect(remembered(params("not-a-jwe"))).rejects.toThrow();
    await expect(remembered(params("not-a-jwe"))).rejects.toThrow();
    expect(calls.count).toBe(2);
    const token = await mint(PLAIN);
    expect(await remembered(params(token))).toMatchObject({ sub: "42" });
    // The same token under another cookie name or secret is not the remembered one: decoded, refused.
    await expect(remembered(params(token, SECURE))).rejects.toThrow();
    await expect(remembered(params(token, PLAIN, "another-secret-another-secret-0123456789"))).rejects.toThrow();
    // A tampered token (one character of the ciphertext changed) is decoded, and refused.
    const parts = token.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    await expect(remembered(params(parts.join(".")))).rejects.toThrow();
    expect(calls.count).toBe(6);
  });

  it("holds at most maxEntries tokens, the oldest leaving first", async () => {
    const { remembered, calls } = counted(2);
    const [a, b, c] = await Promise.all(["1", "2", "3"].map((sub) => mint(PLAIN, { sub })));
    for (const token of [a!, b!, c!]) await remembered(params(token));
    expect(calls.count).toBe(3);
    await remembered(params(c!));
    await remembered(params(b!));
    expect(calls.count).toBe(3);
    expect(await remembered(params(a!))).toMatchObject({ sub: "1" }); // evicted: decoded again
    expect(calls.count).toBe(4);
  });
});
