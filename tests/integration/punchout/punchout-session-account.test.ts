// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { carts, punchoutConnections, punchoutSessions, users } from "@/db/schema";
import { sendQuote } from "@/lib/admin/quotes";
import { getCurrentUser, isBuyer, type BuyerUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart, readCartBadge } from "@/lib/cart/cart-service";
import { hashToken, PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { acceptQuote, getQuoteForViewer, listQuotesForViewer, requestQuote } from "@/lib/quotes/buyer-quotes";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { twoStepView } from "@/lib/two-step/section-props";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct, TEST_PASSWORD_HASH } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * What a punchout session is not: a sign-in with a password to sign out of or to change, nor (run
 * as the connection's technical user) a person with a profile and a mailbox. And what it keeps: a
 * quote requested in one session waits for the next session of the connection, to be transferred.
 * Through the real guards and server actions, the session read from its cookie as on every request.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl", getTranslations: async () => (key: string) => key }));

const auth = await import("@/lib/auth");
const { signOutAction } = await import("@/app/(shop)/actions");
const account = await import("@/app/(shop)/account/actions");
const { updateProfileAction, changePasswordAction } = account;
const { resetColleagueTwoStepAction, setTwoStepRequirementAction } = await import("@/app/(shop)/account/users/two-step-actions");

const idle = { status: "idle" } as const;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let technical: { id: number; name: string };
let connectionId: number;
let product: { id: number; sku: string };
let tokens = 0;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  product = await createProduct(handle, (await createCategory(handle)).id, { listPriceMinor: 1000 });
  customer = await createCompanyWithBuyer(handle);
  const [user] = await handle.db
    .insert(users)
    .values({ email: `punchout-${Date.now().toString(36)}@technical.koppel.invalid`, name: "Punchout SAP", role: "buyer", companyId: customer.company.id, passwordHash: null })
    .returning();
  technical = user!;
  const [connection] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId: customer.company.id,
      name: "SAP SRM",
      protocol: "oci",
      presetId: "generic-oci",
      username: `oci-account-${Date.now().toString(36)}`,
      secretHash: "scrypt$1$1$1$x$y",
      allowedReturnOrigins: ["http://localhost:*"],
      technicalUserId: technical.id,
    })
    .returning();
  connectionId = connection!.id;
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
  request.cookies.clear();
  vi.mocked(auth.signOut).mockClear();
});

/** A new punchout session of the connection for `userId` (with its cart), entered in this "browser". */
async function enterPunchout(userId: number): Promise<number> {
  const token = `punchout-account-token-${tokens++}-0123456789abcdef`;
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({
      connectionId,
      companyId: customer.company.id,
      userId,
      protocol: "oci",
      status: "active",
      operation: "create",
      returnUrl: "http://localhost:8080/hook",
      sessionTokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  await handle.db.insert(carts).values({ userId, companyId: customer.company.id, punchoutSessionId: session!.id });
  request.cookies.set(PUNCHOUT_COOKIE, token);
  return session!.id;
}

async function sessionUser(): Promise<BuyerUser> {
  const user = await getCurrentUser();
  expect(isBuyer(user)).toBe(true);
  return user as BuyerUser;
}

describe("who a punchout session runs as", () => {
  it("knows the connection's technical user from a person the user mapping found", async () => {
    await enterPunchout(technical.id);
    expect((await sessionUser()).punchout).toMatchObject({ connectionName: "SAP SRM", technicalUser: true });
    await enterPunchout(customer.user.id);
    expect((await sessionUser()).punchout).toMatchObject({ connectionName: "SAP SRM", technicalUser: false });
  });
});

describe("signing out", () => {
  it("is refused in a punchout session, on the cart page that names the ways out; the session and a sign-in beside it go on", async () => {
    request.userId = customer.user.id; // signed in in the same browser, too
    const sessionId = await enterPunchout(technical.id);
    expect(await runAction(() => signOutAction())).toEqual({ redirect: "/cart?error=sign_out_in_punchout" });
    expect(auth.signOut).not.toHaveBeenCalled();
    expect((await sessionUser()).punchout?.sessionId).toBe(sessionId);
  });

  it("signs out as before outside punchout", async () => {
    request.userId = customer.user.id;
    await signOutAction();
    expect(auth.signOut).toHaveBeenCalledWith({ redirectTo: "/" });
  });
});

describe("the profile in a punchout session", () => {
  it("of the technical user is not changed: it is shared by everybody the procurement system sends", async () => {
    await enterPunchout(technical.id);
    expect(await updateProfileAction(idle, form({ name: "Jan van Inkoop", locale: "en" }))).toMatchObject({ status: "error", message: "punchout_shared_account" });
    const [stored] = await handle.db.select().from(users).where(eq(users.id, technical.id));
    expect(stored).toMatchObject({ name: "Punchout SAP", locale: "nl" });
  });

  it("of a person the user mapping found keeps their name and language, not their password or two-step verification", async () => {
    await enterPunchout(customer.user.id);
    expect(await updateProfileAction(idle, form({ name: "Jan de Inkoper", locale: "nl" }))).toMatchObject({ status: "ok" });
    const password = { currentPassword: "whatever-it-is", newPassword: "a-new-password-2026", confirmPassword: "a-new-password-2026" };
    expect(await changePasswordAction(idle, form(password))).toMatchObject({ status: "error", message: "password_not_in_punchout" });
    expect(auth.signIn).not.toHaveBeenCalled();
    const [stored] = await handle.db.select().from(users).where(eq(users.id, customer.user.id));
    expect(stored).toMatchObject({ name: "Jan de Inkoper", passwordHash: customer.user.passwordHash });
    expect((await twoStepView(await sessionUser())).unavailable).toBe("punchout");
  });

  it("two-step verification outside punchout: open to a password user as before", async () => {
    request.userId = customer.user.id;
    expect((await twoStepView((await getCurrentUser())!)).unavailable).toBeNull();
  });
});

describe("Cancel punchout", () => {
  it("reads how many lines it would discard with the header badge", async () => {
    await enterPunchout(technical.id);
    const shopper = await sessionUser();
    expect(await readCartBadge(shopper)).toMatchObject({ units: 0, lines: 0 });
    await addToCart(shopper, product.sku, 3);
    expect(await readCartBadge(shopper)).toMatchObject({ units: 3, lines: 1 });
  });
});

describe("a quote requested as the technical user", () => {
  it("waits for a later session of the same connection, which takes it into its cart to transfer", async () => {
    const now = new Date();
    await enterPunchout(technical.id);
    const first = await sessionUser();
    await addToCart(first, product.sku, 40);
    const { quoteNumber } = await requestQuote(first, { comment: "Jan, inkoop, 020-1234567" }, "nl", now);
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const quote = (await getQuoteForViewer(first, quoteNumber))!;
    const validUntil = calendarDate(new Date(now.getTime() + 30 * 86_400_000));
    const price = { [`price_${quote.lines[0]!.id}`]: "8,50" } as Record<`price_${number}`, string>;
    await sendQuote(manager, { quoteId: quote.id, validUntil, comment: null, ...price }, now);

    // The next day the procurement system opens a new session: the same technical user finds it.
    await enterPunchout(technical.id);
    const later = await sessionUser();
    expect(later.punchout?.sessionId).not.toBe(first.punchout?.sessionId);
    expect((await listQuotesForViewer(later, { limit: 10, offset: 0 })).items.map((item) => item.quoteNumber)).toContain(quoteNumber);
    await acceptQuote(later, quoteNumber, now);
    const cart = await getPricedCart(later, "nl", now);
    expect(cart.lines.map((line) => [line.product.sku, line.quantity, line.unitPriceMinor, line.quote?.quoteNumber])).toEqual([[product.sku, 40, 850, quoteNumber]]);
  });
});

describe("user administration in a punchout session", () => {
  // The user mapping found a company admin: by an e-mail address the procurement system sent, which in
  // an OCI call-up passes through the shopper's own browser. Such a session shops as them, but does not
  // create, promote, deactivate or unlock accounts: that would turn a call-up into a lasting sign-in.
  it("is refused, whoever the session runs as; nothing changes; outside punchout the same admin can", async () => {
    const admin = await addCompanyUser(handle, customer, "company_admin", { passwordHash: TEST_PASSWORD_HASH });
    const colleague = customer.user;
    await enterPunchout(admin.id);
    expect((await sessionUser()).role).toBe("company_admin");
    const invite = form({ name: "Nieuwe Beheerder", email: "nieuw-via-punchout@example.test", role: "company_admin", locale: "nl", orderLimit: "" });
    const attempts = {
      invite: await account.inviteUserAction(idle, invite),
      inviteList: await account.inviteUsersAction(idle, form({ text: "lijst-via-punchout@example.test;Lijst;company_admin" })),
      promote: await account.updateUserAction(idle, form({ userId: String(colleague.id), role: "company_admin", orderLimit: "" })),
      deactivate: await account.setUserActiveAction(idle, form({ userId: String(colleague.id), active: "false" })),
      handOver: await account.handOverAction(idle, form({ fromUserId: String(colleague.id), toUserId: String(admin.id) })),
      approveJoin: await account.approveJoinRequestAction(idle, form({ requestId: "1", role: "company_admin", orderLimit: "" })),
      rejectJoin: await account.rejectJoinRequestAction(idle, form({ requestId: "1", reason: "nee" })),
      autoJoin: await account.setAutoJoinAction(idle, form({ domain: "example.test", role: "buyer", orderLimit: "" })),
      removeAutoJoin: await account.removeAutoJoinAction(idle, form({ domain: "example.test" })),
      resetTwoStep: await resetColleagueTwoStepAction(idle, form({ userId: String(colleague.id) })),
      requireTwoStep: await setTwoStepRequirementAction(idle, form({ required: "off" })),
    };
    for (const [name, state] of Object.entries(attempts)) expect(state, name).toMatchObject({ status: "error", code: "forbidden", message: "not_in_punchout" });
    const people = await handle.db.select().from(users).where(eq(users.companyId, customer.company.id));
    expect(people.map((person) => person.email)).not.toContain("nieuw-via-punchout@example.test");
    expect(people.map((person) => person.email)).not.toContain("lijst-via-punchout@example.test");
    expect(people.find((person) => person.id === colleague.id)).toMatchObject({ role: "buyer", active: true });

    // The same admin signed in with their password (no punchout cookie): the harness lets them through.
    request.cookies.clear();
    request.userId = admin.id;
    expect(await account.inviteUserAction(idle, invite)).toMatchObject({ status: "ok", message: "user_invited" });
  });
});
