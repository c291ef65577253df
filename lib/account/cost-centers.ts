import "server-only";
import { z } from "zod";
import type { BuyerUser } from "@/lib/auth/guards";
import {
  costCenterPolicy,
  findActiveCostCenter,
  insertCostCenter,
  listCostCenters,
  setCostCenterRequired as storeCostCenterRequired,
  updateCostCenter,
  type CostCenterWithUse,
} from "@/lib/data/cost-centers";
import { AppError } from "@/lib/errors";
import { BUDGET_PERIODS } from "@/lib/orders/budget";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { seesWholeCompany } from "@/lib/orders/order-access";

/**
 * A customer's cost centres and their budgets (db/schema/cost-centers.ts). The company admin keeps
 * them; approvers and company admins see how far each budget is used; every buyer of the company
 * picks one at checkout (and on a standing order), seeing what is left. Which cost centre an order
 * may carry is decided here, for the checkout and standing orders alike.
 */

type Viewer = Pick<BuyerUser, "id" | "companyId" | "role" | "impersonatedBy">;

export const costCenterSchema = z.object({
  code: z.string().trim().min(1).max(35),
  name: z.string().trim().min(1).max(100),
  budgetMinor: z.number().int().positive().max(2_000_000_000).nullable(),
  budgetPeriod: z.enum(BUDGET_PERIODS),
  active: z.boolean(),
});
export type CostCenterFormInput = z.infer<typeof costCenterSchema>;

function assertCompanyAdmin(admin: Viewer): void {
  if (admin.role !== "company_admin") throw new AppError("forbidden", "company_admin_only");
  // Staff viewing the shop as a customer keep their hands off the customer's own purchasing policy.
  if (admin.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
}

export interface CostCenterOverview {
  required: boolean;
  costCenters: CostCenterWithUse[];
}

/** Every cost centre of the company with its budget use, for company admins and approvers. */
export async function costCenterOverview(viewer: Viewer, now: Date): Promise<CostCenterOverview> {
  if (!seesWholeCompany(viewer)) throw new AppError("forbidden", "approver_only");
  const [policy, costCenters] = await Promise.all([costCenterPolicy(viewer.companyId), listCostCenters(viewer.companyId, calendarDate(now))]);
  return { required: policy.required, costCenters };
}

export async function saveCostCenter(admin: Viewer, costCenterId: number | null, input: CostCenterFormInput, now: Date): Promise<{ id: number }> {
  assertCompanyAdmin(admin);
  const valid = costCenterSchema.parse(input);
  if (costCenterId === null) return insertCostCenter(admin.companyId, valid);
  if (!(await updateCostCenter(admin.companyId, costCenterId, valid, now))) throw new AppError("not_found", "cost_center_not_found");
  return { id: costCenterId };
}

export async function setCostCenterRequired(admin: Viewer, required: boolean): Promise<void> {
  assertCompanyAdmin(admin);
  await storeCostCenterRequired(admin.companyId, required);
}

export interface CostCenterChoice {
  /** No active cost centres: the field is free text, as before the company set any up. */
  mode: "free" | "list";
  required: boolean;
  options: CostCenterWithUse[];
}

/** What the checkout (and a standing order's form) offers this company's buyers. */
export async function costCenterChoice(companyId: number, now: Date): Promise<CostCenterChoice> {
  const [policy, options] = await Promise.all([costCenterPolicy(companyId), listCostCenters(companyId, calendarDate(now), { activeOnly: true })]);
  if (options.length === 0) return { mode: "free", required: false, options };
  return { mode: "list", required: policy.required, options };
}

/**
 * The cost centre an order carries: with active cost centres, one of them by code (required when the
 * company says so); without, whatever the buyer typed. Field errors name `costCenter`.
 */
export async function resolveOrderCostCenter(companyId: number, code: string | null): Promise<{ costCenter: string | null; costCenterId: number | null }> {
  const policy = await costCenterPolicy(companyId);
  if (policy.activeCount === 0) return { costCenter: code, costCenterId: null };
  if (code === null) {
    if (policy.required) throw new AppError("invalid_input", "cost_center_required", { field: "costCenter" });
    return { costCenter: null, costCenterId: null };
  }
  const costCenter = await findActiveCostCenter(companyId, code);
  if (!costCenter) throw new AppError("invalid_input", "unknown_cost_center", { field: "costCenter" });
  return { costCenter: costCenter.code, costCenterId: costCenter.id };
}

/**
 * The budget an order counts against: its cost centre's, for the period it was placed in, as used
 * now (the approver deciding sees it with this order included while it waits). Null: no cost
 * centre from the list, or one without a budget.
 */
export async function budgetOfOrder(order: { companyId: number; costCenterId: number | null; placedAt: Date }): Promise<CostCenterWithUse | null> {
  if (order.costCenterId === null) return null;
  const costCenters = await listCostCenters(order.companyId, calendarDate(order.placedAt));
  const costCenter = costCenters.find((c) => c.id === order.costCenterId);
  return costCenter && costCenter.budgetMinor !== null ? costCenter : null;
}
