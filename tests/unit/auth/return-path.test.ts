// Imported first: the vi.mock factories below use it while the other imports load.
import { headersMock, runAction } from "../../support/next-request-mocks";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Where the browser goes after signing in (login callbackUrl) and after a language switch (returnTo):
// only to a path on this site. Browsers drop tabs and newlines from a URL and read "\" as "/", so
// "/\t/evil.example" and "/\\evil.example" are "//evil.example": another site.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => {
  class Refusal extends Error {}
  return {
    signIn: async () => undefined,
    signOut: async () => undefined,
    signInSchema: { safeParse: (raw: unknown) => ({ success: true, data: raw }) },
    SignInThrottled: Refusal,
    SignInNeedsSecondStep: Refusal,
    SignInSecondStepWrong: Refusal,
  };
});
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("next/headers", () => headersMock(request));
vi.mock("@/lib/data/users", () => ({ getActiveUserByEmail: async () => null, updateUserLocale: async () => undefined }));
vi.mock("@/lib/punchout/browser-session", () => ({ PUNCHOUT_TRACE_COOKIE: "koppel_punchout_trace", clearPunchoutTrace: async () => undefined }));
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => null }));

const { loginAction } = await import("@/app/login/actions");
const { setLocaleAction } = await import("@/app/(shop)/actions");
const { safeReturnPath } = await import("@/lib/auth/return-path");

const SHOP = "https://shop.example";
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const afterLogin = async (callbackUrl: string) => {
  const outcome = await runAction(() => loginAction({ step: "password", error: null }, form({ email: "a@example.test", password: "x", callbackUrl })));
  if (!("redirect" in outcome)) throw new Error("no redirect");
  return outcome.redirect;
};
/** Where the language switch sends the browser; null when it refuses the form and sends it nowhere. */
const afterLocale = async (returnTo: string) => {
  const outcome = await runAction(() => setLocaleAction(form({ locale: "en", returnTo })));
  return "redirect" in outcome ? outcome.redirect : null;
};

const OFF_SITE: [string, string][] = [
  ["protocol-relative", "//evil.example/login"],
  ["backslash", "/\\evil.example"],
  ["tab", "/\t/evil.example"],
  ["newline", "/\n/evil.example"],
  ["dot segment", "/.//evil.example"],
  ["parent segment", "/a/..//evil.example"],
  ["absolute", "https://evil.example/"],
  ["scheme", "javascript:alert(1)"],
];

beforeEach(() => request.cookies.clear());

describe("after signing in", () => {
  it.each(OFF_SITE)("a %s callbackUrl lands on the shop's home page", async (_case, callbackUrl) => {
    const target = await afterLogin(callbackUrl);
    expect(new URL(target, SHOP).origin).toBe(SHOP);
    expect(target).toBe("/");
  });

  it("a path on this site is kept, with its query and fragment", async () => {
    expect(await afterLogin("/account/orders?status=placed#list")).toBe("/account/orders?status=placed#list");
  });
});

describe("after switching the language", () => {
  it.each(OFF_SITE)("a %s returnTo never leaves the site", async (_case, returnTo) => {
    const target = await afterLocale(returnTo);
    if (target !== null) expect(new URL(target, SHOP).origin).toBe(SHOP);
  });

  it("a path on this site is kept", async () => {
    expect(await afterLocale("/catalog/papier?page=2")).toBe("/catalog/papier?page=2");
  });
});

describe("safeReturnPath (also the login page's, for a signed-in visitor and the form's hidden field)", () => {
  const refused: [string, unknown][] = [...OFF_SITE, ["not a string", undefined], ["empty", ""], ["relative", "account"]];
  it.each(refused)("%s → /", (_case, value) => {
    expect(safeReturnPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/products/SKU-1", "/products/SKU-1"],
    ["/search?q=ä", "/search?q=%C3%A4"],
  ])("%s stays on the site", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
