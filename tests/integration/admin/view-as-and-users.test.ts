// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, mailOutbox, orderEvents, userTokens, users, viewAsEvents, viewAsSessions } from "@/db/schema";
import { checkPasswordLink, setPasswordWithLink } from "@/lib/admin/set-password";
import { getCurrentUser, getStaffUser, isBuyer } from "@/lib/auth/guards";
import { VIEW_AS_COOKIE } from "@/lib/auth/impersonation";
import { verifyPassword } from "@/lib/auth/password";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { startViewAsAction, exitViewAsAction, recordViewAsPageViewAction } = await import("@/app/admin/view-as/actions");
const { inviteUserAction, sendPasswordResetAction, setUserActiveAction } = await import("@/app/admin/customers/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let foreign: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let managerId: number;
let managerName: string;

const form = (values: Record<string, string | number>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
};
const idle = { status: "idle" } as const;
const signInAs = (userId: number | null) => {
  request.userId = userId;
};

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  foreign = await createCompanyWithBuyer(handle);
  const manager = await createStaff(handle, "account_manager", [customer.company.id]);
  managerId = manager.id;
  managerName = manager.name;
}, 60_000);
afterAll(() => fresh?.dispose());

describe("view shop as customer", () => {
  it("opens the shop as the chosen user, keeps the manager's own admin access, and records both identities", async () => {
    signInAs(managerId);
    request.cookies.clear();
    const outcome = await runAction(() => startViewAsAction(idle, form({ userId: customer.user.id, minutes: 30, reason: "Klant belt over prijs" })));
    expect(outcome).toEqual({ redirect: "/" });
    const token = request.cookies.get(VIEW_AS_COOKIE);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const [session] = await handle.db.select().from(viewAsSessions).where(eq(viewAsSessions.staffUserId, managerId));
    expect(session).toMatchObject({ targetUserId: customer.user.id, companyId: customer.company.id, reason: "Klant belt over prijs", endedAt: null });
    expect(session!.tokenHash).not.toBe(token); // only the hash is stored
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(30 * 60_000);

    const current = await getCurrentUser();
    expect(current).toMatchObject({ id: customer.user.id, companyId: customer.company.id, impersonatedBy: { id: managerId, name: managerName, sessionId: session!.id } });
    expect(isBuyer(current)).toBe(true);
    expect(await getStaffUser()).toMatchObject({ id: managerId, role: "account_manager", impersonatedBy: null });

    expect(await recordViewAsPageViewAction(idle, form({ path: "/products/ABC?x=1" }))).toEqual({ status: "ok" });
    const events = await handle.db.select().from(viewAsEvents).where(eq(viewAsEvents.sessionId, session!.id)).orderBy(viewAsEvents.id);
    expect(events.map((e) => [e.kind, e.staffUserId, e.targetUserId, e.companyId, e.path])).toEqual([
      ["started", managerId, customer.user.id, customer.company.id, null],
      ["page_view", managerId, customer.user.id, customer.company.id, "/products/ABC?x=1"],
    ]);
  });

  it("records an order placed on behalf with both identities, in the order's transaction", async () => {
    const user = await getCurrentUser();
    if (!isBuyer(user) || !user.impersonatedBy) throw new Error("expected an impersonated buyer");
    const product = await createProduct(handle, (await createCategory(handle)).id, { listPriceMinor: 1250 });
    await addToCart(user, product.sku, 2);
    const order = await placeOrder(user, { shipToAddressId: customer.shipTo.id, poNumber: "PO-NAMENS", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", new Date());
    const [event] = await handle.db.select().from(viewAsEvents).where(and(eq(viewAsEvents.orderId, order.id), eq(viewAsEvents.kind, "order_placed")));
    expect(event).toMatchObject({ staffUserId: managerId, targetUserId: customer.user.id, companyId: customer.company.id, sessionId: user.impersonatedBy.sessionId });
    const [orderEvent] = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    const [{ a }] = (await handle.query<{ a: string }>("select xmin::text as a from view_as_events where id = $1", [event!.id])) as [{ a: string }];
    const [{ b }] = (await handle.query<{ b: string }>("select xmin::text as b from order_events where id = $1", [orderEvent!.id])) as [{ b: string }];
    expect(a).toBe(b);
  });

  it("does not apply to anyone else holding the cookie, nor after the customer is no longer the manager's", async () => {
    const otherManager = await createStaff(handle, "account_manager", [customer.company.id]);
    signInAs(otherManager.id);
    expect(await getCurrentUser()).toMatchObject({ id: otherManager.id, impersonatedBy: null });
    signInAs(customer.user.id); // a buyer with the same cookie: just themselves
    expect(await getCurrentUser()).toMatchObject({ id: customer.user.id, impersonatedBy: null });

    signInAs(managerId);
    await handle.db.delete(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, managerId));
    expect(await getCurrentUser()).toMatchObject({ id: managerId, impersonatedBy: null });
    await handle.db.insert(accountManagerCustomers).values({ staffUserId: managerId, companyId: customer.company.id });
    expect((await getCurrentUser())?.impersonatedBy?.id).toBe(managerId);
  });

  it("ends when the time box is over", async () => {
    const [session] = await handle.db.select().from(viewAsSessions).where(eq(viewAsSessions.staffUserId, managerId));
    await handle.query("update view_as_sessions set created_at = now() - interval '61 minutes', expires_at = now() - interval '1 minute' where id = $1", [session!.id]);
    expect(await getCurrentUser()).toMatchObject({ id: managerId, impersonatedBy: null });
  });

  it("can last at most 60 minutes, for customer users of the manager's own customers only", async () => {
    signInAs(managerId);
    expect(await startViewAsAction(idle, form({ userId: customer.user.id, minutes: 90 }))).toMatchObject({ status: "error", code: "invalid_input" });
    expect(await startViewAsAction(idle, form({ userId: foreign.user.id, minutes: 15 }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await startViewAsAction(idle, form({ userId: managerId, minutes: 15 }))).toMatchObject({ status: "error", code: "not_found" });
    await expect(
      handle.query("insert into view_as_sessions (token_hash, staff_user_id, target_user_id, company_id, created_at, expires_at) values ('x', $1, $2, $3, now(), now() + interval '61 minutes')", [
        managerId,
        customer.user.id,
        customer.company.id,
      ]),
    ).rejects.toThrow(/view_as_sessions_time_box/);
  });

  it("a new session replaces the open one, and the exit button ends it and clears the cookie", async () => {
    signInAs(managerId);
    await runAction(() => startViewAsAction(idle, form({ userId: customer.user.id, minutes: 15 })));
    const second = await createCompanyWithBuyer(handle);
    await handle.db.insert(accountManagerCustomers).values({ staffUserId: managerId, companyId: second.company.id });
    await runAction(() => startViewAsAction(idle, form({ userId: second.user.id, minutes: 15 })));
    const sessions = await handle.db.select().from(viewAsSessions).where(eq(viewAsSessions.staffUserId, managerId)).orderBy(desc(viewAsSessions.id));
    expect(sessions[1]).toMatchObject({ endReason: "replaced" });
    expect((await getCurrentUser())?.id).toBe(second.user.id);

    expect(await runAction(() => exitViewAsAction(idle, form({})))).toEqual({ redirect: `/admin/customers/${second.company.id}/users` });
    expect(request.cookies.has(VIEW_AS_COOKIE)).toBe(false);
    const [ended] = await handle.db.select().from(viewAsSessions).where(eq(viewAsSessions.id, sessions[0]!.id));
    expect(ended).toMatchObject({ endReason: "exit" });
    expect(ended!.endedAt).toBeInstanceOf(Date);
    expect(await getCurrentUser()).toMatchObject({ id: managerId, impersonatedBy: null });
    // Page views are only recorded while viewing as someone.
    expect(await recordViewAsPageViewAction(idle, form({ path: "/" }))).toEqual({ status: "ok" });
    expect(await handle.db.select().from(viewAsEvents).where(and(eq(viewAsEvents.sessionId, sessions[0]!.id), eq(viewAsEvents.kind, "page_view")))).toHaveLength(0);
  });
});

describe("customer users: invite, reset, deactivate – the manager never sees or sets a password", () => {
  const linkFrom = (body: string) => new URL(/https?:\/\/\S+/.exec(body)![0]).searchParams.get("token")!;

  it("invites a user: no password, a single-use link by e-mail, nothing secret in the action's answer", async () => {
    signInAs(managerId);
    request.cookies.clear();
    const state = await inviteUserAction(idle, form({ companyId: customer.company.id, name: "Nieuwe Inkoper", email: "Nieuw@Klant.test", role: "approver", locale: "en", orderLimit: "1.500,00" }));
    expect(state).toEqual({ status: "ok" });
    const [user] = await handle.db.select().from(users).where(eq(users.email, "nieuw@klant.test"));
    expect(user).toMatchObject({ passwordHash: null, role: "approver", companyId: customer.company.id, orderLimitMinor: 150_000, locale: "en" });
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, user!.id));
    expect(mail).toMatchObject({ toEmail: "nieuw@klant.test", kind: "invite", sentAt: null });
    expect(mail!.bodyText).toContain("http://localhost:3000/set-password?token=");
    const token = linkFrom(mail!.bodyText);
    const [stored] = await handle.db.select().from(userTokens).where(eq(userTokens.userId, user!.id));
    expect(stored!.tokenHash).not.toBe(token);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(7 * 24 * 3600_000);

    expect(await inviteUserAction(idle, form({ companyId: customer.company.id, name: "Dubbel", email: "nieuw@klant.test", role: "buyer", locale: "nl" }))).toMatchObject({
      status: "error",
      message: "email_taken",
    });
    expect(await inviteUserAction(idle, form({ companyId: foreign.company.id, name: "Elders", email: "elders@klant.test", role: "buyer", locale: "nl" }))).toMatchObject({
      code: "not_found",
    });

    expect(await checkPasswordLink(token, new Date())).toMatchObject({ userId: user!.id, purpose: "invite" });
    await setPasswordWithLink(token, "een lange zin als wachtwoord", new Date());
    const [after] = await handle.db.select().from(users).where(eq(users.id, user!.id));
    expect(await verifyPassword("een lange zin als wachtwoord", after!.passwordHash!)).toBe(true);
    await expect(setPasswordWithLink(token, "nog een ander wachtwoord", new Date())).rejects.toMatchObject({ code: "not_found", message: "token_invalid" });
  });

  it("sends a reset link; the old password works until the user chooses a new one; links expire", async () => {
    signInAs(managerId);
    const [user] = await handle.db.select().from(users).where(eq(users.email, "nieuw@klant.test"));
    expect(await sendPasswordResetAction(idle, form({ companyId: customer.company.id, userId: user!.id }))).toEqual({ status: "ok" });
    expect(await sendPasswordResetAction(idle, form({ companyId: customer.company.id, userId: user!.id }))).toEqual({ status: "ok" });
    const mails = await handle.db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, user!.id), eq(mailOutbox.kind, "password_reset"))).orderBy(mailOutbox.id);
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => linkFrom(m.bodyText));
    expect(await checkPasswordLink(first!, new Date())).toBeNull(); // replaced by the newer link
    const [unchanged] = await handle.db.select().from(users).where(eq(users.id, user!.id));
    expect(await verifyPassword("een lange zin als wachtwoord", unchanged!.passwordHash!)).toBe(true);
    expect(await checkPasswordLink(second!, new Date(Date.now() + 25 * 3600_000))).toBeNull(); // 24 h validity
    await setPasswordWithLink(second!, "een heel nieuw wachtwoord", new Date());
    const [changed] = await handle.db.select().from(users).where(eq(users.id, user!.id));
    expect(await verifyPassword("een heel nieuw wachtwoord", changed!.passwordHash!)).toBe(true);
  });

  it("deactivates and reactivates a user; a deactivated user cannot use a link", async () => {
    signInAs(managerId);
    const [user] = await handle.db.select().from(users).where(eq(users.email, "nieuw@klant.test"));
    await sendPasswordResetAction(idle, form({ companyId: customer.company.id, userId: user!.id }));
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, user!.id)).orderBy(desc(mailOutbox.id)).limit(1);
    expect(await setUserActiveAction(idle, form({ companyId: customer.company.id, userId: user!.id, active: "false" }))).toEqual({ status: "ok" });
    expect(await checkPasswordLink(linkFrom(mail!.bodyText), new Date())).toBeNull();
    signInAs(user!.id);
    expect(await getCurrentUser()).toBeNull();
    signInAs(managerId);
    expect(await setUserActiveAction(idle, form({ companyId: customer.company.id, userId: user!.id, active: "true" }))).toEqual({ status: "ok" });
    signInAs(user!.id);
    expect(await getCurrentUser()).toMatchObject({ id: user!.id });
  });
});
