import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { setOrderErpReference } from "@/lib/data/orders";
import { orderFacts } from "@/lib/data/webhooks";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { orderJson, orderLinks } from "@/lib/webhooks/order-payload";
import { canSeeCustomer } from "./access";

/**
 * Orders for the supplier's ERP beyond the event feed (ERP-SIDE.md §0): the order as JSON by our
 * order number — the same object the events carry — and the ERP's own number for it, reported back
 * by the ERP (`PUT /admin/api/orders/<number>/erp-reference`) or typed in on the order's page. Staff
 * who may see the customer only (an admin's key sees every order); everybody else: not found.
 */

export const ERP_REFERENCE_MAX = 100;

export const erpReferenceSchema = z.object({
  // Empty clears it (the ERP deleted its document, or staff typed it on the wrong order).
  erpReference: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    z.string().trim().max(ERP_REFERENCE_MAX).regex(/^[^\p{Cc}]+$/u, "no_control_characters").nullable(),
  ),
});

async function visibleOrder(staff: StaffUser, where: { orderId: number } | { orderNumber: string }) {
  const facts = await orderFacts(where);
  if (!facts || !(await canSeeCustomer(staff, facts.customer.id))) throw new AppError("not_found", "order_not_found");
  return facts;
}

const appUrl = () => env.APP_URL?.replace(/\/+$/, "") ?? null;

export async function getOrderJsonForStaff(staff: StaffUser, orderNumber: string) {
  const facts = await visibleOrder(staff, { orderNumber });
  return { order: orderJson(facts), ...orderLinks(facts.order.id, facts.order.orderNumber, appUrl()) };
}

export interface ErpReferenceResult {
  orderNumber: string;
  erpReference: string | null;
  previous: string | null;
  changed: boolean;
}

/** Sets (or clears) the order's ERP number; setting the same number again changes nothing. */
export async function setErpReferenceForStaff(
  staff: StaffUser,
  where: { orderId: number } | { orderNumber: string },
  erpReference: string | null,
  now: Date,
): Promise<ErpReferenceResult> {
  const facts = await visibleOrder(staff, where);
  const result = await setOrderErpReference(facts.order.id, erpReference, now);
  if (!result) throw new AppError("not_found", "order_not_found");
  return { orderNumber: facts.order.orderNumber, erpReference, previous: result.previous, changed: result.previous !== erpReference };
}
