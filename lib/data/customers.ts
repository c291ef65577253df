import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  accountManagerCustomers,
  addresses,
  companies,
  companyPriceLists,
  punchoutConnections,
  userTokens,
  users,
  type Address,
  type Company,
  type NewAddress,
  type NewCompany,
  type AccountSecurityEventKind,
  type SecurityEventDetail,
  type UserRole,
} from "@/db/schema";
import { planIdleDeactivation, type IdleDeactivationPlan } from "@/lib/admin/idle-accounts";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { recordSecurityEventIn, type SecurityActor } from "./security-events";
import { dropVatCheckIn, queueVatCheckIn } from "./vat-checks";
import { containsPattern, isUniqueViolation, q } from "./sql";

/**
 * The account manager `managerId` looks after the customer whose id is in `companyId` (a column of
 * the row at hand): the scope condition of every staff list that an account manager sees.
 */
export function managedBy(companyId: AnyColumn, managerId: number): SQL {
  return sql`exists (select 1 from ${accountManagerCustomers} where ${q(accountManagerCustomers.companyId)} = ${q(companyId)} and ${q(accountManagerCustomers.staffUserId)} = ${managerId})`;
}

/**
 * Customers as staff see them. `managerId` scopes every read to the customers assigned to that
 * account manager; `null` means no scope (admins). Access decisions live in lib/admin/access.ts.
 */

export async function isCompanyAssigned(staffUserId: number, companyId: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ companyId: accountManagerCustomers.companyId })
    .from(accountManagerCustomers)
    .where(and(eq(accountManagerCustomers.staffUserId, staffUserId), eq(accountManagerCustomers.companyId, companyId)));
  return !!row;
}

export async function listAssignedCompanyIds(staffUserId: number): Promise<number[]> {
  const db = await database();
  const rows = await db
    .select({ companyId: accountManagerCustomers.companyId })
    .from(accountManagerCustomers)
    .where(eq(accountManagerCustomers.staffUserId, staffUserId));
  return rows.map((r) => r.companyId);
}

export interface CustomerListItem {
  id: number;
  name: string;
  kvkNumber: string | null;
  vatId: string | null;
  countryCode: string;
  active: boolean;
  city: string | null;
  userCount: number;
  priceListCount: number;
  managers: string[];
}

/** One page of customers, searched by name, KvK, VAT id or city; scoped to a manager unless null. */
/**
 * A punchout connection's technical user (lib/data/users.ts createTechnicalUser): the account its
 * sessions run as, which nobody signs in with. By the connection that names it, or by the address a
 * connection's technical user gets (kept after its connection is removed).
 */
export const isTechnicalUser = sql<boolean>`(exists (select 1 from ${punchoutConnections} where ${q(punchoutConnections.technicalUserId)} = ${q(users.id)}) or ${q(users.email)} like '%@technical.koppel.invalid')`;

export async function listCustomers(options: {
  managerId: number | null;
  query?: string;
  /** Admin filter: only customers of this account manager (0 = customers without one). */
  assignedTo?: number;
  /** Only these customers (e.g. those whose VAT id needs attention, lib/admin/vat-checks.ts). */
  onlyIds?: readonly number[];
  offset: number;
  limit: number;
}): Promise<{ items: CustomerListItem[]; total: number }> {
  const db = await database();
  const conditions: SQL[] = [];
  if (options.managerId !== null) conditions.push(managedBy(companies.id, options.managerId));
  if (options.assignedTo !== undefined) {
    conditions.push(
      options.assignedTo === 0
        ? sql`not exists (select 1 from ${accountManagerCustomers} where ${q(accountManagerCustomers.companyId)} = ${q(companies.id)})`
        : managedBy(companies.id, options.assignedTo),
    );
  }
  if (options.onlyIds) conditions.push(inArray(companies.id, [...options.onlyIds]));
  const query = options.query?.trim().slice(0, 100);
  if (query) {
    const like = containsPattern(query);
    conditions.push(
      or(
        ilike(companies.name, like),
        ilike(companies.kvkNumber, like),
        ilike(companies.vatId, like),
        sql`exists (select 1 from ${addresses} where ${q(addresses.companyId)} = ${q(companies.id)} and ${q(addresses.city)} ilike ${like})`,
        sql`exists (select 1 from ${users} where ${q(users.companyId)} = ${q(companies.id)} and (${q(users.email)} ilike ${like} or ${q(users.name)} ilike ${like}))`,
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: companies.id,
        name: companies.name,
        kvkNumber: companies.kvkNumber,
        vatId: companies.vatId,
        countryCode: companies.countryCode,
        active: companies.active,
        city: sql<string | null>`(select ${q(addresses.city)} from ${addresses} where ${q(addresses.companyId)} = ${q(companies.id)} and ${q(addresses.kind)} = 'bill_to' order by ${q(addresses.isDefault)} desc, ${q(addresses.id)} limit 1)`,
        // People only: a punchout connection's technical user (lib/data/users.ts createTechnicalUser) is nobody's account.
        userCount: sql<number>`(select count(*)::int from ${users} where ${q(users.companyId)} = ${q(companies.id)} and not ${isTechnicalUser})`,
        priceListCount: sql<number>`(select count(*)::int from ${companyPriceLists} where ${q(companyPriceLists.companyId)} = ${q(companies.id)})`,
        managers: sql<string[]>`coalesce((select array_agg(${q(users.name)} order by ${q(users.name)}) from ${accountManagerCustomers} join ${users} on ${q(users.id)} = ${q(accountManagerCustomers.staffUserId)} where ${q(accountManagerCustomers.companyId)} = ${q(companies.id)}), '{}')`,
      })
      .from(companies)
      .where(where)
      .orderBy(asc(companies.name), asc(companies.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(companies).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

export async function getCustomer(companyId: number): Promise<Company | null> {
  const db = await database();
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row ?? null;
}

export type CompanyDetails = Pick<
  NewCompany,
  "name" | "kvkNumber" | "vatId" | "peppolScheme" | "peppolId" | "countryCode" | "paymentTermsDays" | "deliveryTerms" | "active"
> &
  Partial<
    Pick<
      NewCompany,
      | "iban"
      | "invoiceEmail"
      | "invoiceChannels"
      | "invoiceOnShipment"
      | "vatTreatment"
      | "vatExemptionReason"
      | "documentLocale"
      | "creditLimitMinor"
      | "deliveryChargeMode"
      | "deliveryChargeMinor"
      | "freeDeliveryFromMinor"
      | "erpCustomerNumber"
    >
  >;

/**
 * The ERP customer number is unique when set: another customer's number is that field's problem, not
 * a crash. (It is the companies table's only unique column besides the generated id.)
 */
function erpNumberTaken(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw new AppError("conflict", "erp_customer_number_taken", { field: "erpCustomerNumber" });
  }
  throw error;
}

/** Whether the customer has a cXML punchout connection (the "cxml" invoice channel needs one to address the buyer). */
export async function hasCxmlConnection(companyId: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: punchoutConnections.id })
    .from(punchoutConnections)
    .where(and(eq(punchoutConnections.companyId, companyId), eq(punchoutConnections.protocol, "cxml")))
    .limit(1);
  return !!row;
}

/** Creates a customer; one with a VAT id gets its VIES check queued in the same transaction (lib/admin/vat-auto-checks.ts). */
export async function createCustomer(details: CompanyDetails, managerId: number | null, now: Date = new Date()): Promise<Company> {
  const db = await database();
  return db
    .transaction(async (tx) => {
      const [company] = await tx.insert(companies).values(details).returning();
      if (!company) throw new Error("company insert returned nothing");
      if (managerId !== null) await tx.insert(accountManagerCustomers).values({ staffUserId: managerId, companyId: company.id });
      if (company.vatId) await queueVatCheckIn(tx, { companyId: company.id }, now);
      return company;
    })
    .catch(erpNumberTaken);
}

/** Saves a customer's master data; a new VAT id gets its VIES check queued with it, a removed one drops a queued check. */
export async function updateCustomer(companyId: number, details: CompanyDetails, now: Date = new Date()): Promise<void> {
  const db = await database();
  await db
    .transaction(async (tx) => {
      const [before] = await tx.select({ vatId: companies.vatId }).from(companies).where(eq(companies.id, companyId)).for("update");
      await tx.update(companies).set(details).where(eq(companies.id, companyId));
      if (!before || details.vatId === undefined || sameVatId(before.vatId, details.vatId)) return;
      if (details.vatId) await queueVatCheckIn(tx, { companyId }, now);
      else await dropVatCheckIn(tx, { companyId });
    })
    .catch(erpNumberTaken);
}

const sameVatId = (a: string | null, b: string | null): boolean => (a ?? "").replace(/[\s.-]/g, "").toUpperCase() === (b ?? "").replace(/[\s.-]/g, "").toUpperCase();

export async function listCustomerAddresses(companyId: number): Promise<Address[]> {
  const db = await database();
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.companyId, companyId))
    .orderBy(asc(addresses.kind), desc(addresses.isDefault), asc(addresses.label), asc(addresses.id));
}

export type AddressDetails = Omit<NewAddress, "id" | "companyId">;

/** Creates or updates an address of the company; a new default of a kind clears the previous default. */
export async function saveCustomerAddress(companyId: number, addressId: number | null, details: AddressDetails): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    if (details.isDefault) {
      await tx
        .update(addresses)
        .set({ isDefault: false })
        .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, details.kind), addressId === null ? undefined : ne(addresses.id, addressId)));
    }
    if (addressId === null) {
      await tx.insert(addresses).values({ ...details, companyId });
      return;
    }
    const updated = await tx
      .update(addresses)
      .set(details)
      .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId)))
      .returning({ id: addresses.id });
    if (updated.length === 0) throw new AppError("not_found", "address_not_found");
  });
}

export async function deleteCustomerAddress(companyId: number, addressId: number): Promise<void> {
  const db = await database();
  const deleted = await db
    .delete(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId)))
    .returning({ id: addresses.id });
  if (deleted.length === 0) throw new AppError("not_found", "address_not_found");
}

export interface CustomerUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  locale: "nl" | "en";
  orderLimitMinor: number | null;
  active: boolean;
  createdAt: Date;
  /** False while an invitation is open: the user has never chosen a password. */
  hasPassword: boolean;
  pendingInviteExpiresAt: Date | null;
  /** When the last invitation was sent (null: never, e.g. a technical punchout user). */
  lastInvitedAt: Date | null;
  /** The last sign-in with a password (null: never; punchout sessions do not count). */
  lastSignInAt?: Date | null;
  /** A punchout connection's technical user: nobody's account, never invited. */
  technical?: boolean;
}

export async function listCustomerUsers(companyId: number): Promise<CustomerUser[]> {
  const db = await database();
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      orderLimitMinor: users.orderLimitMinor,
      active: users.active,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
      hasPassword: sql<boolean>`${q(users.passwordHash)} is not null`,
      pendingInviteExpiresAt: sql<Date | null>`(select max(${q(userTokens.expiresAt)}) from ${userTokens} where ${q(userTokens.userId)} = ${q(users.id)} and ${q(userTokens.purpose)} = 'invite' and ${q(userTokens.usedAt)} is null)`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
      lastInvitedAt: sql<Date | null>`(select max(${q(userTokens.createdAt)}) from ${userTokens} where ${q(userTokens.userId)} = ${q(users.id)} and ${q(userTokens.purpose)} = 'invite')`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
      technical: isTechnicalUser,
    })
    .from(users)
    .where(eq(users.companyId, companyId))
    .orderBy(desc(users.active), asc(users.name), asc(users.id));
}

/** A user of a customer company (never staff), or null. */
export async function getCustomerUser(userId: number): Promise<(CustomerUser & { companyId: number }) | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      orderLimitMinor: users.orderLimitMinor,
      active: users.active,
      createdAt: users.createdAt,
      hasPassword: sql<boolean>`${q(users.passwordHash)} is not null`,
      companyId: users.companyId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.companyId === null) return null;
  return { ...row, companyId: row.companyId, pendingInviteExpiresAt: null, lastInvitedAt: null };
}

export interface NewCustomerUser {
  email: string;
  name: string;
  role: "buyer" | "approver" | "company_admin";
  locale: "nl" | "en";
  orderLimitMinor: number | null;
}

export async function isEmailTaken(email: string, exceptUserId?: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), exceptUserId === undefined ? undefined : ne(users.id, exceptUserId)));
  return !!row;
}

/** Which of these addresses (lower case) an account already has. */
export async function takenEmails(emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const db = await database();
  const rows = await db.select({ email: users.email }).from(users).where(inArray(users.email, emails.map((email) => email.toLowerCase())));
  return new Set(rows.map((row) => row.email));
}

/**
 * Changes a customer's user; a change of role, address or access is recorded in the account
 * security log (who did it, from what to what) in the same transaction.
 */
export async function updateCustomerUser(
  companyId: number,
  userId: number,
  changes: Partial<Pick<NewCustomerUser, "name" | "email" | "role" | "locale" | "orderLimitMinor">> & { active?: boolean },
  actor: SecurityActor,
  now: Date,
): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, email: users.email, active: users.active })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
      .for("update");
    if (!before) throw new AppError("not_found", "user_not_found");
    const email = changes.email?.toLowerCase();
    await tx.update(users).set(email ? { ...changes, email } : changes).where(eq(users.id, userId));
    const event = (kind: AccountSecurityEventKind, detail?: SecurityEventDetail) => recordSecurityEventIn(tx, { userId, companyId, kind, actor, detail }, now);
    if (changes.role !== undefined && changes.role !== before.role) await event("role_changed", { from: before.role, to: changes.role });
    if (email !== undefined && email !== before.email) await event("email_changed", { from: before.email, to: email });
    if (changes.active !== undefined && changes.active !== before.active) await event(changes.active ? "reactivated" : "deactivated");
  });
}

/**
 * Access review, "deactivate all idle accounts shown": of the user ids the customer's list showed,
 * those that are still this customer's and idle for `days` now are deactivated in one transaction,
 * each as updateCustomerUser deactivates one (their sessions end because every request re-reads the
 * user) with its "deactivated" event. The rows are locked in id order and decided by
 * planIdleDeactivation: the acting user, the already inactive and those who signed in meanwhile are
 * skipped; another customer's ids are left alone and not named.
 */
export async function deactivateIdleCustomerUsers(
  companyId: number,
  review: { days: number; shownIds: number[] },
  actor: SecurityActor,
  now: Date,
): Promise<IdleDeactivationPlan> {
  const db = await database();
  return db.transaction(async (tx) => {
    const accounts = review.shownIds.length
      ? await tx
          .select({
            id: users.id,
            name: users.name,
            role: users.role,
            active: users.active,
            createdAt: users.createdAt,
            lastSignInAt: users.lastSignInAt,
            hasPassword: sql<boolean>`${q(users.passwordHash)} is not null`,
          })
          .from(users)
          .where(and(inArray(users.id, review.shownIds), eq(users.companyId, companyId)))
          .orderBy(asc(users.id))
          .for("update")
      : [];
    const plan = planIdleDeactivation(review.shownIds, accounts, { days: review.days, now, actorId: actor.userId });
    for (const userId of plan.deactivate) {
      await tx
        .update(users)
        .set({ active: false })
        .where(and(eq(users.id, userId), eq(users.companyId, companyId)));
      await recordSecurityEventIn(tx, { userId, companyId, kind: "deactivated", actor }, now);
    }
    return plan;
  });
}

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  active: boolean;
  /** The language of their e-mails (a customer's new quote request, for one). */
  locale: "nl" | "en";
}

/** Every staff member (account managers and admins), for assignment pickers. */
export async function listStaffMembers(): Promise<StaffMember[]> {
  const db = await database();
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, locale: users.locale })
    .from(users)
    .where(isNull(users.companyId))
    .orderBy(asc(users.name));
}

export async function listCustomerManagers(companyId: number): Promise<StaffMember[]> {
  const db = await database();
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, locale: users.locale })
    .from(accountManagerCustomers)
    .innerJoin(users, eq(users.id, accountManagerCustomers.staffUserId))
    .where(eq(accountManagerCustomers.companyId, companyId))
    .orderBy(asc(users.name));
}

/**
 * Replaces the account managers of a customer with exactly `staffUserIds`: staff members of either
 * role (an admin may look after key accounts themselves, and a manager promoted to admin keeps theirs).
 */
export async function setCustomerManagers(companyId: number, staffUserIds: number[]): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const valid = staffUserIds.length
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, staffUserIds), isNull(users.companyId)))
      : [];
    if (valid.length !== new Set(staffUserIds).size) throw new AppError("invalid_input", "not_staff");
    await tx.delete(accountManagerCustomers).where(eq(accountManagerCustomers.companyId, companyId));
    if (valid.length) await tx.insert(accountManagerCustomers).values(valid.map((v) => ({ staffUserId: v.id, companyId })));
  });
}

/** Customer names by id (for labels), scoped like listCustomers. */
export async function listCustomerOptions(managerId: number | null): Promise<{ id: number; name: string }[]> {
  const db = await database();
  const base = db.select({ id: companies.id, name: companies.name }).from(companies);
  const rows =
    managerId === null
      ? await base.orderBy(asc(companies.name))
      : await base
          .innerJoin(accountManagerCustomers, eq(accountManagerCustomers.companyId, companies.id))
          .where(eq(accountManagerCustomers.staffUserId, managerId))
          .orderBy(asc(companies.name));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The ERP's customer list (GET /admin/api/customers)

export interface CustomerApiRow {
  id: number;
  name: string;
  erpCustomerNumber: string | null;
  kvkNumber: string | null;
  vatId: string | null;
  countryCode: string;
  paymentTermsDays: number;
  active: boolean;
  createdAt: Date;
}

/** Customers after `afterId` in id order (`companyIds`: only those; `erpCustomerNumber`/`id`: that one). */
export async function listCustomersForApi(filter: { afterId: number; limit: number; companyIds?: number[]; erpCustomerNumber?: string; id?: number }): Promise<CustomerApiRow[]> {
  const db = await database();
  const conditions = [
    sql`${companies.id} > ${filter.afterId}`,
    filter.companyIds ? inArray(companies.id, filter.companyIds.length ? filter.companyIds : [-1]) : undefined,
    filter.erpCustomerNumber !== undefined ? eq(companies.erpCustomerNumber, filter.erpCustomerNumber) : undefined,
    filter.id !== undefined ? eq(companies.id, filter.id) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: companies.id,
      name: companies.name,
      erpCustomerNumber: companies.erpCustomerNumber,
      kvkNumber: companies.kvkNumber,
      vatId: companies.vatId,
      countryCode: companies.countryCode,
      paymentTermsDays: companies.paymentTermsDays,
      active: companies.active,
      createdAt: companies.createdAt,
    })
    .from(companies)
    .where(and(...conditions))
    .orderBy(asc(companies.id))
    .limit(filter.limit);
}

/** Sets (or clears) a customer's ERP number; false when the customer does not exist. Another customer's number: conflict. */
export async function setErpCustomerNumber(companyId: number, erpCustomerNumber: string | null): Promise<{ previous: string | null } | null> {
  const db = await database();
  return db
    .transaction(async (tx) => {
      const [before] = await tx.select({ value: companies.erpCustomerNumber }).from(companies).where(eq(companies.id, companyId)).for("update");
      if (!before) return null;
      await tx.update(companies).set({ erpCustomerNumber }).where(eq(companies.id, companyId));
      return { previous: before.value };
    })
    .catch(erpNumberTaken);
}
