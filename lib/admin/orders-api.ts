import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { setOrderErpReference } from "@/lib/data/orders";
import { orderFacts } from "@/lib/data/webhooks";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { recordShipment } from "@/lib/purchase-orders/order-responses";
import { orderJson, orderLinks } from "@/lib/webhooks/order-payload";
import { canSeeCustomer } from "./access";
import {
  apiFieldErrors,
  confirmationFields,
  repeatsStoredDecision,
  statusAfterDecision,
  type OrderCancellationApiInput,
  type OrderDecisionApiInput,
} from "./order-decision-input";
import { cancelWebOrderForStaff, confirmOrderForStaff, confirmOrderSchema, getOrderForStaff } from "./purchase-orders";

/**
 * Orders for the supplier's ERP beyond the event feed (ERP-SIDE.md §0): the order as JSON by our
 * order number — the same object the events carry — and the ERP's own number for it, reported back
 * by the ERP (`PUT /admin/api/orders/<number>/erp-reference`) or typed in on the order's page. Staff
 * who may see the customer only (an admin's key sees every order); everybody else: not found. And
 * the ERP's shipments (`POST /admin/api/orders/<number>/shipments`), recorded as staff's Ship form
 * does: the buyer is mailed the track & trace, a procurement system gets its ShipNotice, a customer
 * invoiced on shipment gets the invoice. And the ERP's decision on an order
 * (`POST /admin/api/orders/<number>/confirmation`, `…/cancellation`), taken as staff's confirm and
 * cancel forms take it (lib/admin/order-decision-input.ts translates the body).
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

export const shipmentApiSchema = z.strictObject({
  carrier: z.string().trim().min(1).max(100),
  trackingNumber: z.string().trim().min(1).max(100),
  /** Without one, PostNL, DHL, DPD, GLS and UPS get theirs from the number (lib/orders/tracking-url.ts). */
  trackingUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  /** Our line numbers (`lines[].lineNumber` of the order JSON) and the quantities in this shipment; left out: everything still open. */
  lines: z
    .array(z.strictObject({ line: z.number().int().min(1).max(1_000_000), quantity: z.number().int().min(1).max(1_000_000_000) }))
    .min(1)
    .max(1000)
    .optional(),
});
export type ShipmentApiInput = z.infer<typeof shipmentApiSchema>;

export interface ShipmentApiResult {
  orderNumber: string;
  shipment: { number: string; carrier: string; trackingNumber: string; lines: { line: number; quantity: number }[] };
  /** With this shipment every line of the order is shipped in full. */
  complete: boolean;
  /** The same carrier and tracking number were reported before: nothing new was recorded, mailed or invoiced. */
  replayed: boolean;
  /** The automatic invoice of a customer invoiced on shipment: its number, or why it failed (staff can invoice by hand). */
  invoice: { number: string } | { error: string } | null;
}

/**
 * Records a shipment reported by the ERP. Idempotent by carrier and tracking number: the same
 * shipment sent again (a retry after a timeout) is answered as stored (`replayed`), so a parcel is
 * never recorded, mailed or invoiced twice; the same tracking number with other lines is a conflict.
 */
export async function reportShipmentViaApi(staff: StaffUser, orderNumber: string, input: ShipmentApiInput, now: Date): Promise<ShipmentApiResult> {
  const facts = await visibleOrder(staff, { orderNumber });
  const lines = input.lines?.map((l) => ({ lineNumber: l.line, quantity: l.quantity }));
  const seen = new Set<number>();
  for (const line of lines ?? []) {
    if (seen.has(line.lineNumber)) throw new AppError("invalid_input", "ship_line_twice", { line: line.lineNumber });
    seen.add(line.lineNumber);
  }
  const result = await recordShipment(
    facts.order.id,
    staff.id,
    { carrier: input.carrier, trackingNumber: input.trackingNumber, trackingUrl: input.trackingUrl ?? null, lines, replayByTracking: true },
    now,
  );
  if (!result.ok) {
    const line = result.detail ? Number(result.detail) : undefined;
    if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
    // Cancelled, rejected, awaiting approval or review, or shipped in full already.
    if (result.error === "invalid_status") throw new AppError("conflict", "order_not_shippable", { status: facts.order.status });
    if (result.error === "tracking_in_use") throw new AppError("conflict", "tracking_number_in_use", { shipment: result.detail });
    if (result.error === "exceeds_open") throw new AppError("invalid_input", "ship_quantity_too_high", { line });
    throw new AppError("invalid_input", line ? "ship_line_unknown" : "ship_nothing_selected", line ? { line } : undefined);
  }
  const invoice = result.invoice.status === "issued" ? { number: result.invoice.invoice.number } : result.invoice.status === "failed" ? { error: result.invoice.error } : null;
  return {
    orderNumber: facts.order.orderNumber,
    shipment: {
      number: result.shipmentNumber,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      lines: result.lines.map((l) => ({ line: l.lineNumber, quantity: l.quantity })),
    },
    complete: result.complete,
    replayed: result.replayed,
    invoice,
  };
}

export interface OrderDecisionApiResult {
  orderNumber: string;
  /** The order's status after the decision (confirmed, rejected, or cancelled for a held web order). */
  status: string;
  /** A ConfirmationRequest went into the outbox for the buyer's procurement system. */
  queued: boolean;
  /** The order carried this decision already (a retry): nothing was changed, mailed or sent again. */
  replayed: boolean;
}

/**
 * The ERP's decision on an order, taken by confirmOrderForStaff (the order page's confirm form):
 * accept a web order or a purchase order, confirm a purchase order with changed lines, or reject
 * one (with the reason its buyer's system is told), release or cancel a web order held for credit
 * review. The same decision again on an order that carries it is answered `replayed`; any other
 * decision on an order decided on or moved on is `order_status_changed`.
 */
export async function decideOrderViaApi(staff: StaffUser, orderNumber: string, input: OrderDecisionApiInput): Promise<OrderDecisionApiResult> {
  const { order } = await visibleOrder(staff, { orderNumber });
  const detail = await getOrderForStaff(staff, order.id);
  const replayOf = (current: typeof detail) =>
    repeatsStoredDecision({ ...current, status: current.order.status, purchaseOrder: current.purchaseOrder !== null }, input)
      ? { orderNumber: order.orderNumber, status: current.order.status, queued: false, replayed: true }
      : null;
  // A line rejected at 0 left the order lines but is still the buyer's: known, for a retry of that decision.
  const known = new Set([...detail.lines, ...detail.purchaseLines].map((line) => line.lineNumber));
  const unknownLine = (isKnown: (line: number) => boolean) => {
    const index = input.lines?.findIndex((line) => !isKnown(line.line)) ?? -1;
    if (index >= 0) throw new AppError("invalid_input", "line_unknown", { line: input.lines![index]!.line, field: `lines[${index}].line` });
  };
  unknownLine((line) => known.has(line));
  const replayed = replayOf(detail);
  if (replayed) return replayed;
  if (!detail.canConfirm) throw new AppError("conflict", "order_status_changed", { status: detail.order.status });
  const orderLineNumbers = new Set(detail.lines.map((line) => line.lineNumber));
  unknownLine((line) => orderLineNumbers.has(line));
  try {
    const { queued } = await confirmOrderForStaff(staff, confirmOrderSchema.parse(confirmationFields(order.id, input)));
    return { orderNumber: order.orderNumber, status: statusAfterDecision(input.decision, detail.purchaseOrder !== null)!, queued, replayed: false };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "conflict") {
      // Decided in the meantime, e.g. by the call this one retries: a replay if it was this decision.
      const current = await getOrderForStaff(staff, order.id);
      const raced = replayOf(current);
      if (raced) return raced;
      throw new AppError("conflict", "order_status_changed", { status: current.order.status });
    }
    const fieldErrors = error.details?.fieldErrors as Record<string, string[]> | undefined;
    if (error.code === "invalid_input" && fieldErrors) throw new AppError("invalid_input", error.message, { ...error.details, fieldErrors: apiFieldErrors(fieldErrors, input) });
    throw error;
  }
}

export interface OrderCancellationApiResult {
  orderNumber: string;
  status: "cancelled";
  /** The order was cancelled already (a retry, or cancelled by anyone before): nothing was mailed again. */
  replayed: boolean;
}

/**
 * A web order cancelled on the customer's request, as staff's cancel form does it (the orderer is
 * mailed the reason): refused once something of it shipped or was invoiced, and for a purchase
 * order (its buyer's system cancels it; the ERP rejects it with a "reject" decision).
 */
export async function cancelOrderViaApi(staff: StaffUser, orderNumber: string, input: OrderCancellationApiInput, now: Date): Promise<OrderCancellationApiResult> {
  const { order } = await visibleOrder(staff, { orderNumber });
  const cancelled = (current: { source: string; status: string }) => current.source === "web" && current.status === "cancelled";
  const answer = (replayed: boolean): OrderCancellationApiResult => ({ orderNumber: order.orderNumber, status: "cancelled", replayed });
  if (cancelled(order)) return answer(true);
  try {
    await cancelWebOrderForStaff(staff, { orderId: order.id, comment: input.reason }, now);
  } catch (error) {
    if (!isAppError(error) || error.code !== "conflict") throw error;
    const current = (await visibleOrder(staff, { orderId: order.id })).order;
    if (cancelled(current)) return answer(true);
    throw new AppError("conflict", error.message, { ...error.details, status: current.status });
  }
  return answer(false);
}
