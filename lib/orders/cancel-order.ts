import "server-only";
import { z } from "zod";
import type { BuyerUser } from "@/lib/auth/guards";
import { getRecipient } from "@/lib/data/account";
import { listCustomerManagers } from "@/lib/data/customers";
import { cancelWebOrder, type CancelOutcome } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { accountOrderLink, mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { orderCancelledByCustomerMail, orderCancelledMail } from "@/lib/mail/order-cancelled-mails";
import { sendMail } from "@/lib/mail/send-mail";
import { BUYER_CANCELLABLE_STATUSES, mayBuyerCancel } from "./cancellation";
import { getOrderForViewer } from "./order-access";

/**
 * The customer cancels a web order we have not confirmed yet (lib/orders/cancellation.ts): whoever
 * sees the order (its orderer, the company's approvers and admins). The orderer is mailed when a
 * colleague cancelled it, the customer's account managers always (so nobody picks it).
 */

export const cancelOrderSchema = z.object({
  orderNumber: z.string().trim().min(1).max(40),
  comment: z.string().trim().max(1000).optional().transform((v) => v || null),
});

/** CancelOutcome as the error a form shows (keys of account.errors / admin.errors). */
export function throwUnlessCancelled(outcome: CancelOutcome): void {
  if (outcome === "cancelled") return;
  if (outcome === "not_found") throw new AppError("not_found", "order_not_found");
  if (outcome === "shipped") throw new AppError("conflict", "order_already_shipped");
  if (outcome === "invoiced") throw new AppError("conflict", "order_already_invoiced");
  throw new AppError("conflict", "order_not_cancellable");
}

export async function cancelOwnOrder(
  user: Pick<BuyerUser, "id" | "companyId" | "companyName" | "role" | "name" | "impersonatedBy">,
  input: z.infer<typeof cancelOrderSchema>,
  now: Date,
): Promise<void> {
  // The customer's decision, recorded as theirs: staff viewing the shop as them cancel in /admin instead.
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
  const detail = await getOrderForViewer(user, input.orderNumber);
  if (!detail) throw new AppError("not_found", "order_not_found");
  const { order } = detail;
  if (!mayBuyerCancel(order)) throw new AppError("conflict", "order_not_cancellable");
  throwUnlessCancelled(
    await cancelWebOrder({ orderId: order.id, companyId: user.companyId, from: BUYER_CANCELLABLE_STATUSES, userId: user.id, comment: input.comment, now }),
  );

  // The cancellation stands even if the mails cannot be queued; the order's history says who did it.
  const baseUrl = await mailBaseUrl();
  const orderer = order.userId !== null && order.userId !== user.id ? await getRecipient(order.userId) : null;
  const managers = (await listCustomerManagers(user.companyId)).filter((manager) => manager.active);
  const mails = [
    ...(orderer && readsMail(orderer.email)
      ? [
          orderCancelledMail(orderer, {
            orderNumber: order.orderNumber,
            poNumber: order.poNumber,
            by: "colleague",
            cancelledByName: user.name,
            comment: input.comment,
            orderLink: accountOrderLink(baseUrl, order.orderNumber),
          }),
        ]
      : []),
    // An order still waiting for its approver never reached us: nothing to stop.
    ...(order.status === "awaiting_approval"
      ? []
      : managers.map((manager) =>
          orderCancelledByCustomerMail(manager, {
            orderNumber: order.orderNumber,
            companyName: user.companyName,
            cancelledByName: user.name,
            comment: input.comment,
            link: `${baseUrl}/admin/orders/${order.id}`,
          }),
        )),
  ];
  if (mails.length > 0) await sendMail(mails, now).catch((error: unknown) => console.error(`[koppel] cancellation mails for ${order.orderNumber} failed`, error));
}
