// POST /punchout/transfer once the punchout session is over (a second press, a stale tab, a double
// submit): the route itself, with the session read from its cookie and the transfer run for real.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { punchoutConnections, punchoutSessions } from "@/db/schema";
import { getCurrentUser, type BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { createPunchoutSession } from "@/lib/data/punchout-sessions";
import punchoutEn from "@/lib/i18n/messages/punchout.en.json";
import punchoutNl from "@/lib/i18n/messages/punchout.nl.json";
import { hashToken, PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The real texts of the language the route asks for (next-intl's request config needs Next's plugin).
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const [nl, en] = await Promise.all([import("@/lib/i18n/messages/punchout.nl.json"), import("@/lib/i18n/messages/punchout.en.json")]);
  const messages = { nl: nl.default, en: en.default };
  return {
    getTranslations: async ({ locale, namespace }: { locale: "nl" | "en"; namespace: string }) =>
      createTranslator({ locale, messages: messages[locale], namespace: namespace as never }),
  };
});

const { POST } = await import("@/app/punchout/transfer/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let connectionId: number;
let product: { sku: string };
let tokens = 0;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  product = await createProduct(handle, (await createCategory(handle)).id, { listPriceMinor: 1250 });
  customer = await createCompanyWithBuyer(handle);
  connectionId = (await createOciConnection(handle, customer.company.id, { username: "oci-transfer-route", password: "p", origins: ["http://localhost:*"] })).id;
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
  request.cookies.clear();
});

/** A new OCI session entered in this "browser" (its cookie in the jar), with a line in its cart. */
async function enterPunchout(): Promise<number> {
  const token = `transfer-route-token-${tokens++}-0123456789abcdef`;
  const session = await createPunchoutSession({
    connectionId,
    companyId: customer.company.id,
    userId: customer.user.id,
    protocol: "oci",
    status: "active",
    sessionTokenHash: hashToken(token),
    returnUrl: "http://localhost:8080/hook",
    returnParameters: [["sap-client", "100"]],
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  request.cookies.set(PUNCHOUT_COOKIE, token);
  await addToCart((await getCurrentUser()) as BuyerUser, product.sku, 2);
  return session.id;
}

/** The form "Transfer cart" posts, from the shop's own page, with the browser's language cookie if any. */
function press(language?: "nl" | "en") {
  const headers: Record<string, string> = { host: "localhost:3000", origin: "http://localhost:3000", "content-type": "application/x-www-form-urlencoded" };
  if (language) headers.cookie = `NEXT_LOCALE=${language}`;
  return POST(new NextRequest("http://localhost:3000/punchout/transfer", { method: "POST", headers, body: "mode=transfer" }));
}

const TEXTS = {
  nl: { title: punchoutNl.punchout.sessionEnded, text: punchoutNl.punchout.errors.punchout_session_not_active },
  en: { title: punchoutEn.punchout.sessionEnded, text: punchoutEn.punchout.errors.punchout_session_not_active },
};

async function expectSessionEndedPage(response: Response, language: "nl" | "en") {
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  const html = await response.text();
  expect(html).toContain(`<html lang="${language}">`);
  expect(html).toContain(`<title>${TEXTS[language].title}</title>`);
  expect(html).toContain(`<h1>${TEXTS[language].title}</h1><p>${TEXTS[language].text}</p>`);
  // Only that language, styled like the entry's error pages, no raw English line.
  expect(html).not.toContain(TEXTS[language === "nl" ? "en" : "nl"].text);
  expect(html).toContain("<style>");
  expect(html).not.toContain("No active punchout session");
  // Whatever the browser still holds of the session goes.
  expect(response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${PUNCHOUT_COOKIE}=`))).toMatch(/Max-Age=0/i);
}

describe("POST /punchout/transfer after the session ended", () => {
  it("answers a second press from a stale tab with the session-ended page in Dutch by default, whether or not the cookie was kept", async () => {
    const sessionId = await enterPunchout();
    const first = await press();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('name="NEW_ITEM-QUANTITY[1]" value="2"');
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.id, sessionId));
    expect(session!.status).toBe("transferred");

    // A tab that still sends the ended session's cookie, and one whose cookie the first answer removed.
    await expectSessionEndedPage(await press(), "nl");
    request.cookies.clear();
    await expectSessionEndedPage(await press(), "nl");
  });

  it("speaks the shop's language from its language cookie", async () => {
    await enterPunchout();
    expect((await press("en")).status).toBe(200);
    await expectSessionEndedPage(await press("en"), "en");
    await expectSessionEndedPage(await press("nl"), "nl");
  });

  it("answers an expired session the same way", async () => {
    const sessionId = await enterPunchout();
    await handle.db.update(punchoutSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(punchoutSessions.id, sessionId));
    await expectSessionEndedPage(await press("en"), "en");
  });

  it("transfers a double submit once; the other press gets the page, not a redirect to the cart", async () => {
    await enterPunchout();
    const responses = await Promise.all([press(), press()]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 401]);
    await expectSessionEndedPage(responses.find((response) => response.status === 401)!, "nl");
  });
});

describe("POST /punchout/transfer to a return address the connection no longer allows", () => {
  it("sends nothing: the cart stays, the session goes on, the cart page says why (as for cXML)", async () => {
    const sessionId = await enterPunchout();
    // The account manager narrowed the connection's origins after the entry (e.g. a wrong or compromised HOOK_URL host).
    await handle.db.update(punchoutConnections).set({ allowedReturnOrigins: ["https://erp.example.com"] }).where(eq(punchoutConnections.id, connectionId));
    try {
      const response = await press();
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/cart?error=punchout_no_return_url");
      const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.id, sessionId));
      expect(session!.status).toBe("active");
    } finally {
      await handle.db.update(punchoutConnections).set({ allowedReturnOrigins: ["http://localhost:*"] }).where(eq(punchoutConnections.id, connectionId));
    }
    // Allowed again: the same session transfers its cart to the hook.
    const transferred = await press();
    expect(transferred.status).toBe(200);
    expect(await transferred.text()).toContain('action="http://localhost:8080/hook"');
  });
});
