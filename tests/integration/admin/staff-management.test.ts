// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, accountSecurityEvents, mailOutbox, userTokens, userTwoFactor, users } from "@/db/schema";
import { setPasswordWithLink } from "@/lib/admin/set-password";
import { readStaffMember, readStaffOverview } from "@/lib/admin/staff";
import { getStaffUser } from "@/lib/auth/guards";
import { setCustomerManagers } from "@/lib/data/customers";
import { setStaffMemberActive, updateStaffMember } from "@/lib/data/staff";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Staff management (admin → Staff): only admins invite, change, hand over and deactivate staff;
 * nobody changes their own role or access; the last active admin stays one, also when two admins
 * demote each other at the same moment; every change is in the account security log.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const actions = await import("@/app/admin/staff/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let colleague: Awaited<ReturnType<typeof createStaff>>;
let customers: Awaited<ReturnType<typeof createCompanyWithBuyer>>[];

const idle = { status: "idle" } as const;
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
const userRow = async (id: number) => (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;
const assigned = async (staffUserId: number) =>
  (await handle.db.select({ companyId: accountManagerCustomers.companyId }).from(accountManagerCustomers).where(eq(accountManagerCustomers.staffUserId, staffUserId))).map((r) => r.companyId).sort((a, b) => a - b);
const eventsOf = async (userId: number) =>
  handle.db.select().from(accountSecurityEvents).where(eq(accountSecurityEvents.userId, userId)).orderBy(asc(accountSecurityEvents.id));
const details = (base: Awaited<ReturnType<typeof createStaff>>) => ({ name: base.name, email: base.email, role: base.role, locale: "nl" });

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customers = [];
  for (let i = 0; i < 3; i++) customers.push(await createCompanyWithBuyer(handle));
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customers[0]!.company.id, customers[1]!.company.id]);
  colleague = await createStaff(handle, "account_manager", [customers[1]!.company.id]);
}, 60_000);
afterAll(() => fresh?.dispose());

describe("staff management", () => {
  it("is for admins only: an account manager is refused every action and nothing changes", async () => {
    as(manager.id);
    const before = await handle.db.select().from(users).orderBy(asc(users.id));
    const refusals = [
      await actions.inviteStaffAction(idle, form({ name: "Nieuwe Collega", email: "nieuw@koppel.test", role: "admin", locale: "nl" })),
      await actions.updateStaffAction(idle, form({ staffId: manager.id, ...details(manager), role: "admin" })),
      await actions.setStaffActiveAction(idle, form({ staffId: colleague.id, active: "false" })),
      await actions.handOverCustomersAction(idle, form({ staffId: colleague.id, handOverTo: manager.id, companyIds: [customers[1]!.company.id] })),
      await actions.sendStaffPasswordResetAction(idle, form({ staffId: colleague.id })),
      await actions.resetStaffTwoStepAction(idle, form({ staffId: colleague.id })),
    ];
    for (const outcome of refusals) expect(outcome).toMatchObject({ status: "error", message: "admin_only" });
    expect(await handle.db.select().from(users).orderBy(asc(users.id))).toEqual(before);
    expect(await assigned(colleague.id)).toEqual([customers[1]!.company.id]);
    await expect(readStaffOverview(manager)).rejects.toMatchObject({ code: "forbidden" });
    await expect(readStaffMember(manager, colleague.id)).rejects.toMatchObject({ code: "forbidden" });
    // A buyer is not staff at all.
    as(customers[0]!.user.id);
    expect(await actions.inviteStaffAction(idle, form({ name: "X Y", email: "xy@koppel.test", role: "admin", locale: "nl" }))).toMatchObject({ status: "error" });
  });

  it("invites a staff member: no password, a single-use link by mail, logged; the address must be free", async () => {
    as(admin.id);
    const outcome = await runAction(() => actions.inviteStaffAction(idle, form({ name: "Sanne de Wit", email: " Sanne.deWit@Koppel.test ", role: "account_manager", locale: "en" })));
    expect(outcome).toMatchObject({ redirect: expect.stringMatching(/^\/admin\/staff\/\d+\?invited=1$/) });
    const [created] = await handle.db.select().from(users).where(eq(users.email, "sanne.dewit@koppel.test"));
    expect(created).toMatchObject({ role: "account_manager", companyId: null, passwordHash: null, active: true, locale: "en" });
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, created!.id));
    expect(mail).toMatchObject({ kind: "staff_invite", toEmail: "sanne.dewit@koppel.test" });
    expect(mail!.bodyText).toContain(`${admin.name} added you as account manager`);
    expect(mail!.bodyText).toContain("http://localhost:3000/admin");
    const token = /set-password\?token=([A-Za-z0-9_-]+)/.exec(mail!.bodyText)![1]!;
    await setPasswordWithLink(token, "een lange zin als wachtwoord", new Date());
    expect((await userRow(created!.id)).passwordHash).toMatch(/^scrypt\$/);
    expect(await eventsOf(created!.id)).toMatchObject([{ kind: "invited", actorUserId: admin.id, detail: { to: "account_manager" }, companyId: null }]);

    const count = (await handle.db.select().from(users)).length;
    expect(await actions.inviteStaffAction(idle, form({ name: "Dubbel", email: customers[0]!.user.email.toUpperCase(), role: "admin", locale: "nl" }))).toMatchObject({
      status: "error",
      message: "email_taken",
    });
    expect((await handle.db.select().from(users)).length).toBe(count);
  });

  it("changes role and address, logging what they were; nobody changes their own role", async () => {
    as(admin.id);
    expect(await actions.updateStaffAction(idle, form({ staffId: colleague.id, ...details(colleague), role: "admin", email: "Colleague.New@koppel.test" }))).toEqual({ status: "ok" });
    expect(await userRow(colleague.id)).toMatchObject({ role: "admin", email: "colleague.new@koppel.test" });
    expect(await eventsOf(colleague.id)).toMatchObject([
      { kind: "role_changed", detail: { from: "account_manager", to: "admin" }, actorUserId: admin.id },
      { kind: "email_changed", detail: { from: colleague.email, to: "colleague.new@koppel.test" } },
    ]);
    // Promoted, they keep looking after their customers.
    expect(await assigned(colleague.id)).toEqual([customers[1]!.company.id]);
    // An address in use is refused and nothing changes.
    expect(await actions.updateStaffAction(idle, form({ staffId: colleague.id, ...details(colleague), role: "account_manager", email: manager.email }))).toMatchObject({
      status: "error",
      message: "email_taken",
    });
    expect(await userRow(colleague.id)).toMatchObject({ role: "admin", email: "colleague.new@koppel.test" });
    // Their own name and language, yes; their own role, no.
    expect(await actions.updateStaffAction(idle, form({ staffId: admin.id, ...details(admin), name: "Admin Hernoemd" }))).toEqual({ status: "ok" });
    expect(await actions.updateStaffAction(idle, form({ staffId: admin.id, ...details(admin), role: "account_manager" }))).toMatchObject({ status: "error", message: "not_yourself" });
    expect(await userRow(admin.id)).toMatchObject({ role: "admin", name: "Admin Hernoemd" });
    admin = { ...admin, name: "Admin Hernoemd" };
    // Not a staff member (a customer's user) is not found here.
    expect(await actions.updateStaffAction(idle, form({ staffId: customers[0]!.user.id, name: "X Y", email: "x@y.test", role: "admin", locale: "nl" }))).toMatchObject({
      status: "error",
      message: "staff_not_found",
    });
    expect((await userRow(customers[0]!.user.id)).role).toBe("buyer");
  });

  it("hands the ticked customers over (a customer both look after is not doubled)", async () => {
    as(admin.id);
    const [c0, c1] = [customers[0]!.company.id, customers[1]!.company.id];
    expect(await actions.handOverCustomersAction(idle, form({ staffId: manager.id, handOverTo: manager.id, companyIds: [c0] }))).toMatchObject({ message: "hand_over_to_self" });
    expect(await actions.handOverCustomersAction(idle, form({ staffId: manager.id, handOverTo: colleague.id }))).toMatchObject({ message: "hand_over_none" });
    expect(await actions.handOverCustomersAction(idle, form({ staffId: manager.id, handOverTo: colleague.id, companyIds: [c1] }))).toEqual({ status: "ok" });
    expect(await assigned(manager.id)).toEqual([c0]);
    expect(await assigned(colleague.id)).toEqual([c1]);
    expect((await eventsOf(manager.id)).at(-1)).toMatchObject({ kind: "customers_handed_over", detail: { customers: 1, toName: colleague.name } });
    const page = await readStaffMember(admin, manager.id);
    expect(page.customers).toMatchObject([{ id: c0, otherActiveManagers: 0 }]);
    expect(page.receivers.map((r) => r.id)).not.toContain(manager.id);
  });

  it("deactivates with a hand-over: sessions, invitation links and customers go in one step; a deactivated receiver is refused", async () => {
    as(admin.id);
    const leaver = await createStaff(handle, "account_manager", [customers[2]!.company.id, customers[0]!.company.id]);
    await handle.db.insert(userTokens).values({ userId: leaver.id, purpose: "password_reset", tokenHash: `open-link-${leaver.id}`, createdAt: new Date(), expiresAt: new Date(Date.now() + 3600_000) });
    const gone = await createStaff(handle, "account_manager");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

    expect(await actions.setStaffActiveAction(idle, form({ staffId: leaver.id, active: "false", handOverTo: gone.id }))).toMatchObject({ message: "hand_over_target" });
    expect((await userRow(leaver.id)).active).toBe(true);

    as(leaver.id);
    expect(await getStaffUser()).toMatchObject({ id: leaver.id });
    as(admin.id);
    expect(await actions.setStaffActiveAction(idle, form({ staffId: leaver.id, active: "false", handOverTo: manager.id }))).toEqual({ status: "ok" });
    expect((await userRow(leaver.id)).active).toBe(false);
    expect(await assigned(leaver.id)).toEqual([]);
    expect(await assigned(manager.id)).toEqual([customers[0]!.company.id, customers[2]!.company.id].sort((a, b) => a - b));
    expect(await handle.db.select().from(userTokens).where(and(eq(userTokens.userId, leaver.id), isNull(userTokens.usedAt)))).toEqual([]);
    expect((await eventsOf(leaver.id)).map((e) => e.kind)).toEqual(["deactivated", "customers_handed_over"]);
    as(leaver.id);
    expect(await getStaffUser()).toBeNull();

    as(admin.id);
    expect(await actions.setStaffActiveAction(idle, form({ staffId: leaver.id, active: "false" }))).toMatchObject({ message: "already_inactive" });
    expect(await actions.setStaffActiveAction(idle, form({ staffId: leaver.id, active: "true" }))).toEqual({ status: "ok" });
    expect((await userRow(leaver.id)).active).toBe(true);
    expect((await eventsOf(leaver.id)).at(-1)).toMatchObject({ kind: "reactivated", actorUserId: admin.id });
    // Nobody deactivates themselves.
    expect(await actions.setStaffActiveAction(idle, form({ staffId: admin.id, active: "false" }))).toMatchObject({ message: "not_yourself" });
    expect((await userRow(admin.id)).active).toBe(true);
  });

  it("deactivating without a hand-over leaves the customers with them (shown as the only, inactive, manager)", async () => {
    as(admin.id);
    const quiet = await createStaff(handle, "account_manager", [customers[2]!.company.id]);
    expect(await actions.setStaffActiveAction(idle, form({ staffId: quiet.id, active: "false", handOverTo: "" }))).toEqual({ status: "ok" });
    expect(await assigned(quiet.id)).toEqual([customers[2]!.company.id]);
    expect((await eventsOf(quiet.id)).map((e) => e.kind)).toEqual(["deactivated"]);
  });

  it("resets another staff member's two-step verification and mails them; not one's own", async () => {
    as(admin.id);
    await handle.db.insert(userTwoFactor).values({ userId: manager.id, secretSealed: "sealed-for-the-test", confirmedAt: new Date() });
    expect((await readStaffMember(admin, manager.id)).member.twoStepOn).toBe(true);
    expect(await actions.resetStaffTwoStepAction(idle, form({ staffId: manager.id }))).toEqual({ status: "ok" });
    expect(await handle.db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, manager.id))).toEqual([]);
    expect((await eventsOf(manager.id)).at(-1)).toMatchObject({ kind: "two_step_reset", actorUserId: admin.id, companyId: null });
    const [mail] = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.userId, manager.id)).orderBy(desc(mailOutbox.id)).limit(1);
    expect(mail!.bodyText).toContain(admin.name);
    await handle.db.insert(userTwoFactor).values({ userId: admin.id, secretSealed: "sealed-for-the-test", confirmedAt: new Date() });
    expect(await actions.resetStaffTwoStepAction(idle, form({ staffId: admin.id }))).toMatchObject({ message: "not_yourself" });
    expect(await handle.db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, admin.id))).toHaveLength(1);
  });

  it("mails a password link to an active staff member only", async () => {
    as(admin.id);
    expect(await actions.sendStaffPasswordResetAction(idle, form({ staffId: manager.id }))).toEqual({ status: "ok" });
    const [mail] = await handle.db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, manager.id), eq(mailOutbox.kind, "password_reset")));
    expect(mail!.bodyText).toContain("http://localhost:3000/set-password?token=");
    const inactive = await createStaff(handle, "account_manager");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
    expect(await actions.sendStaffPasswordResetAction(idle, form({ staffId: inactive.id }))).toMatchObject({ message: "user_inactive" });
  });

  it("an admin may look after customers too; a customer's user cannot be made their manager", async () => {
    const c = customers[2]!.company.id;
    await setCustomerManagers(c, [admin.id, manager.id]);
    expect(await assigned(admin.id)).toContain(c);
    await expect(setCustomerManagers(c, [customers[0]!.user.id])).rejects.toMatchObject({ message: "not_staff" });
    expect(await assigned(admin.id)).toContain(c);
  });
});

describe("the last active admin", () => {
  /** Leaves exactly `ids` as the active admins (every other staff member an account manager). */
  const onlyAdmins = async (...ids: number[]) => {
    await handle.db.update(users).set({ role: "account_manager" }).where(and(eq(users.role, "admin"), isNull(users.companyId)));
    for (const id of ids) await handle.db.update(users).set({ role: "admin", active: true }).where(eq(users.id, id));
  };
  const actorOf = (staff: { id: number; name: string }) => ({ userId: staff.id, name: staff.name, role: "admin" });
  const demote = (target: { id: number; name: string; email: string }, by: { id: number; name: string }) =>
    updateStaffMember(target.id, { name: target.name, email: target.email, role: "account_manager", locale: "nl" }, actorOf(by), new Date());
  const deactivate = (target: { id: number }, by: { id: number; name: string }) => setStaffMemberActive(target.id, false, null, actorOf(by), new Date());

  it("cannot be demoted or deactivated, whoever asks (the data layer refuses by itself)", async () => {
    const only = await createStaff(handle, "admin");
    const other = await createStaff(handle, "account_manager");
    await onlyAdmins(only.id);
    await expect(demote(only, other)).rejects.toMatchObject({ message: "last_admin" });
    await expect(deactivate(only, other)).rejects.toMatchObject({ message: "last_admin" });
    expect(await userRow(only.id)).toMatchObject({ role: "admin", active: true });
    // With a second admin, the first may go.
    await onlyAdmins(only.id, other.id);
    await demote(only, other);
    expect(await userRow(only.id)).toMatchObject({ role: "account_manager" });
  });

  it("two admins demoting each other at the same moment: one wins, one admin stays", async () => {
    const a = await createStaff(handle, "admin");
    const b = await createStaff(handle, "admin");
    await onlyAdmins(a.id, b.id);
    const outcomes = await Promise.allSettled([demote(a, b), deactivate(b, a)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { message: "last_admin" } });
    const admins = await handle.db.select().from(users).where(and(eq(users.role, "admin"), eq(users.active, true), isNull(users.companyId)));
    expect(admins).toHaveLength(1);
  });
});
