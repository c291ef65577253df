// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../../support/test-database";

/**
 * "Forgot password" answers on its own page through a redirect (works without JavaScript). After a
 * refusal — an address the server does not take, too many requests — the address comes back with
 * the answer, so the field keeps what was typed; after "sent" it does not.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/server", () => ({ after: () => {} }));

const { requestPasswordResetAction } = await import("@/app/forgot-password/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
beforeAll(async () => {
  fresh = await useFreshDatabase();
}, 120_000);
afterAll(() => fresh.dispose());

const ask = (email: string) => {
  const data = new FormData();
  data.set("email", email);
  return runAction(() => requestPasswordResetAction(data));
};

describe("forgot password: the typed address after an answer", () => {
  it("comes back after an address that is refused", async () => {
    expect(await ask("  geen-adres@  ")).toEqual({ redirect: "/forgot-password?status=invalid&email=geen-adres%40" });
  });

  it("is not in the answer after 'sent', and comes back once the address is throttled", async () => {
    const email = `vergeten-${Date.now().toString(36)}@example.test`;
    for (let i = 0; i < 5; i++) expect(await ask(email)).toEqual({ redirect: "/forgot-password?status=sent" });
    expect(await ask(email)).toEqual({ redirect: `/forgot-password?status=throttled&email=${encodeURIComponent(email)}` });
  });
});
