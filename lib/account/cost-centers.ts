import "server-only";
import { z } from "zod";
import type { BuyerUser } from "@/lib/auth/guards";
import {
  costCenterPolicy,
  findActiveCostCenter,
  getDefaultCostCenterId,
  listCostCenters,
  saveCostCenterRecord,
  setCostCenterRequired as storeCostCenterRequired,
  setDefaultCostCenter,
  type CostCenterWithUse,
} from "@/lib/data/cost-centers";
import { listCustomerUsers } from "@/lib/data/customers";
import { AppError } from "@/lib/errors";
import { BUDGET_PERIODS } from "@/lib/orders/budget";
import { mayUse } from "@/lib/orders/allowed-users";
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
  /** Who may use it; empty: everybody at the company. */
  userIds: z.array(z.number().int().positive()).max(1000).default([]),
});
export type CostCenterFormInput = z.input<typeof costCenterSchema>;

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
  const saved = await saveCostCenterRecord(admin.companyId, costCenterId, costCenterSchema.parse(input), now);
  if (!saved) throw new AppError("not_found", "cost_center_not_found");
  return saved;
}

/**
 * The cost centre the checkout chooses for one of the company's users; it must be active and one
 * they may use (null clears it).
 */
export async function setUserDefaultCostCenter(admin: Viewer, userId: number, costCenterId: number | null, now: Date): Promise<void> {
  assertCompanyAdmin(admin);
  if (costCenterId !== null) {
    const costCenter = (await listCostCenters(admin.companyId, calendarDate(now), { activeOnly: true })).find((c) => c.id === costCenterId);
    if (!costCenter) throw new AppError("not_found", "cost_center_not_found");
    const user = (await listCustomerUsers(admin.companyId)).find((u) => u.id === userId);
    if (!user) throw new AppError("not_found", "user_not_found");
    if (!mayUse(user, costCenter)) throw new AppError("invalid_input", "cost_center_not_for_user", { field: "costCenterId" });
  }
  if (!(await setDefaultCostCenter(admin.companyId, userId, costCenterId))) throw new AppError("not_found", "user_not_found");
}

export async function setCostCenterRequired(admin: Viewer, required: boolean): Promise<void> {
  assertCompanyAdmin(admin);
  await storeCostCenterRequired(admin.companyId, required);
}

export interface CostCenterChoice {
  /** No active cost centres: the field is free text, as before the company set any up. */
  mode: "free" | "list";
  required: boolean;
  /** The active cost centres this user may order on. */
  options: CostCenterWithUse[];
  /** Their default, when it is one of the options: chosen beforehand. */
  defaultCode: string | null;
}

type Orderer = Pick<BuyerUser, "id" | "companyId" | "role">;

/** What the checkout (and a standing order's form) offers this user. */
export async function costCenterChoice(user: Orderer, now: Date): Promise<CostCenterChoice> {
  const [policy, active, defaultId] = await Promise.all([
    costCenterPolicy(user.companyId),
    listCostCenters(user.companyId, calendarDate(now), { activeOnly: true }),
    getDefaultCostCenterId(user.id),
  ]);
  if (active.length === 0) return { mode: "free", required: false, options: [], defaultCode: null };
  const options = active.filter((costCenter) => mayUse(user, costCenter));
  return { mode: "list", required: policy.required, options, defaultCode: options.find((c) => c.id === defaultId)?.code ?? null };
}

/**
 * The cost centre an order carries: with active cost centres, one of them by code that the orderer
 * may use (required when the company says so); without, whatever the buyer typed. Field errors name
 * `costCenter`.
 */
export async function resolveOrderCostCenter(user: Orderer, code: string | null): Promise<{ costCenter: string | null; costCenterId: number | null }> {
  const policy = await costCenterPolicy(user.companyId);
  if (policy.activeCount === 0) return { costCenter: code, costCenterId: null };
  if (code === null) {
    if (policy.required) throw new AppError("invalid_input", "cost_center_required", { field: "costCenter" });
    return { costCenter: null, costCenterId: null };
  }
  const costCenter = await findActiveCostCenter(user.companyId, code);
  if (!costCenter || !mayUse(user, costCenter)) throw new AppError("invalid_input", "unknown_cost_center", { field: "costCenter" });
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
