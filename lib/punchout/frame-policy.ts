import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Which sites may frame the shop. Outside punchout only the shop itself; during a punchout session
 * the connection's allowed buyer origins too. The origins travel in a cookie signed with the
 * server secret, so the proxy can set `frame-ancestors` without a database round trip and nobody
 * can widen the list by editing the cookie.
 */
export const FRAME_POLICY_COOKIE = "koppel_frame";

/** CSP source expressions for allowed origins ("http://localhost:*" is valid CSP). */
export function toFrameAncestors(origins: readonly string[]): string {
  const sources = origins.filter((origin) => /^https?:\/\/[a-z0-9.\-\[\]:]+(:(\d+|\*))?$/i.test(origin));
  return ["'self'", ...sources].join(" ");
}

export function signFramePolicy(origins: readonly string[], secret: string): string {
  const payload = Buffer.from(JSON.stringify(origins)).toString("base64url");
  return `${payload}.${createHmac("sha256", secret).update(payload).digest("base64url")}`;
}

export function verifyFramePolicy(value: string | undefined, secret: string): string[] | null {
  if (!value || value.length > 4096) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(payload).digest();
  const actual = Buffer.from(signature, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const origins: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return Array.isArray(origins) && origins.every((o) => typeof o === "string") ? origins : null;
  } catch {
    return null;
  }
}
