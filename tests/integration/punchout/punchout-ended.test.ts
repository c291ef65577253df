// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { carts, punchoutConnections, punchoutSessions, users } from "@/db/schema";
import { getCurrentUser, requireBuyer, signInRedirectPath } from "@/lib/auth/guards";
import { endPunchoutSession } from "@/lib/data/punchout-sessions";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { applyPunchoutSessionCookies, newToken, PUNCHOUT_COOKIE, PUNCHOUT_TRACE_COOKIE } from "@/lib/punchout/browser-session";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * After a punchout session ends (transfer, cancel, the 4-hour expiry, a disabled connection) its
 * buyer — who has no password: the procurement system signed them in — is told so, instead of being
 * sent to sign in: pages redirect to /punchout/ended and buyer actions answer "punchout_ended". A
 * browser that was never in a punchout session, or is signed in, is treated as before, and a normal
 * sign-in in the same browser clears the punchout's traces. Through the real guards, actions and
 * sign-in action; the cookies as the punchout entry sets them (applyPunchoutSessionCookies).
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", async () => {
  class Refusal extends Error {}
  return {
    ...authMock(request),
    // The sign-in itself (Auth.js) is not what is tested here: it succeeds.
    signInSchema: { safeParse: (raw: { email: string; password: string }) => ({ success: true, data: { email: raw.email, password: raw.password } }) },
    SignInThrottled: Refusal,
    SignInNeedsSecondStep: Refusal,
    SignInSecondStepWrong: Refusal,
  };
});
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl", getTranslations: async () => (key: string) => key }));

const { addToCartAction } = await import("@/app/(shop)/cart/actions");
const { loginAction } = await import("@/app/login/actions");

const idle = { status: "idle" } as const;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let technicalUserId: number;
let connectionId: number;
let sku: string;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  sku = (await createProduct(handle, (await createCategory(handle)).id, { listPriceMinor: 1000 })).sku;
  customer = await createCompanyWithBuyer(handle);
  const [technical] = await handle.db
    .insert(users)
    .values({ email: `punchout-ended-${Date.now().toString(36)}@technical.koppel.invalid`, name: "Punchout SAP", role: "buyer", companyId: customer.company.id, passwordHash: null })
    .returning();
  technicalUserId = technical!.id;
  const [connection] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId: customer.company.id,
      name: "SAP SRM",
      protocol: "oci",
      presetId: "generic-oci",
      username: `oci-ended-${Date.now().toString(36)}`,
      secretHash: "scrypt$1$1$1$x$y",
      allowedReturnOrigins: ["https://erp.example.com"],
      technicalUserId,
    })
    .returning();
  connectionId = connection!.id;
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
  request.cookies.clear();
});

/**
 * A punchout session entered in this "browser": its row, and the cookies the OCI entry / cXML
 * StartPage answer sets (the session cookie, the trace, the buyer system's language).
 */
async function enterPunchout(options: { expiresInMs?: number; language?: "en" | null } = {}): Promise<number> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + (options.expiresInMs ?? 3_600_000));
  const { hashToken } = await import("@/lib/punchout/browser-session");
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({
      connectionId,
      companyId: customer.company.id,
      userId: technicalUserId,
      protocol: "oci",
      status: "active",
      operation: "create",
      returnUrl: "https://erp.example.com/hook",
      sessionTokenHash: hashToken(token),
      context: options.language ? { language: options.language.toUpperCase() } : {},
      expiresAt,
    })
    .returning();
  await handle.db.insert(carts).values({ userId: technicalUserId, companyId: customer.company.id, punchoutSessionId: session!.id });
  const response = new NextResponse(null, { status: 303 });
  applyPunchoutSessionCookies(response, { token, expiresAt, frameOrigins: [], locale: options.language ?? null });
  for (const cookie of response.cookies.getAll()) request.cookies.set(cookie.name, cookie.value);
  return session!.id;
}

/** What the transfer route does to the browser: the session cookie and the frame policy go. */
function leaveLikeTheTransferRoute() {
  request.cookies.delete(PUNCHOUT_COOKIE);
  request.cookies.delete("koppel_frame");
}

/** Where /cart sends this browser, and what "add to cart" answers in it. */
async function decisions() {
  const page = await runAction(() => requireBuyer("/cart"));
  const action = await addToCartAction(idle, form({ sku, quantity: "1" }));
  return { page, action, path: await signInRedirectPath("/cart") };
}

const ENDED = {
  page: { redirect: "/punchout/ended" },
  action: { status: "error", code: "unauthenticated", message: "punchout_ended" },
  path: "/punchout/ended",
};
const SIGN_IN = {
  page: { redirect: "/login?callbackUrl=%2Fcart" },
  action: { status: "error", code: "unauthenticated", message: "unauthenticated" },
  path: "/login?callbackUrl=%2Fcart",
};

describe("a request after the browser's punchout session ended → the punchout-ended page and text", () => {
  it("while the session is open, it is the punchout user's and the cart takes the line", async () => {
    await enterPunchout();
    expect(request.cookies.has(PUNCHOUT_TRACE_COOKIE)).toBe(true);
    expect((await getCurrentUser())?.punchout).toMatchObject({ connectionName: "SAP SRM" });
    expect(await runAction(() => requireBuyer("/cart"))).toMatchObject({ state: { id: technicalUserId } });
    expect(await addToCartAction(idle, form({ sku, quantity: "1" }))).toMatchObject({ status: "ok" });
  });

  it.each(["transferred", "cancelled"] as const)("%s: no sign-in page, no 'sign in again'", async (status) => {
    const sessionId = await enterPunchout();
    await endPunchoutSession(sessionId, status);
    leaveLikeTheTransferRoute();
    expect(await getCurrentUser()).toBeNull();
    expect(await decisions()).toEqual(ENDED);
  });

  it("expired (4 hours after the entry), the session cookie still sent", async () => {
    await enterPunchout({ expiresInMs: -1000 });
    expect(request.cookies.has(PUNCHOUT_COOKIE)).toBe(true);
    expect(await decisions()).toEqual(ENDED);
  });

  it("its connection disabled meanwhile", async () => {
    await enterPunchout();
    await handle.db.update(punchoutConnections).set({ enabled: false }).where(eq(punchoutConnections.id, connectionId));
    try {
      expect(await decisions()).toEqual(ENDED);
    } finally {
      await handle.db.update(punchoutConnections).set({ enabled: true }).where(eq(punchoutConnections.id, connectionId));
    }
  });
});

describe("everybody else: as before", () => {
  it("a browser that was never in a punchout session is sent to sign in", async () => {
    expect(await decisions()).toEqual(SIGN_IN);
  });

  it("a trace that names no ended session (made up, or of a session still open whose cookie is gone) is not believed", async () => {
    request.cookies.set(PUNCHOUT_TRACE_COOKIE, "made-up-trace-value");
    expect(await decisions()).toEqual(SIGN_IN);
    request.cookies.clear();
    await enterPunchout();
    leaveLikeTheTransferRoute();
    expect(await decisions()).toEqual(SIGN_IN);
  });

  it("signed in normally beside an ended punchout session: the user's own shop", async () => {
    const sessionId = await enterPunchout();
    await endPunchoutSession(sessionId, "transferred");
    leaveLikeTheTransferRoute();
    request.userId = customer.user.id;
    expect(await runAction(() => requireBuyer("/cart"))).toMatchObject({ state: { id: customer.user.id, punchout: null } });
    expect(await addToCartAction(idle, form({ sku, quantity: "1" }))).toMatchObject({ status: "ok" });
  });
});

describe("a normal sign-in in the browser after a punchout session", () => {
  it("works, and clears the trace and the buyer system's language: the user's own profile language applies", async () => {
    const sessionId = await enterPunchout({ language: "en" });
    expect(request.cookies.get(LOCALE_COOKIE)).toBe("en");
    await endPunchoutSession(sessionId, "transferred");
    leaveLikeTheTransferRoute();

    const signIn = await runAction(() => loginAction({ step: "password" } as never, form({ email: customer.user.email, password: "x", callbackUrl: "/cart" })));
    expect(signIn).toEqual({ redirect: "/cart" });
    expect(request.cookies.has(PUNCHOUT_TRACE_COOKIE)).toBe(false);
    expect(request.cookies.get(LOCALE_COOKIE)).toBe("nl");
    const [profile] = await handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, customer.user.id));
    expect(profile?.locale).toBe("nl");
    // Signed out later in this browser: sent to sign in, as anybody.
    expect(await decisions()).toEqual(SIGN_IN);
  });

  it("without a punchout session before it, a language chosen on this device still becomes the profile's", async () => {
    const other = await createCompanyWithBuyer(handle);
    request.cookies.set(LOCALE_COOKIE, "en");
    expect(await runAction(() => loginAction({ step: "password" } as never, form({ email: other.user.email, password: "x" })))).toEqual({ redirect: "/" });
    const [profile] = await handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, other.user.id));
    expect(profile?.locale).toBe("en");
  });
});
