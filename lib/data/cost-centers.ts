import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { companies, costCenterUsers, costCenters, orders, users, type CostCenter } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { budgetPeriodOf, type BudgetPeriod, type BudgetPeriodBounds, type BudgetUse } from "@/lib/orders/budget";
import { database } from "./database";
import { isUniqueViolation } from "./sql";
import { q } from "./sql";
import type { Tx } from "./quotes";

/** A cost centre with what its current budget period has committed (lib/orders/budget.ts), and who may use it. */
export interface CostCenterWithUse extends CostCenter {
  bounds: BudgetPeriodBounds;
  committedMinor: number;
  /** Empty: everybody at the company. */
  userIds: number[];
}

/** The users a cost centre is limited to (an empty array: none, so everybody). */
const userIdsSql = sql<number[]>`coalesce((select array_agg(${q(costCenterUsers.userId)} order by ${q(costCenterUsers.userId)}) from ${costCenterUsers} where ${q(costCenterUsers.costCenterId)} = ${q(costCenters.id)}), '{}')`;

/** Orders that count against a budget: everything but rejected and cancelled ones. */
function committedSql(costCenterId: typeof costCenters.id, from: SQL | string, to: SQL | string): SQL {
  // Qualified names: unqualified, the outer query's "id" would resolve to orders.id in here.
  return sql`coalesce((
    select sum(${q(orders.subtotalMinor)}) from ${orders}
    where ${q(orders.costCenterId)} = ${q(costCenterId)}
      and ${q(orders.status)} not in ('rejected', 'cancelled')
      and ${q(orders.placedAt)} >= ((${from})::date::timestamp at time zone 'Europe/Amsterdam')
      and ${q(orders.placedAt)} < ((${to})::date::timestamp at time zone 'Europe/Amsterdam')
  ), 0)`;
}

/** The bound of each row's own period (month, quarter or year) for `day`. */
function boundOfRow(day: string, bound: keyof BudgetPeriodBounds): SQL {
  const of = (period: BudgetPeriod) => budgetPeriodOf(period, day)[bound];
  return sql`case ${costCenters.budgetPeriod} when 'month' then ${of("month")} when 'quarter' then ${of("quarter")} else ${of("year")} end`;
}

/** A company's cost centres by code, each with its current period's committed amount (`day`: today in the Netherlands). */
export async function listCostCenters(companyId: number, day: string, options: { activeOnly?: boolean } = {}): Promise<CostCenterWithUse[]> {
  const db = await database();
  const rows = await db
    .select({ costCenter: costCenters, committed: committedSql(costCenters.id, boundOfRow(day, "from"), boundOfRow(day, "to")), userIds: userIdsSql })
    .from(costCenters)
    .where(and(eq(costCenters.companyId, companyId), options.activeOnly ? eq(costCenters.active, true) : undefined))
    .orderBy(asc(sql`lower(${costCenters.code})`));
  return rows.map(({ costCenter, committed, userIds }) => ({
    ...costCenter,
    bounds: budgetPeriodOf(costCenter.budgetPeriod, day),
    committedMinor: Number(committed),
    userIds: userIds.map(Number),
  }));
}

/** The name of the cost centre an order carries, to show beside its code (null: none from the list). */
export async function getCostCenterName(costCenterId: number | null): Promise<string | null> {
  if (costCenterId === null) return null;
  const db = await database();
  const [row] = await db.select({ name: costCenters.name }).from(costCenters).where(eq(costCenters.id, costCenterId));
  return row?.name ?? null;
}

/** Whether the company's web orders must name a cost centre, and how many active ones it has. */
export async function costCenterPolicy(companyId: number): Promise<{ required: boolean; activeCount: number }> {
  const db = await database();
  const [row] = await db
    .select({
      required: companies.costCenterRequired,
      activeCount: sql<number>`(select count(*) from ${costCenters} where ${q(costCenters.companyId)} = ${q(companies.id)} and ${q(costCenters.active)})::int`,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  return { required: row?.required ?? false, activeCount: row?.activeCount ?? 0 };
}

/** The company's active cost centre with this code (codes compare case-insensitively). */
export async function findActiveCostCenter(companyId: number, code: string): Promise<(CostCenter & { userIds: number[] }) | null> {
  const db = await database();
  const [row] = await db
    .select({ costCenter: costCenters, userIds: userIdsSql })
    .from(costCenters)
    .where(and(eq(costCenters.companyId, companyId), eq(sql`lower(${costCenters.code})`, code.toLowerCase()), eq(costCenters.active, true)));
  return row ? { ...row.costCenter, userIds: row.userIds.map(Number) } : null;
}

export interface CostCenterInput {
  code: string;
  name: string;
  budgetMinor: number | null;
  budgetPeriod: BudgetPeriod;
  active: boolean;
  /** Who may use it; empty: everybody at the company. */
  userIds: number[];
}

const codeTaken = (error: unknown) => (isUniqueViolation(error) ? new AppError("conflict", "cost_center_code_taken", { field: "code" }) : error);

/** Replaces who may use the cost centre; users of other companies (or staff) are refused whole. */
async function replaceCostCenterUsers(tx: Tx, companyId: number, costCenterId: number, userIds: number[]): Promise<void> {
  await tx.delete(costCenterUsers).where(eq(costCenterUsers.costCenterId, costCenterId));
  if (userIds.length === 0) return;
  const own = await tx.select({ id: users.id }).from(users).where(and(eq(users.companyId, companyId), inArray(users.id, userIds)));
  if (own.length !== new Set(userIds).size) throw new AppError("invalid_input", "unknown_user", { field: "userIds" });
  await tx.insert(costCenterUsers).values(own.map((user) => ({ costCenterId, userId: user.id })));
}

/** Saves a new cost centre (id null) or changes one of the company's, with who may use it, at once; null when it has no such cost centre. */
export async function saveCostCenterRecord(companyId: number, id: number | null, input: CostCenterInput, now: Date): Promise<{ id: number } | null> {
  const db = await database();
  const { userIds, ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      const [row] =
        id === null
          ? await tx.insert(costCenters).values({ companyId, ...fields, createdAt: now, updatedAt: now }).returning({ id: costCenters.id })
          : await tx
              .update(costCenters)
              .set({ ...fields, updatedAt: now })
              .where(and(eq(costCenters.companyId, companyId), eq(costCenters.id, id)))
              .returning({ id: costCenters.id });
      if (!row) return null;
      await replaceCostCenterUsers(tx, companyId, row.id, userIds);
      return row;
    });
  } catch (error) {
    throw codeTaken(error);
  }
}

/** The cost centre the checkout chooses for a user (their company admin's choice), or null. */
export async function getDefaultCostCenterId(userId: number): Promise<number | null> {
  const db = await database();
  const [row] = await db.select({ id: users.defaultCostCenterId }).from(users).where(eq(users.id, userId));
  return row?.id ?? null;
}

/** Sets (or clears) a user's default cost centre; false when the user or the cost centre is not the company's. */
export async function setDefaultCostCenter(companyId: number, userId: number, costCenterId: number | null): Promise<boolean> {
  const db = await database();
  const costCenterOfCompany =
    costCenterId === null
      ? sql`true`
      : sql`exists (select 1 from ${costCenters} where ${q(costCenters.id)} = ${costCenterId} and ${q(costCenters.companyId)} = ${companyId})`;
  const updated = await db
    .update(users)
    .set({ defaultCostCenterId: costCenterId })
    .where(and(eq(users.id, userId), eq(users.companyId, companyId), costCenterOfCompany))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Each user's default cost centre at the company (for the users page). */
export async function listDefaultCostCenters(companyId: number): Promise<Map<number, number>> {
  const db = await database();
  const rows = await db
    .select({ userId: users.id, costCenterId: users.defaultCostCenterId })
    .from(users)
    .where(and(eq(users.companyId, companyId), sql`${users.defaultCostCenterId} is not null`));
  return new Map(rows.map((row) => [row.userId, row.costCenterId!]));
}

export async function setCostCenterRequired(companyId: number, required: boolean): Promise<void> {
  const db = await database();
  await db.update(companies).set({ costCenterRequired: required }).where(eq(companies.id, companyId));
}

/**
 * Inside the order's transaction: locks the cost centre's row, so orders on it are decided one after
 * another, and reads what its period has committed so far (null: the cost centre has no budget).
 */
export async function lockedBudgetUse(tx: Tx, costCenterId: number, day: string): Promise<BudgetUse | null> {
  const [costCenter] = await tx
    .select({ budgetMinor: costCenters.budgetMinor, budgetPeriod: costCenters.budgetPeriod })
    .from(costCenters)
    .where(eq(costCenters.id, costCenterId))
    .for("update");
  if (!costCenter || costCenter.budgetMinor === null) return null;
  const bounds = budgetPeriodOf(costCenter.budgetPeriod, day);
  // A statement of its own, after the lock: under READ COMMITTED it sees the orders committed by
  // whoever held the lock before (a subquery in the locking statement would not).
  const [row] = await tx
    .select({ committed: committedSql(costCenters.id, bounds.from, bounds.to) })
    .from(costCenters)
    .where(eq(costCenters.id, costCenterId));
  return { budgetMinor: costCenter.budgetMinor, budgetPeriod: costCenter.budgetPeriod, bounds, committedMinor: Number(row?.committed ?? 0) };
}
