import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { FRAME_POLICY_COOKIE, signFramePolicy, toFrameAncestors, verifyFramePolicy } from "@/lib/punchout/frame-policy";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";

describe("toFrameAncestors", () => {
  it.each([
    { origins: [], expected: "'self'" },
    { origins: ["https://erp.example.com"], expected: "'self' https://erp.example.com" },
    { origins: ["http://localhost:*", "https://a.example:8443"], expected: "'self' http://localhost:* https://a.example:8443" },
    // Anything that could smuggle a directive or a wildcard source is dropped, not escaped.
    { origins: ["https://a.example; script-src *", "*", "javascript:alert(1)", "https://a.example/path"], expected: "'self'" },
  ])("$origins → $expected", ({ origins, expected }) => {
    expect(toFrameAncestors(origins)).toBe(expected);
  });
});

/** A cookie value signed correctly around any payload, to reach the checks behind the signature. */
function signRaw(json: string): string {
  const payload = Buffer.from(json).toString("base64url");
  return `${payload}.${createHmac("sha256", SECRET).update(payload).digest("base64url")}`;
}

describe("signed frame-policy cookie", () => {
  const origins = ["https://erp.example.com", "http://localhost:*"];
  const signed = signFramePolicy(origins, SECRET);
  const [payload, signature] = signed.split(".") as [string, string];
  const widened = Buffer.from(JSON.stringify([...origins, "https://evil.example"])).toString("base64url");

  it.each([
    { name: "round trip", value: signed, expected: origins },
    { name: "absent", value: undefined, expected: null },
    { name: "no signature", value: payload, expected: null },
    { name: "widened payload, old signature", value: `${widened}.${signature}`, expected: null },
    { name: "signature of another secret", value: signFramePolicy(origins, `${SECRET}-other`), expected: null },
    { name: "truncated signature", value: `${payload}.${signature.slice(0, 20)}`, expected: null },
    { name: "oversized", value: `${"a".repeat(4096)}.${signature}`, expected: null },
    { name: "validly signed object", value: signRaw('{"a":1}'), expected: null },
    { name: "validly signed list of numbers", value: signRaw("[1,2]"), expected: null },
    { name: "validly signed non-JSON", value: signRaw("[https://a.example"), expected: null },
  ])("$name", ({ value, expected }) => {
    expect(verifyFramePolicy(value, SECRET)).toEqual(expected);
  });
});

const matcher = proxyConfig.matcher[0]!;
const [rule] = await nextConfig.headers!();

describe("frame-ancestors routing: proxy.ts with the cookie, next.config.ts's static header without it", () => {
  it("both cover the same paths, split on the same cookie", () => {
    expect(proxyConfig.matcher).toHaveLength(1);
    expect(rule!.source).toBe(matcher.source);
    expect(matcher.has).toEqual([{ type: "cookie", key: FRAME_POLICY_COOKIE }]);
    expect(rule!.missing).toEqual([{ type: "cookie", key: FRAME_POLICY_COOKIE }]);
    expect(rule!.headers).toEqual([{ key: "Content-Security-Policy", value: `frame-ancestors ${toFrameAncestors([])}` }]);
  });

  // The source is a path-to-regexp pattern made of one custom regex group, so it is also a JS regex.
  const covers = (path: string) => new RegExp(`^${matcher.source}$`).test(path);
  it.each([
    { path: "/", covered: true },
    { path: "/catalog/kantoorpapier", covered: true },
    { path: "/punchout/cart", covered: true },
    { path: "/account/orders", covered: true },
    { path: "/api/health", covered: true },
    // Set their own frame-ancestors per connection, or are server-to-server posts:
    { path: "/punchout/oci", covered: false },
    { path: "/punchout/transfer", covered: false },
    { path: "/punchout/cxml/setup", covered: false },
    { path: "/punchout/cxml/start", covered: false },
    { path: "/punchout/cxml/order", covered: false },
    { path: "/_next/static/chunks/app.js", covered: false },
    { path: "/product-images/1.svg", covered: false },
  ])("$path covered: $covered", ({ path, covered }) => {
    expect(covers(path)).toBe(covered);
  });

  it("the proxy answers with the signed origins, and with 'self' for a forged cookie", () => {
    const answer = (cookie: string) =>
      proxy(new NextRequest("http://shop.test/catalog/x", { headers: { cookie: `${FRAME_POLICY_COOKIE}=${cookie}` } })).headers.get("content-security-policy");
    expect(answer(signFramePolicy(["https://erp.example.com"], env.AUTH_SECRET!))).toBe("frame-ancestors 'self' https://erp.example.com");
    expect(answer(signFramePolicy(["https://erp.example.com"], SECRET))).toBe("frame-ancestors 'self'");
  });
});
