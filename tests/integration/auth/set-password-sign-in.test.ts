// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users, userTokens } from "@/db/schema";
import { newLinkToken } from "@/lib/admin/set-password";
import { verifyPassword } from "@/lib/auth/password";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { PUNCHOUT_TRACE_COOKIE } from "@/lib/punchout/browser-session";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * After choosing a password on an invitation or reset link the user is signed in with it at once
 * (Auth.js signIn with the address and the new password) and lands where a signed-in user without a
 * page in mind goes: the shop's front page (its "Get started" panel), staff the back office. When
 * Auth.js refuses (two-step verification on, throttled) the answer is "done" with the address, and
 * the card shows the sign-in form (set-password-form.tsx). Auth.js itself is mocked: what is tested
 * is what the action asks it and what it does with its answer.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
const signIn = vi.hoisted(() => vi.fn());
const AuthError = vi.hoisted(() => class AuthError extends Error {});
vi.mock("@/lib/auth", () => ({ ...authMock(request), signIn }));
vi.mock("next-auth", () => ({ AuthError }));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { setPasswordAction } = await import("@/app/set-password/actions");

const idle = { status: "idle" } as const;
const PASSWORD = "een-lang-wachtwoord-42";
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;

beforeAll(async () => {
  fresh = await useFreshDatabase();
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.cookies.clear();
  signIn.mockReset();
});

/** An invited user (no password yet) and a usable invitation link for them. */
async function invited(role: "buyer" | "company_admin" | "account_manager", locale: "nl" | "en" = "nl") {
  const { token, tokenHash } = newLinkToken();
  let userId: number;
  let email: string;
  if (role === "account_manager") {
    const [staff] = await fresh.handle.db
      .insert(users)
      .values({ email: `am-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@koppel.test`, name: "AM", role, companyId: null, passwordHash: null, locale })
      .returning();
    userId = staff!.id;
    email = staff!.email;
  } else {
    const { user } = await createCompanyWithBuyer(fresh.handle, role);
    await fresh.handle.db.update(users).set({ passwordHash: null, locale }).where(eq(users.id, user.id));
    userId = user.id;
    email = user.email;
  }
  const now = new Date();
  await fresh.handle.db.insert(userTokens).values({ userId, purpose: "invite", tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + 3600_000) });
  return { token, userId, email };
}

const submit = (token: string, password = PASSWORD, confirm = password) => {
  const data = new FormData();
  data.set("token", token);
  data.set("password", password);
  data.set("confirm", confirm);
  return runAction(() => setPasswordAction(idle, data));
};

describe("set password, then signed in", () => {
  it("signs a new company admin in with the chosen password and lands them on the front page, in their language", async () => {
    const { token, userId, email } = await invited("company_admin", "en");
    request.cookies.set(PUNCHOUT_TRACE_COOKIE, "x");
    expect(await submit(token)).toEqual({ redirect: "/" });
    expect(signIn).toHaveBeenCalledWith("credentials", { email, password: PASSWORD, redirect: false });
    const [row] = await fresh.handle.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword(PASSWORD, row!.passwordHash!)).toBe(true);
    expect(request.cookies.get(LOCALE_COOKIE)).toBe("en");
    expect(request.cookies.has(PUNCHOUT_TRACE_COOKIE)).toBe(false);
  });

  it("sends staff who chose their password to the back office", async () => {
    const { token } = await invited("account_manager");
    expect(await submit(token)).toEqual({ redirect: "/admin" });
  });

  it("a language chosen on this device before becomes the profile's, as on the sign-in page", async () => {
    const { token, userId } = await invited("buyer", "nl");
    request.cookies.set(LOCALE_COOKIE, "en");
    expect(await submit(token)).toEqual({ redirect: "/" });
    const [row] = await fresh.handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    expect(row?.locale).toBe("en");
  });

  it("when Auth.js refuses (two-step on, throttled) the password is still set and the answer carries the address for the sign-in form on the card", async () => {
    const { token, userId, email } = await invited("buyer", "en");
    signIn.mockRejectedValueOnce(new AuthError("two_step_required"));
    expect(await submit(token)).toEqual({ state: { status: "ok", data: { email } } });
    const [row] = await fresh.handle.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword(PASSWORD, row!.passwordHash!)).toBe(true);
    expect(request.cookies.get(LOCALE_COOKIE)).toBe("en");
  });

  it("signs nobody in for a refused password or a used link", async () => {
    const { token } = await invited("buyer");
    expect(await submit(token, "kort")).toMatchObject({ state: { status: "error", message: "too_short" } });
    expect(await submit(token)).toEqual({ redirect: "/" });
    signIn.mockClear();
    expect(await submit(token)).toMatchObject({ state: { status: "error", message: "token_lapsed" } });
    expect(signIn).not.toHaveBeenCalled();
  });

  it("a real failure of the sign-in is not swallowed", async () => {
    const { token } = await invited("buyer");
    signIn.mockRejectedValueOnce(new Error("database down"));
    await expect(submit(token)).rejects.toThrow("database down");
  });
});
