import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { companies, customerArticleNumbers, users, userTwoFactor, type UserRole } from "@/db/schema";
import { database } from "./database";
import { preparedStatement } from "./prepared-sql";
import { q } from "./sql";
import type { Assortment } from "@/lib/catalog/assortment";

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  companyId: number | null;
  companyName: string | null;
  locale: "nl" | "en";
  orderLimitMinor: number | null;
  passwordHash: string | null;
  /**
   * Whether the user's company keeps any own article numbers (customer_article_numbers): read with the
   * user on every request, so that pages of the many companies without any skip looking them up.
   * Always set by the reads here; absent (a user put together elsewhere) means "unknown: look them up".
   */
  companyKeepsArticleNumbers?: boolean;
  /**
   * When the user's two-step verification was turned on (null: off, or only pending). Part of the
   * session binding (lib/auth/session-binding.ts), so turning it on or off ends other sessions.
   * Always set by the reads here (absent: a user put together elsewhere, e.g. in tests).
   */
  twoStepSince?: Date | null;
  /**
   * The user's company requires two-step verification of all its users (companies.two_step_required;
   * false for staff). Read with the user so the guards decide without a query of their own
   * (lib/two-step/required.ts). Always set by the reads here.
   */
  companyTwoStepRequired?: boolean;
  /**
   * The user's company's assortment (companies.assortment, lib/catalog/assortment.ts), read with the
   * user like companyTwoStepRequired so shop pages know without a query of their own whether to
   * narrow the catalogue. Always set by the reads here (absent: the whole catalogue).
   */
  companyAssortment?: Assortment;
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  companyId: users.companyId,
  companyName: companies.name,
  locale: users.locale,
  orderLimitMinor: users.orderLimitMinor,
  passwordHash: users.passwordHash,
  companyKeepsArticleNumbers: sql<boolean>`exists (select 1 from ${customerArticleNumbers} where ${customerArticleNumbers.companyId} = ${users.companyId})`,
  twoStepSince: sql<Date | null>`(select ${q(userTwoFactor.confirmedAt)} from ${userTwoFactor} where ${q(userTwoFactor.userId)} = ${q(users.id)})`.mapWith(userTwoFactor.confirmedAt),
  // From the company row the reads join anyway: no extra look-up.
  companyTwoStepRequired: sql<boolean>`coalesce(${q(companies.twoStepRequired)}, false)`.mapWith(Boolean),
  companyAssortment: sql<Assortment>`coalesce(${q(companies.assortment)}, 'all')`,
};

/** An active user by e-mail (case-insensitive), or null. Inactive users and companies cannot sign in. */
export async function getActiveUserByEmail(email: string): Promise<UserRecord | null> {
  const db = await database();
  const [row] = await db
    .select({ ...userColumns, companyActive: companies.active })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.active, true)));
  if (!row || (row.companyId !== null && row.companyActive !== true)) return null;
  const { companyActive: _ignored, ...user } = row;
  return user;
}

/** An active user by id, with the company still active; null otherwise. */
// Read on every signed-in request (lib/auth/guards.ts): built once, prepared.
const activeUserById = preparedStatement((db) =>
  db
    .select({ ...userColumns, companyActive: companies.active })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.id, sql.placeholder("id")), eq(users.active, true)))
    .prepare("active_user_by_id"),
);

export async function getActiveUserById(id: number): Promise<UserRecord | null> {
  const [row] = await (await activeUserById()).execute({ id });
  if (!row || (row.companyId !== null && row.companyActive !== true)) return null;
  const { companyActive: _ignored, ...user } = row;
  return user;
}

export async function updateUserLocale(userId: number, locale: "nl" | "en"): Promise<void> {
  const db = await database();
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** A full sign-in with a password happened now (staff see it in the user lists). */
export async function recordSignIn(userId: number, now: Date): Promise<void> {
  const db = await database();
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
}

/** An active user of one company by e-mail (punchout user mapping), or null. */
export async function getActiveCompanyUserByEmail(companyId: number, email: string): Promise<UserRecord | null> {
  const user = await getActiveUserByEmail(email);
  return user && user.companyId === companyId ? user : null;
}

/**
 * A user that only punchout sessions run as: it belongs to the customer (so prices and carts are
 * theirs) but has no password, so nobody can sign in with it.
 */
export async function createTechnicalUser(companyId: number, name: string): Promise<{ id: number }> {
  const db = await database();
  const email = `punchout-${randomBytes(6).toString("hex")}@technical.koppel.invalid`;
  const [row] = await db.insert(users).values({ email, name, role: "buyer", companyId, passwordHash: null }).returning({ id: users.id });
  return row!;
}

/**
 * Creates a buyer under a customer for a punchout user the buyer system introduced (connection
 * setting "match-or-create-email"); no password, so it can only be used through punchout.
 * Null when the e-mail address is taken (e.g. by another company's user): never take that over.
 */
export async function createPunchoutCompanyUser(companyId: number, email: string, name: string): Promise<UserRecord | null> {
  const db = await database();
  const [row] = await db
    .insert(users)
    .values({ email: email.trim().toLowerCase(), name, role: "buyer", companyId, passwordHash: null })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return row ? getActiveUserById(row.id) : null;
}
