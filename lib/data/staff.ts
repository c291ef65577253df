import "server-only";
import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountManagerCustomers, companies, userTokens, userTwoFactor, users } from "@/db/schema";
import { planIdleDeactivation, type IdleDeactivationPlan } from "@/lib/admin/idle-accounts";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { q } from "./sql";
import { recordSecurityEventIn, type SecurityActor } from "./security-events";
import { issueUserTokenIn, type IssuedToken } from "./user-accounts";

/**
 * The staff members (account managers and admins) as admins manage them: invitations, roles,
 * deactivation and handing a leaver's customers over. Every change writes its account security
 * event in the same transaction. Changes that could leave nobody who can administer the shop are
 * decided under a lock on the active admins, so two admins demoting each other at once cannot
 * both succeed.
 */

export type StaffRole = "account_manager" | "admin";

export interface StaffMemberRow {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  locale: "nl" | "en";
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  hasPassword: boolean;
  twoStepOn: boolean;
  /** Customers assigned to them (admins see every customer; these are the ones named theirs). */
  customerCount: number;
  pendingInviteExpiresAt: Date | null;
  lastInvitedAt: Date | null;
}

const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));

const staffColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: sql<StaffRole>`${q(users.role)}`,
  locale: users.locale,
  active: users.active,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
  hasPassword: sql<boolean>`${q(users.passwordHash)} is not null`,
  twoStepOn: sql<boolean>`exists (select 1 from ${userTwoFactor} where ${q(userTwoFactor.userId)} = ${q(users.id)} and ${q(userTwoFactor.confirmedAt)} is not null)`,
  customerCount: sql<number>`(select count(*) from ${accountManagerCustomers} where ${q(accountManagerCustomers.staffUserId)} = ${q(users.id)})`.mapWith(Number),
  pendingInviteExpiresAt: sql<Date | null>`(select max(${q(userTokens.expiresAt)}) from ${userTokens} where ${q(userTokens.userId)} = ${q(users.id)} and ${q(userTokens.purpose)} = 'invite' and ${q(userTokens.usedAt)} is null)`.mapWith(dateOrNull),
  lastInvitedAt: sql<Date | null>`(select max(${q(userTokens.createdAt)}) from ${userTokens} where ${q(userTokens.userId)} = ${q(users.id)} and ${q(userTokens.purpose)} = 'invite')`.mapWith(dateOrNull),
};

/** Every staff member, active ones first. */
export async function listStaffOverview(): Promise<StaffMemberRow[]> {
  const db = await database();
  return db.select(staffColumns).from(users).where(isNull(users.companyId)).orderBy(sql`${q(users.active)} desc`, asc(users.name), asc(users.id));
}

/** A staff member (never a customer's user), or null. */
export async function getStaffMember(id: number): Promise<StaffMemberRow | null> {
  const db = await database();
  const [row] = await db
    .select(staffColumns)
    .from(users)
    .where(and(eq(users.id, id), isNull(users.companyId)));
  return row ?? null;
}

export interface StaffCustomerRow {
  id: number;
  name: string;
  active: boolean;
  /** Other active staff members assigned to the same customer. */
  otherActiveManagers: number;
}

/** The customers assigned to a staff member, with how many other active staff look after each. */
export async function listStaffCustomers(staffUserId: number): Promise<StaffCustomerRow[]> {
  const db = await database();
  const others = sql<number>`(select count(*) from ${accountManagerCustomers} other join ${users} u on u.id = other.staff_user_id
    where other.company_id = ${q(companies.id)} and other.staff_user_id <> ${staffUserId} and u.active)`.mapWith(Number);
  return db
    .select({ id: companies.id, name: companies.name, active: companies.active, otherActiveManagers: others })
    .from(accountManagerCustomers)
    .innerJoin(companies, eq(companies.id, accountManagerCustomers.companyId))
    .where(eq(accountManagerCustomers.staffUserId, staffUserId))
    .orderBy(asc(companies.name));
}

/**
 * Locks the active admins' rows and tells how many there are: every change that can take an
 * admin away (demotion, deactivation) runs after this in its transaction, so concurrent changes
 * are decided one after the other against the same count.
 */
async function lockActiveAdmins(tx: Db): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), isNull(users.companyId)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

type LockedStaff = { id: number; name: string; email: string; role: string; active: boolean; createdAt: Date; lastSignInAt: Date | null; hasPassword: boolean };

/**
 * Locks staff members' rows (in id order, like every lock here, so two changes never wait on each
 * other in a circle) and returns them as they are now; ids that are not staff are missing.
 */
async function lockStaff(tx: Db, ids: number[]): Promise<Map<number, LockedStaff>> {
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
      hasPassword: sql<boolean>`${q(users.passwordHash)} is not null`,
    })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.companyId)))
    .orderBy(asc(users.id))
    .for("update");
  return new Map(rows.map((row) => [row.id, row]));
}

function wouldRemoveLastAdmin(activeAdmins: number[], target: { id: number; role: string; active: boolean }): boolean {
  return target.role === "admin" && target.active && activeAdmins.includes(target.id) && activeAdmins.length <= 1;
}

/** Creates a staff member without a password and queues their invitation, in one transaction. */
export async function createInvitedStaffMember(
  input: { name: string; email: string; role: StaffRole; locale: "nl" | "en" },
  actor: SecurityActor,
  invitation: (userId: number) => IssuedToken,
  now: Date,
): Promise<{ id: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email.toLowerCase(), role: input.role, locale: input.locale, companyId: null, passwordHash: null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw new AppError("conflict", "email_taken", { field: "email" });
    await issueUserTokenIn(tx, created.id, "invite", actor.userId, invitation(created.id), now);
    await recordSecurityEventIn(tx, { userId: created.id, kind: "invited", detail: { to: input.role }, companyId: null, actor }, now);
    return created;
  });
}

/**
 * Name, e-mail, role and language of a staff member. Demoting the last active admin is refused;
 * a role or address change is logged with what it was before.
 */
export async function updateStaffMember(id: number, input: { name: string; email: string; role: StaffRole; locale: "nl" | "en" }, actor: SecurityActor, now: Date): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const before = (await lockStaff(tx, [id])).get(id);
    if (!before) throw new AppError("not_found", "staff_not_found");
    if (before.role !== input.role && wouldRemoveLastAdmin(activeAdmins, before)) throw new AppError("conflict", "last_admin", { field: "role" });
    const email = input.email.toLowerCase();
    if (email !== before.email) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, email), ne(users.id, id)));
      if (taken) throw new AppError("conflict", "email_taken", { field: "email" });
    }
    await tx.update(users).set({ name: input.name, email, role: input.role, locale: input.locale }).where(eq(users.id, id));
    if (before.role !== input.role) await recordSecurityEventIn(tx, { userId: id, kind: "role_changed", detail: { from: before.role, to: input.role }, companyId: null, actor }, now);
    if (before.email !== email) await recordSecurityEventIn(tx, { userId: id, kind: "email_changed", detail: { from: before.email, to: email }, companyId: null, actor }, now);
  });
}

/**
 * Hands customers from one staff member to another, inside the caller's transaction: the receiver
 * is added where they were not yet assigned, the giver removed. `companyIds` null: all of them.
 * Returns how many customers moved.
 */
async function handOverIn(tx: Db, fromId: number, to: { id: number; name: string }, companyIds: number[] | null, actor: SecurityActor, now: Date): Promise<number> {
  const scope = and(eq(accountManagerCustomers.staffUserId, fromId), companyIds === null ? undefined : inArray(accountManagerCustomers.companyId, companyIds.length ? companyIds : [-1]));
  const moved = await tx.delete(accountManagerCustomers).where(scope).returning({ companyId: accountManagerCustomers.companyId });
  if (moved.length === 0) return 0;
  await tx
    .insert(accountManagerCustomers)
    .values(moved.map((row) => ({ staffUserId: to.id, companyId: row.companyId })))
    .onConflictDoNothing();
  await recordSecurityEventIn(tx, { userId: fromId, kind: "customers_handed_over", detail: { customers: moved.length, toName: to.name }, companyId: null, actor }, now);
  return moved.length;
}

function receiverOrThrow(locked: Map<number, LockedStaff>, toId: number, fromId: number): LockedStaff {
  if (toId === fromId) throw new AppError("invalid_input", "hand_over_to_self", { field: "handOverTo" });
  const receiver = locked.get(toId);
  if (!receiver || !receiver.active) throw new AppError("invalid_input", "hand_over_target", { field: "handOverTo" });
  return receiver;
}

/** Hands some (or all: null) of a staff member's customers to another active staff member. */
export async function handOverStaffCustomers(fromId: number, toId: number, companyIds: number[] | null, actor: SecurityActor, now: Date): Promise<number> {
  const db = await database();
  return db.transaction(async (tx) => {
    const locked = await lockStaff(tx, [fromId, toId]);
    if (!locked.has(fromId)) throw new AppError("not_found", "staff_not_found");
    const to = receiverOrThrow(locked, toId, fromId);
    return handOverIn(tx, fromId, to, companyIds, actor, now);
  });
}

/**
 * Deactivates (their sessions and API keys stop at once: both re-read the user) or reactivates a
 * staff member. Deactivating the last active admin is refused. `handOverTo`: the active staff
 * member who takes over all their customers, in the same transaction.
 */
export async function setStaffMemberActive(id: number, active: boolean, handOverTo: number | null, actor: SecurityActor, now: Date): Promise<{ handedOver: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const locked = await lockStaff(tx, handOverTo === null || active ? [id] : [id, handOverTo]);
    const before = locked.get(id);
    if (!before) throw new AppError("not_found", "staff_not_found");
    if (before.active === active) throw new AppError("conflict", active ? "already_active" : "already_inactive");
    if (!active && wouldRemoveLastAdmin(activeAdmins, before)) throw new AppError("conflict", "last_admin");
    const receiver = !active && handOverTo !== null ? receiverOrThrow(locked, handOverTo, id) : null;
    if (active) {
      await tx.update(users).set({ active }).where(eq(users.id, id));
      await recordSecurityEventIn(tx, { userId: id, kind: "reactivated", companyId: null, actor }, now);
    } else {
      await deactivateIn(tx, id, actor, now);
    }
    return { handedOver: receiver ? await handOverIn(tx, id, receiver, null, actor, now) : 0 };
  });
}

/**
 * A staff member's deactivation inside the caller's transaction (their row locked, the checks
 * done): the account, its open links and its security event. Their customers stay assigned.
 */
async function deactivateIn(tx: Db, id: number, actor: SecurityActor, now: Date): Promise<void> {
  await tx.update(users).set({ active: false }).where(eq(users.id, id));
  // Open invitation and reset links die with the account (a reactivated one gets a new link).
  await tx.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.userId, id), isNull(userTokens.usedAt)));
  await recordSecurityEventIn(tx, { userId: id, kind: "deactivated", companyId: null, actor }, now);
}

/**
 * Access review, "deactivate all idle accounts shown": of the staff ids the list showed, those still
 * idle for `days` now are deactivated in one transaction, each like a single deactivation without a
 * hand-over (their customers stay with them, shown as inactive). Decided under the same locks as a
 * single one (active admins, then the members in id order) by planIdleDeactivation: the acting
 * admin, the already inactive, those who signed in meanwhile and the last active admin are skipped.
 */
export async function deactivateIdleStaffMembers(review: { days: number; shownIds: number[] }, actor: SecurityActor, now: Date): Promise<IdleDeactivationPlan> {
  const db = await database();
  return db.transaction(async (tx) => {
    const activeAdmins = await lockActiveAdmins(tx);
    const locked = review.shownIds.length ? await lockStaff(tx, review.shownIds) : new Map<number, LockedStaff>();
    const plan = planIdleDeactivation(review.shownIds, [...locked.values()], { days: review.days, now, actorId: actor.userId, activeAdminIds: activeAdmins });
    for (const id of plan.deactivate) await deactivateIn(tx, id, actor, now);
    return plan;
  });
}

/** How many active admins there are (the staff page says when one is the last). */
export async function countActiveAdmins(): Promise<number> {
  const db = await database();
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), isNull(users.companyId)));
  return row?.n ?? 0;
}
