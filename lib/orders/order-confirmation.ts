import "server-only";
import type { Recipient } from "@/lib/data/account";
import { getCostCenterName } from "@/lib/data/cost-centers";
import { getSupplierProfile, readDeliveryTerms } from "@/lib/data/supplier-profile";
import type { OrderForMail } from "@/lib/data/orders";
import { accountOrderLink, mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { orderConfirmationMail, type ConfirmationOccasion } from "@/lib/mail/order-confirmation-mail";
import type { MailMessage } from "@/lib/mail/send-mail";

/**
 * The order confirmation, as the places that make an order "placed" (checkout, a standing order's
 * run, the approver's approval, our release after a credit review) queue it: in the transaction
 * that places the order (lib/data/orders.ts queueOrderMail), built from the order as stored. What
 * needs a read of its own (the recipient, the cost centre's name, the shop's address, the customer's
 * delivery terms, the supplier's name that signs it) is looked up
 * here, before that transaction; building the mail inside it is pure.
 *
 * Null when nobody is to be mailed: no (active) orderer, a technical user of a procurement system
 * (their mailbox is nobody's), or a punchout order (the procurement system gets its cXML answer).
 */
export async function orderConfirmationMailer(
  to: Recipient | null,
  order: { source: string; costCenterId: number | null; companyId: number },
): Promise<((stored: OrderForMail, occasion: ConfirmationOccasion) => MailMessage) | null> {
  if (!to || !readsMail(to.email) || order.source !== "web") return null;
  const [costCenterName, baseUrl, terms, supplier] = await Promise.all([
    getCostCenterName(order.costCenterId),
    mailBaseUrl(),
    readDeliveryTerms(order.companyId),
    getSupplierProfile(),
  ]);
  return (stored, occasion) =>
    orderConfirmationMail(
      to,
      {
        orderNumber: stored.orderNumber,
        placedAt: stored.placedAt,
        poNumber: stored.poNumber,
        costCenter: stored.costCenter ? { code: stored.costCenter, name: stored.costCenterId === order.costCenterId ? costCenterName : null } : null,
        requestedDeliveryDate: stored.requestedDeliveryDate,
        note: stored.note,
        shipTo: stored.shipTo,
        billTo: stored.billTo,
        lines: stored.lines,
        currency: stored.currency,
        deliveryChargeMinor: stored.deliveryChargeMinor,
        deliveryCharged: terms.chargeMinor > 0,
        subtotalMinor: stored.subtotalMinor,
        vatBreakdown: stored.vatBreakdown,
        totalMinor: stored.totalMinor,
        orderLink: accountOrderLink(baseUrl, stored.orderNumber),
        supplierName: supplier ? (supplier.tradingName ?? supplier.legalName) : null,
      },
      occasion,
    );
}
