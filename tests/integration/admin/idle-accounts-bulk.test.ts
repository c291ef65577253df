// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { and, asc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, accountSecurityEvents, userTokens, users } from "@/db/schema";
import { deactivateIdleCustomerUsers, deactivateIdleStaff } from "@/lib/admin/idle-deactivation";
import { getCurrentUser } from "@/lib/auth/guards";
import { recordSignIn } from "@/lib/data/users";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer, TEST_PASSWORD_HASH } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Access review, "deactivate all idle accounts shown": the page sends the threshold and the ids it
 * showed; the server deactivates those still idle and on that list, in one transaction, each with
 * its security event, and says who it skipped and why. Customers' users: their account managers and
 * admins; staff: admins only, the acting admin and the last active admin stay.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The audit log can be made to fail after `after` more events (the rollback test); otherwise it is the real one.
const auditFailure = vi.hoisted(() => ({ after: null as number | null }));
vi.mock("@/lib/data/security-events", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/data/security-events")>();
  return {
    ...original,
    recordSecurityEventIn: async (...args: Parameters<typeof original.recordSecurityEventIn>) => {
      if (auditFailure.after !== null && auditFailure.after-- <= 0) throw new Error("audit log unavailable");
      return original.recordSecurityEventIn(...args);
    },
  };
});

const { deactivateIdleUsersAction } = await import("@/app/admin/customers/actions");
const { deactivateIdleStaffAction } = await import("@/app/admin/staff/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;

const idle = { status: "idle" } as const;
const now = () => new Date();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const form = (values: Record<string, string | number | (string | number)[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, String(item));
  }
  return data;
};
const as = (userId: number) => {
  request.userId = userId;
};
let counter = 0;
/** An account with a password that last signed in `lastSignIn` days ago: a customer's user, or staff with `companyId` null. */
async function account(companyId: number | null, lastSignIn: number, role: "buyer" | "company_admin" | "account_manager" | "admin" = "buyer") {
  const n = counter++;
  const [row] = await handle.db
    .insert(users)
    .values({ email: `idle-${n}-${Date.now()}@bulk.test`, name: `Idle ${n}`, role, companyId, passwordHash: TEST_PASSWORD_HASH, createdAt: daysAgo(400), lastSignInAt: daysAgo(lastSignIn) })
    .returning();
  return row!;
}
const activeOf = async (...ids: number[]) =>
  Object.fromEntries((await handle.db.select({ id: users.id, active: users.active }).from(users).where(inArray(users.id, ids))).map((r) => [r.id, r.active]));
const eventsOf = async (...ids: number[]) =>
  handle.db.select().from(accountSecurityEvents).where(inArray(accountSecurityEvents.userId, ids)).orderBy(asc(accountSecurityEvents.id));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
  admin = await createStaff(handle, "admin");
}, 60_000);
afterAll(() => fresh?.dispose());

describe("a customer's idle users, deactivated in bulk", () => {
  it("deactivates every shown idle user in one go, each with its own security event, and their sessions end", async () => {
    const shown = [await account(customer.company.id, 100), await account(customer.company.id, 45, "company_admin"), await account(customer.company.id, 31)];
    const ids = shown.map((u) => u.id);
    as(shown[0]!.id);
    expect(await getCurrentUser()).toMatchObject({ id: shown[0]!.id });

    as(manager.id);
    const outcome = await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 30, userIds: ids, checked: "on" }));
    expect(outcome).toEqual({ status: "ok", data: { deactivated: 3 } });
    expect(await activeOf(...ids)).toEqual(Object.fromEntries(ids.map((id) => [id, false])));
    const events = await eventsOf(...ids);
    expect(events.map((e) => [e.userId, e.kind, e.actorUserId, e.actorName, e.companyId])).toEqual(ids.map((id) => [id, "deactivated", manager.id, manager.name, customer.company.id]));
    // Like a single deactivation: the next request of theirs finds nobody signed in.
    as(shown[0]!.id);
    expect(await getCurrentUser()).toBeNull();
    // The customer's other user (not shown, not idle) is untouched.
    expect(await activeOf(customer.user.id)).toEqual({ [customer.user.id]: true });
  });

  it("skips a user who signed in after the page was shown, and one already inactive, naming them", async () => {
    const [away, back, gone] = [await account(customer.company.id, 200), await account(customer.company.id, 200), await account(customer.company.id, 200)];
    await handle.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    // The list showed all three at ?idle=90; then one of them signed in.
    await recordSignIn(back.id, now());
    as(manager.id);
    const outcome = await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 90, userIds: [away.id, back.id, gone.id], checked: "on" }));
    expect(outcome).toEqual({ status: "ok", data: { deactivated: 1, inactive: gone.name, signed_in: back.name } });
    expect(await activeOf(away.id, back.id, gone.id)).toEqual({ [away.id]: false, [back.id]: true, [gone.id]: false });
    expect((await eventsOf(away.id, back.id, gone.id)).map((e) => [e.userId, e.kind])).toEqual([[away.id, "deactivated"]]);
  });

  it("leaves another customer's user smuggled into the list alone, without naming them", async () => {
    const mine = await account(customer.company.id, 100);
    const theirs = await account(other.company.id, 100);
    as(manager.id);
    const outcome = await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 30, userIds: [mine.id, theirs.id, 2_000_000], checked: "on" }));
    expect(outcome).toEqual({ status: "ok", data: { deactivated: 1, not_listed: 2 } });
    expect(JSON.stringify(outcome)).not.toContain(theirs.name);
    expect(await activeOf(mine.id, theirs.id)).toEqual({ [mine.id]: false, [theirs.id]: true });
    expect(await eventsOf(theirs.id)).toEqual([]);
  });

  it("refuses an account manager who does not look after the customer (and a buyer), in the action and in lib", async () => {
    const target = await account(customer.company.id, 100);
    const input = { companyId: customer.company.id, days: 30, userIds: [target.id], checked: "on" };
    as(otherManager.id);
    expect(await deactivateIdleUsersAction(idle, form(input))).toMatchObject({ status: "error", code: "not_found", message: "customer_not_found" });
    await expect(deactivateIdleCustomerUsers(otherManager, customer.company.id, { days: 30, userIds: [target.id], checked: "on" }, now())).rejects.toMatchObject({ code: "not_found" });
    as(customer.user.id);
    expect(await deactivateIdleUsersAction(idle, form(input))).toMatchObject({ status: "error", code: "not_found" });
    expect(await activeOf(target.id)).toEqual({ [target.id]: true });
    expect(await eventsOf(target.id)).toEqual([]);
    // An admin may, like for a single user.
    as(admin.id);
    expect(await deactivateIdleUsersAction(idle, form(input))).toEqual({ status: "ok", data: { deactivated: 1 } });
  });

  it("asks for the ticked 'I have checked this list' and a threshold the filter offers", async () => {
    const target = await account(customer.company.id, 100);
    as(manager.id);
    expect(await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 30, userIds: [target.id] }))).toMatchObject({
      status: "error",
      code: "invalid_input",
      fieldErrors: { checked: ["idle_bulk_unchecked"] },
    });
    expect(await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 7, userIds: [target.id], checked: "on" }))).toMatchObject({ code: "invalid_input" });
    expect(await deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 30, checked: "on" }))).toMatchObject({ code: "invalid_input" });
    expect(await activeOf(target.id)).toEqual({ [target.id]: true });
  });

  it("writes nothing when one account's deactivation fails: the others stay active, no events", async () => {
    const shown = [await account(customer.company.id, 100), await account(customer.company.id, 100), await account(customer.company.id, 100)];
    const ids = shown.map((u) => u.id);
    as(manager.id);
    auditFailure.after = 1; // the second account's security event cannot be written
    try {
      await expect(deactivateIdleUsersAction(idle, form({ companyId: customer.company.id, days: 30, userIds: ids, checked: "on" }))).rejects.toThrow("audit log unavailable");
    } finally {
      auditFailure.after = null;
    }
    expect(await activeOf(...ids)).toEqual(Object.fromEntries(ids.map((id) => [id, true])));
    expect(await eventsOf(...ids)).toEqual([]);
  });
});

describe("idle staff, deactivated in bulk", () => {
  it("is for admins only", async () => {
    const target = await account(null, 100, "account_manager");
    as(manager.id);
    expect(await deactivateIdleStaffAction(idle, form({ days: 30, userIds: [target.id], checked: "on" }))).toMatchObject({ status: "error", message: "admin_only" });
    await expect(deactivateIdleStaff(manager, { days: 30, userIds: [target.id], checked: "on" }, now())).rejects.toMatchObject({ code: "forbidden" });
    as(customer.user.id);
    expect(await deactivateIdleStaffAction(idle, form({ days: 30, userIds: [target.id], checked: "on" }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await activeOf(target.id)).toEqual({ [target.id]: true });
  });

  it("deactivates idle staff like a single deactivation without hand-over; the acting admin and a customer's user are skipped", async () => {
    const leaver = await account(null, 120, "account_manager");
    await handle.db.insert(accountManagerCustomers).values({ staffUserId: leaver.id, companyId: customer.company.id });
    await handle.db.insert(userTokens).values({ userId: leaver.id, purpose: "password_reset", tokenHash: `bulk-open-link-${leaver.id}`, createdAt: now(), expiresAt: daysAgo(-1) });
    const idleAdmin = await account(null, 400, "admin");
    const buyer = await account(customer.company.id, 120);
    as(admin.id);
    const outcome = await deactivateIdleStaffAction(idle, form({ days: 90, userIds: [admin.id, leaver.id, idleAdmin.id, buyer.id], checked: "on" }));
    expect(outcome).toEqual({ status: "ok", data: { deactivated: 2, yourself: admin.name, not_listed: 1 } });
    expect(await activeOf(admin.id, leaver.id, idleAdmin.id, buyer.id)).toEqual({ [admin.id]: true, [leaver.id]: false, [idleAdmin.id]: false, [buyer.id]: true });
    // Their customers stay with them (shown with an inactive manager), their open links end, each has its event.
    expect(await handle.db.select().from(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, leaver.id))).toHaveLength(1);
    expect(await handle.db.select().from(userTokens).where(and(eq(userTokens.userId, leaver.id), isNull(userTokens.usedAt)))).toEqual([]);
    expect((await eventsOf(admin.id, leaver.id, idleAdmin.id, buyer.id)).map((e) => [e.userId, e.kind, e.actorUserId, e.companyId])).toEqual([
      [leaver.id, "deactivated", admin.id, null],
      [idleAdmin.id, "deactivated", admin.id, null],
    ]);
  });

  it("keeps the last active admin, also when the acting admin lost that role meanwhile", async () => {
    // `acting` passed the staff check as an admin; then another admin deactivated them (and every other
    // admin but two idle ones is gone) before their bulk deactivation ran.
    const acting = await createStaff(handle, "admin");
    const [first, second] = [await account(null, 400, "admin"), await account(null, 400, "admin")];
    await handle.db
      .update(users)
      .set({ active: false })
      .where(and(eq(users.role, "admin"), isNull(users.companyId), notInArray(users.id, [first.id, second.id])));

    const plan = await deactivateIdleStaff(acting, { days: 30, userIds: [acting.id, first.id, second.id], checked: "on" }, now());
    expect(plan).toEqual({
      deactivate: [first.id],
      skipped: [
        { id: acting.id, name: acting.name, reason: "yourself" },
        { id: second.id, name: second.name, reason: "last_admin" },
      ],
    });
    const admins = await handle.db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true), isNull(users.companyId)));
    expect(admins).toEqual([{ id: second.id }]);
    expect((await eventsOf(first.id, second.id)).map((e) => [e.userId, e.kind])).toEqual([[first.id, "deactivated"]]);
  });
});
