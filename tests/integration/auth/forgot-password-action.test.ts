// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mailOutbox } from "@/db/schema";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * "Forgot password" answers in the form's state (useActionState; without JavaScript the same action
 * answers the form post with the page), never through a redirect: the typed address comes back with
 * every answer, so the field keeps it, but it is in no URL (browser history, proxy and server logs,
 * Referer). The answer is the same whether or not the address has an account.
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
  return runAction(() => requestPasswordResetAction({ status: "idle" }, data));
};
const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

describe("forgot password: the answer and the typed address", () => {
  it("hands a refused address back in the state, trimmed, without a redirect", async () => {
    expect(await ask("  geen-adres@  ")).toEqual({ state: { status: "invalid", email: "geen-adres@" } });
  });

  it("keeps the address in the state after 'sent' and once the address is throttled, never in a redirect", async () => {
    const email = unique("vergeten");
    for (let i = 0; i < 5; i++) expect(await ask(email)).toEqual({ state: { status: "sent", email } });
    expect(await ask(email)).toEqual({ state: { status: "throttled", email } });
  });

  it("answers an address with an account exactly as one without, and mails only the account", async () => {
    const { user } = await createCompanyWithBuyer(fresh.handle); // with a password: a reset link goes out
    const nobody = unique("niemand");
    expect(await ask(user.email)).toEqual({ state: { status: "sent", email: user.email } });
    expect(await ask(nobody)).toEqual({ state: { status: "sent", email: nobody } });
    const mailsTo = (email: string) => fresh.handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email));
    expect(await mailsTo(user.email)).toHaveLength(1);
    expect(await mailsTo(nobody)).toHaveLength(0);
  });
});
