import { exceedsBudget, type BudgetUse } from "./budget";

/** Why an order waits for approval: above the buyer's order limit, or beyond its cost centre's budget (orders.approval_reasons). */
export const APPROVAL_REASONS = ["order_limit", "budget"] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

/**
 * The purchasing policy for direct checkout, pure: an order whose subtotal excl. VAT is above the
 * buyer's order limit waits for an approver. No limit (null) means no approval needed; an order
 * exactly at the limit is within it.
 */
export function needsApproval(orderLimitMinor: number | null, subtotalMinor: number): boolean {
  return orderLimitMinor !== null && subtotalMinor > orderLimitMinor;
}

/**
 * Every reason an order must wait for an approver: above the buyer's order limit, and/or beyond what
 * is left of its cost centre's budget this period. Empty: it is placed. Going over a budget never
 * blocks an order (a buyer with an urgent need asks, an approver decides).
 */
export function approvalReasons(order: { orderLimitMinor: number | null; subtotalMinor: number; budget: BudgetUse | null }): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (needsApproval(order.orderLimitMinor, order.subtotalMinor)) reasons.push("order_limit");
  if (order.budget && exceedsBudget(order.budget, order.subtotalMinor)) reasons.push("budget");
  return reasons;
}

export type ApproverRole = "buyer" | "approver" | "company_admin" | "account_manager" | "admin";

/** Approvers and company admins decide; never on their own order (no self-approval above one's own limit). */
export function mayDecide(decider: { id: number; role: ApproverRole }, order: { userId: number | null; status: string }): boolean {
  return (decider.role === "approver" || decider.role === "company_admin") && order.userId !== decider.id && order.status === "awaiting_approval";
}
