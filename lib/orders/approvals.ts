import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { getRecipient, listCompanyApprovers } from "@/lib/data/account";
import { getCompany } from "@/lib/data/companies";
import { decideAwaitingOrder, getOrderDetail, listApprovalDecisions, searchOrders, type ApprovalDecisionItem, type OrderListItem } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { money } from "@/lib/format";
import { accountOrderLink, mailBaseUrl } from "@/lib/mail/base-url";
import { approvalDecidedMail, approvalRequestedMail } from "@/lib/mail/order-approval-mails";
import { deliverQueuedMail, sendMail } from "@/lib/mail/send-mail";
import { mayDecide, type ApprovalReason } from "./approval-rule";
import { budgetPeriodLabel, remainingBudget, type BudgetUse } from "./budget";
import { orderConfirmationMailer } from "./order-confirmation";
import { buyerVisibleComment } from "./order-story";

/**
 * Order approval for direct checkout. Placing an order above the buyer's limit stores it as
 * "awaiting_approval" (lib/checkout/place-order.ts); the company's approvers and company admins are
 * told by e-mail and decide here. Approved orders continue as "placed" (or, beyond the customer's
 * credit limit, "needs_review" for the supplier); the history keeps who decided when, with the comment.
 * The buyer gets one mail about the decision, queued with it: an approved order's is its order
 * confirmation, opening with who approved it (not an "approved" mail and a confirmation beside it);
 * a rejected or held one says so (approvalDecidedMail).
 */

export type Decider = Pick<BuyerUser, "id" | "companyId" | "role" | "name" | "impersonatedBy">;


export async function notifyApprovalRequested(
  buyer: Pick<BuyerUser, "id" | "name" | "companyId" | "companyName" | "orderLimitMinor">,
  order: {
    orderNumber: string;
    /** The buyer's reference: the approvers know the order by it too. */
    poNumber: string | null;
    subtotalMinor: number;
    currency: string;
    approvalReasons: ApprovalReason[];
    costCenter: string | null;
    budget: BudgetUse | null;
  },
  now: Date,
): Promise<void> {
  const approvers = await listCompanyApprovers(buyer.companyId, buyer.id);
  if (approvers.length === 0) return;
  const link = accountOrderLink(await mailBaseUrl(), order.orderNumber);
  const amount = (minor: number) => (locale: "nl" | "en") => money(minor, locale, order.currency);
  const { budget } = order;
  await sendMail(
    approvers.map((approver) =>
      approvalRequestedMail(approver, {
        orderNumber: order.orderNumber,
        poNumber: order.poNumber,
        companyName: buyer.companyName,
        buyerName: buyer.name,
        subtotal: amount(order.subtotalMinor),
        limit: order.approvalReasons.includes("order_limit") ? amount(buyer.orderLimitMinor ?? 0) : null,
        budget:
          order.approvalReasons.includes("budget") && budget && order.costCenter
            ? {
                costCenter: order.costCenter,
                period: (locale) => budgetPeriodLabel(budget, locale),
                budget: amount(budget.budgetMinor),
                remaining: amount(remainingBudget(budget)),
              }
            : null,
        link,
      }),
    ),
    now,
  );
}

export async function decideOrder(
  decider: Decider,
  input: { orderNumber: string; decision: "approve" | "reject"; comment: string | null },
  now: Date,
): Promise<{ status: "placed" | "rejected" | "needs_review" }> {
  const detail = await getOrderDetail(decider.companyId, input.orderNumber);
  if (!detail) throw new AppError("not_found", "order_not_found");
  // A staff member viewing the shop as a customer never decides for the customer's approver.
  if (decider.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
  if (decider.role !== "approver" && decider.role !== "company_admin") throw new AppError("forbidden", "not_an_approver");
  if (detail.order.userId === decider.id) throw new AppError("forbidden", "own_order");
  if (!mayDecide(decider, detail.order)) throw new AppError("conflict", "not_awaiting_approval");
  if (input.decision === "reject" && !input.comment) throw new AppError("invalid_input", "comment_required", { field: "comment" });
  const buyer = detail.order.userId === null ? null : await getRecipient(detail.order.userId);
  const [company, confirmation, baseUrl] = await Promise.all([getCompany(decider.companyId), orderConfirmationMailer(buyer, detail.order), mailBaseUrl()]);
  // Approved beyond the customer's credit limit, the order is held for the supplier's review ("needs_review").
  const { status } = await decideAwaitingOrder({
    companyId: decider.companyId,
    orderId: detail.order.id,
    status: input.decision === "approve" ? "placed" : "rejected",
    userId: decider.id,
    comment: input.comment,
    now,
    mail: (stored) => {
      if (stored.status === "placed" && confirmation) return confirmation(stored, { kind: "approved", approverName: decider.name, comment: input.comment });
      if (!buyer) return null;
      return approvalDecidedMail(buyer, {
        orderNumber: stored.orderNumber,
        poNumber: stored.poNumber,
        companyName: company?.name ?? "",
        subtotal: (locale) => money(stored.subtotalMinor, locale, stored.currency),
        link: accountOrderLink(baseUrl, stored.orderNumber),
        decision: stored.status === "rejected" ? "rejected" : "approved",
        creditHold: stored.status === "needs_review",
        deciderName: decider.name,
        comment: input.comment,
      });
    },
  });
  // Queued with the decision; delivered now when SMTP is configured (else by the next delivery run).
  await deliverQueuedMail().catch((error: unknown) => console.error(`[koppel] delivering the decision mail of ${detail.order.orderNumber} failed`, error));
  return { status };
}

/**
 * Whether anybody but `user` can decide on their orders (an active approver or company admin): with
 * nobody, an order that needs approval would wait until the company admin makes someone approver,
 * and the checkout and the order say so.
 */
export async function someoneElseDecides(user: Pick<BuyerUser, "id" | "companyId">): Promise<boolean> {
  return (await listCompanyApprovers(user.companyId, user.id)).length > 0;
}

/**
 * Orders of the company waiting for a decision, oldest first (the most urgent on page 1), a page at a
 * time; the decider's own orders are left out in the query, so they take no place on a page and
 * `total` is the count the navigation's badge shows (countAwaitingApproval). Only approvers and
 * company admins get any.
 */
export async function listAwaitingApproval(
  decider: Pick<BuyerUser, "id" | "companyId" | "role">,
  page: { limit: number; offset: number },
): Promise<{ items: OrderListItem[]; total: number }> {
  if (decider.role !== "approver" && decider.role !== "company_admin") return { items: [], total: 0 };
  return searchOrders({ companyId: decider.companyId, status: "awaiting_approval", exceptUserId: decider.id, ...page }, "oldest_first");
}

/**
 * What approvers decided on the company's orders, latest decision first, a page at a time: for
 * approvers and company admins, like the orders waiting (others get nothing). Their own orders that a
 * colleague decided are in it too (they see every order of the company anyway). The comment is what
 * the order page shows the buyer: a rejection's reason, never a credit hold's figures.
 */
export async function listDecidedApprovals(
  viewer: Pick<BuyerUser, "companyId" | "role">,
  page: { limit: number; offset: number },
): Promise<{ items: ApprovalDecisionItem[]; total: number }> {
  if (viewer.role !== "approver" && viewer.role !== "company_admin") return { items: [], total: 0 };
  const { items, total } = await listApprovalDecisions({ companyId: viewer.companyId, ...page });
  return { items: items.map((item) => ({ ...item, comment: buyerVisibleComment(item.comment)?.trim() || null })), total };
}
