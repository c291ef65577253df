import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { companies, costCenters, orders, type CostCenter } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { budgetPeriodOf, type BudgetPeriod, type BudgetPeriodBounds, type BudgetUse } from "@/lib/orders/budget";
import { database } from "./database";
import { isUniqueViolation } from "./purchase-orders";
import { q } from "./sql";
import type { Tx } from "./quotes";

/** A cost centre with what its current budget period has committed (lib/orders/budget.ts). */
export interface CostCenterWithUse extends CostCenter {
  bounds: BudgetPeriodBounds;
  committedMinor: number;
}

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
    .select({ costCenter: costCenters, committed: committedSql(costCenters.id, boundOfRow(day, "from"), boundOfRow(day, "to")) })
    .from(costCenters)
    .where(and(eq(costCenters.companyId, companyId), options.activeOnly ? eq(costCenters.active, true) : undefined))
    .orderBy(asc(sql`lower(${costCenters.code})`));
  return rows.map(({ costCenter, committed }) => ({
    ...costCenter,
    bounds: budgetPeriodOf(costCenter.budgetPeriod, day),
    committedMinor: Number(committed),
  }));
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
export async function findActiveCostCenter(companyId: number, code: string): Promise<CostCenter | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(costCenters)
    .where(and(eq(costCenters.companyId, companyId), eq(sql`lower(${costCenters.code})`, code.toLowerCase()), eq(costCenters.active, true)));
  return row ?? null;
}

export interface CostCenterInput {
  code: string;
  name: string;
  budgetMinor: number | null;
  budgetPeriod: BudgetPeriod;
  active: boolean;
}

const codeTaken = (error: unknown) => (isUniqueViolation(error) ? new AppError("conflict", "cost_center_code_taken", { field: "code" }) : error);

export async function insertCostCenter(companyId: number, input: CostCenterInput): Promise<{ id: number }> {
  const db = await database();
  try {
    const [row] = await db.insert(costCenters).values({ companyId, ...input }).returning({ id: costCenters.id });
    return row!;
  } catch (error) {
    throw codeTaken(error);
  }
}

/** False when the company has no such cost centre. */
export async function updateCostCenter(companyId: number, id: number, input: CostCenterInput, now: Date): Promise<boolean> {
  const db = await database();
  try {
    const updated = await db
      .update(costCenters)
      .set({ ...input, updatedAt: now })
      .where(and(eq(costCenters.companyId, companyId), eq(costCenters.id, id)))
      .returning({ id: costCenters.id });
    return updated.length > 0;
  } catch (error) {
    throw codeTaken(error);
  }
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
