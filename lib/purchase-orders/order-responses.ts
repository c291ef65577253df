import "server-only";
import type { OrderStatus, PunchoutConnection } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { requeueOutboundMessage } from "@/lib/data/outbound-messages";
import {
  addOrderEvent,
  changePurchaseOrderStatus,
  getOrderDetail,
  getPurchaseOrderDetail,
  getPurchaseOrderSettings,
  queueMissedConfirmation,
  recordOrderShipment,
  type OutboundMessageInput,
} from "@/lib/data/purchase-orders";
import { getRecipient } from "@/lib/data/account";
import type { OutboxMessage } from "@/lib/data/mail-outbox";
import type { OrderForMail } from "@/lib/data/orders";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { CONFIRMED_WITH_CHANGES } from "@/lib/orders/history-comment";
import { trackingUrlFor } from "@/lib/orders/tracking-url";
import { accountOrderLink, mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { shipmentMail } from "@/lib/mail/shipment-mail";
import { CXML_USER_AGENT } from "@/lib/punchout/cxml-endpoint";
import { outboundIdentity, outboundPayloadId } from "./outbound-identity";
import { DECIDED_STATUSES, storedDecision } from "./stored-decision";
import { buildConfirmationRequest, type ConfirmationItemInput, type ConfirmationType } from "@/lib/punchout/cxml/build-confirmation-request";
import type { CxmlHeaderParties } from "@/lib/punchout/cxml/build-header";
import { buildShipNoticeRequest } from "@/lib/punchout/cxml/build-ship-notice-request";

export type OrderResponseResult =
  | { ok: true; queued: boolean }
  /** all_lines_rejected: "confirm with changes" with every line at 0, which is rejecting the order (with a reason). */
  | { ok: false; error: "not_found" | "invalid_status" | "invalid_input" | "all_lines_rejected" };

const CONFIRMABLE: readonly OrderStatus[] = ["needs_review", "accepted"];

/** Where and as whom we send documents back to this buyer; null when the connection has no order-response URL. */
async function outboundTarget(connection: PunchoutConnection) {
  const settings = await getPurchaseOrderSettings(connection.id);
  if (!settings?.orderResponseUrl) return null;
  const { us, buyer, secret } = outboundIdentity(connection, settings);
  const parties: CxmlHeaderParties = { from: us, to: buyer, sender: us[0]!, userAgent: CXML_USER_AGENT };
  return { url: settings.orderResponseUrl, parties, secret: secret ?? "" };
}

function queue(kind: OutboundMessageInput["kind"], connectionId: number, url: string, payloadId: string, xml: string): OutboundMessageInput {
  return { connectionId, kind, payloadId, url, bodyEncrypted: encryptSecret(xml, credentialsKey()) };
}

export interface ConfirmDecision {
  kind: "accept" | "change" | "reject";
  comment?: string | null;
  /**
   * For "change": per line the confirmed quantity, unit price and delivery date. Quantity 0 rejects
   * the line (cXML ConfirmationStatus type="reject"): it leaves our order, nothing of it is shipped
   * or invoiced. A line left out is confirmed as ordered.
   */
  changes?: { lineNumber: number; quantity: number; unitPriceMinor: number; deliveryDate?: Date | null }[];
}

/** A confirmed delivery date as the order line stores it (calendar date; the form sends noon UTC of the day). */
const calendarDay = (date: Date | null | undefined): string | null => (date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null);

type PurchaseOrderDetail = NonNullable<Awaited<ReturnType<typeof getPurchaseOrderDetail>>>;
type OutboundTarget = NonNullable<Awaited<ReturnType<typeof outboundTarget>>>;

/**
 * The ConfirmationRequest of a decision for the outbox: "accept" as a whole, "reject" as a whole with
 * its reason, "change" per line (confirmed quantity, price and date; the rest of a line rejected).
 * Built when the decision is taken, or later from the decision as stored (sendMissedConfirmation).
 */
function confirmationMessage(
  detail: PurchaseOrderDetail,
  target: OutboundTarget,
  decision: { kind: ConfirmDecision["kind"]; comment: string | null; changes: NonNullable<ConfirmDecision["changes"]> },
  now: Date,
): OutboundMessageInput {
  const { comment, changes } = decision;
  const payloadId = outboundPayloadId(now);
  const type: ConfirmationType = decision.kind === "accept" ? "accept" : decision.kind === "reject" ? "reject" : "detail";
  const byLine = new Map(changes.map((c) => [c.lineNumber, c]));
  const items: ConfirmationItemInput[] =
    type === "detail"
      ? detail.purchaseLines.map((line) => {
          const ordered = detail.lines.find((l) => l.lineNumber === line.lineNumber);
          const change = byLine.get(line.lineNumber);
          const unit = line.unitOfMeasure ?? ordered?.unit ?? "EA";
          const quantity = line.quantity;
          if (!change) return { lineNumber: line.lineNumber, quantity, unitOfMeasure: unit, statuses: [{ type: "accept", quantity }] };
          const accepted = Math.min(change.quantity, Number(quantity));
          const rest = Number(quantity) - accepted;
          const statuses = [
            ...(accepted > 0
              ? [{ type: "detail" as const, quantity: accepted, unitPrice: { amountMinor: change.unitPriceMinor, currency: detail.order.currency }, deliveryDate: change.deliveryDate ?? undefined }]
              : []),
            ...(rest > 0 ? [{ type: "reject" as const, quantity: rest, comments: comment ?? "Quantity not available" }] : []),
          ];
          return { lineNumber: line.lineNumber, quantity, unitOfMeasure: unit, statuses };
        })
      : [];
  const xml = buildConfirmationRequest({
    payloadId,
    timestamp: now,
    header: target.parties,
    senderSharedSecret: target.secret,
    deploymentMode: detail.purchaseOrder.deploymentMode,
    type,
    confirmId: detail.order.orderNumber,
    noticeDate: now,
    order: { orderId: detail.purchaseOrder.buyerOrderId, orderDate: detail.purchaseOrder.orderDate, payloadId: detail.purchaseOrder.payloadId },
    comments: type === "accept" ? comment : (comment ?? "Confirmed with changes"),
    items,
  });
  return queue("confirmation", detail.connection.id, target.url, payloadId, xml);
}

/** Confirm all / confirm with changes / reject → order status + ConfirmationRequest in the outbox. */
export async function respondToOrder(orderId: number, userId: number | null, decision: ConfirmDecision, now = new Date()): Promise<OrderResponseResult> {
  const detail = await getPurchaseOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  if (!CONFIRMABLE.includes(detail.order.status)) return { ok: false, error: "invalid_status" };
  const comment = decision.comment?.trim() || null;
  if (decision.kind === "reject" && !comment) return { ok: false, error: "invalid_input" };
  const changes = decision.kind === "change" ? (decision.changes ?? []) : [];
  const lineNumbers = new Set(detail.lines.map((line) => line.lineNumber));
  const orderedByLine = new Map(detail.lines.map((line) => [line.lineNumber, line.quantity]));
  // Never above what was ordered: the ConfirmationRequest confirms at most that, so our order must too.
  if (changes.some((c) => !lineNumbers.has(c.lineNumber) || !Number.isInteger(c.quantity) || c.quantity < 0 || c.quantity > orderedByLine.get(c.lineNumber)! || !Number.isInteger(c.unitPriceMinor) || c.unitPriceMinor < 0)) {
    return { ok: false, error: "invalid_input" };
  }
  // Every line at 0 leaves an order without lines: that is a rejection of the whole order, which the buyer is told why.
  const rejected = new Set(changes.filter((c) => c.quantity === 0).map((c) => c.lineNumber));
  if (decision.kind === "change" && detail.lines.every((line) => rejected.has(line.lineNumber))) return { ok: false, error: "all_lines_rejected" };

  const target = await outboundTarget(detail.connection);
  const outbound = target ? confirmationMessage(detail, target, { kind: decision.kind, comment, changes }, now) : null;
  const changed = await changePurchaseOrderStatus({
    orderId,
    from: CONFIRMABLE,
    to: decision.kind === "reject" ? "rejected" : "confirmed",
    userId,
    // Stored in this fixed form, the order page shows it in the viewer's language (lib/orders/history-comment.ts).
    comment: comment ?? (decision.kind === "change" ? CONFIRMED_WITH_CHANGES : null),
    // Lines at 0 go too: the data layer takes them out of the order (before, they stayed at their ordered quantity and were shipped and invoiced).
    lineChanges: changes.map(({ lineNumber, quantity, unitPriceMinor, deliveryDate }) => ({ lineNumber, quantity, unitPriceMinor, deliveryDate: calendarDay(deliveryDate) })),
    outbound,
  });
  return changed ? { ok: true, queued: outbound !== null } : { ok: false, error: "invalid_status" };
}

/**
 * Why "Send the confirmation now" is not offered (null: it is): the order was not decided on, a
 * confirmation of it is in the outbox already (sent, waiting or failed: that one has "Resend"), or the
 * connection still has no address for confirmations.
 */
export function missedConfirmationBlock(
  detail: Pick<PurchaseOrderDetail, "order" | "events" | "lines" | "purchaseLines">,
  outboundKinds: readonly string[],
  hasAddress: boolean,
): "not_decided" | "already_sent" | "no_address" | null {
  if (!storedDecision({ ...detail, status: detail.order.status })) return "not_decided";
  if (outboundKinds.includes("confirmation")) return "already_sent";
  return hasAddress ? null : "no_address";
}

export type MissedConfirmationResult = { ok: true } | { ok: false; error: "not_found" | "not_decided" | "already_sent" | "no_address" };

/**
 * "Send the confirmation now": the ConfirmationRequest a decision taken while the connection had no
 * address for confirmations would have produced (lib/purchase-orders/stored-decision.ts), now that it
 * has one, through the outbox (retries, message log) — once per order, with an entry in the order's
 * history naming `userId` (the staff member who sent it).
 */
export async function sendMissedConfirmation(orderId: number, userId: number | null, now = new Date()): Promise<MissedConfirmationResult> {
  const detail = await getPurchaseOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  const decision = storedDecision({ ...detail, status: detail.order.status });
  if (!decision) return { ok: false, error: "not_decided" };
  const target = await outboundTarget(detail.connection);
  if (!target) return { ok: false, error: "no_address" };
  const outbound = confirmationMessage(detail, target, decision, now);
  const queued = await queueMissedConfirmation({ orderId, from: DECIDED_STATUSES, outbound, userId, now });
  if (queued === "queued") return { ok: true };
  return { ok: false, error: queued === "invalid_status" ? "not_decided" : "already_sent" };
}

export interface ShipmentInput {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string | null;
  /** Lines and quantities shipped; empty = everything still open. */
  lines?: { lineNumber: number; quantity: number }[];
  /** The same carrier and tracking number again is a retry, answered as stored (lib/data/purchase-orders.ts recordOrderShipment). */
  replayByTracking?: boolean;
}

/**
 * Orders a shipment can be recorded for. Web orders ship straight from "placed"; purchase orders
 * after they were accepted or confirmed ("needs_review" must be decided first). "shipped" stays
 * shippable while some quantity is still open: the order turns "shipped" with its first shipment
 * (from then on it can no longer be changed or cancelled by the buyer's system) and further
 * partial shipments follow until every line is shipped in full.
 */
export const SHIPPABLE_ORDER_STATUSES: readonly OrderStatus[] = ["placed", "accepted", "confirmed", "shipped"];

/** What happened to the automatic invoice of a shipment (companies.invoiceOnShipment). */
export type AutoInvoiceOutcome =
  | { status: "off" }
  | { status: "issued"; invoice: { id: number; number: string } }
  | { status: "failed"; error: string; detail?: string };

export type ShipmentResult =
  | {
      ok: true;
      queued: boolean;
      shipmentId: number;
      shipmentNumber: string;
      lines: { lineNumber: number; quantity: number }[];
      complete: boolean;
      invoice: AutoInvoiceOutcome;
      /** Recorded earlier (a retry): nothing was stored, mailed, sent or invoiced now. */
      replayed: boolean;
    }
  | { ok: false; error: "not_found" | "invalid_status" | "invalid_input" | "exceeds_open" | "tracking_in_use"; detail?: string };

/**
 * Records a shipment of any order (full, or per line quantities): order shipped + for purchase
 * orders with an order-response URL a ShipNoticeRequest in the outbox, in one transaction. After
 * it committed, a customer with invoiceOnShipment gets the invoice for the shipped quantities; if
 * that fails the shipment stands and the failure is written to the order history (staff can
 * invoice the shipment by hand from the order page).
 */
export async function recordShipment(orderId: number, userId: number | null, input: ShipmentInput, now = new Date()): Promise<ShipmentResult> {
  const detail = await getOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  if (!SHIPPABLE_ORDER_STATUSES.includes(detail.order.status)) return { ok: false, error: "invalid_status" };
  const carrier = input.carrier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!carrier || !trackingNumber) return { ok: false, error: "invalid_input" };
  // A link staff pasted wins; otherwise PostNL, DHL, DPD, GLS and UPS get theirs from the number (lib/orders/tracking-url.ts).
  const trackingUrl = input.trackingUrl?.trim() || trackingUrlFor(carrier, trackingNumber, detail.order.shipTo);
  // Only purchase orders whose connection has an order-response URL get a ShipNoticeRequest.
  const target = detail.purchaseOrder && detail.connection ? await outboundTarget(detail.connection) : null;
  // A web order's orderer is mailed the track & trace (a procurement system gets the ShipNotice instead);
  // technical punchout users have no mailbox of a person.
  const orderer = !detail.purchaseOrder && detail.order.userId !== null ? await getRecipient(detail.order.userId) : null;
  const mailTo = orderer && readsMail(orderer.email) ? orderer : null;
  const orderLink = mailTo ? accountOrderLink(await mailBaseUrl(), detail.order.orderNumber) : "";

  const recorded = await recordOrderShipment({
    orderId,
    from: SHIPPABLE_ORDER_STATUSES,
    userId,
    carrier,
    trackingNumber,
    trackingUrl,
    lines: input.lines?.length ? input.lines : null,
    replayByTracking: input.replayByTracking,
    outbound: ({ shipmentNumber, lines, complete, orderLines: byNumber }) => {
      if (!target || !detail.purchaseOrder || !detail.connection) return null;
      const payloadId = outboundPayloadId(now);
      const purchaseLine = new Map(detail.purchaseLines.map((line) => [line.lineNumber, line]));
      const order = { orderId: detail.purchaseOrder.buyerOrderId, orderDate: detail.purchaseOrder.orderDate, payloadId: detail.purchaseOrder.payloadId };
      const xml = buildShipNoticeRequest({
        payloadId,
        timestamp: now,
        header: target.parties,
        senderSharedSecret: target.secret,
        deploymentMode: detail.purchaseOrder.deploymentMode,
        shipmentId: shipmentNumber,
        noticeDate: now,
        shipmentDate: now,
        shipmentType: "actual",
        // "complete": with this shipment the order is shipped in full; every earlier one was "partial".
        fulfillmentType: complete ? "complete" : "partial",
        tracking: [{ carrierDomain: "companyName", carrierName: carrier, trackingNumber, trackingUrl: trackingUrl ?? undefined }],
        portions: [
          {
            order,
            items: lines.map((l) => ({
              lineNumber: l.lineNumber,
              quantity: l.quantity,
              unitOfMeasure: purchaseLine.get(l.lineNumber)?.unitOfMeasure ?? byNumber.get(l.lineNumber)!.unit,
              supplierPartId: purchaseLine.get(l.lineNumber)?.supplierPartId ?? byNumber.get(l.lineNumber)!.sku,
              supplierPartAuxiliaryId: purchaseLine.get(l.lineNumber)?.supplierPartAuxiliaryId ?? null,
            })),
          },
        ],
      });
      return queue("ship_notice", detail.connection.id, target.url, payloadId, xml);
    },
    mail: ({ shipmentNumber, lines, complete, orderLines: byNumber }) =>
      mailTo &&
      shipmentMail(mailTo, {
        orderNumber: detail.order.orderNumber,
        poNumber: detail.order.poNumber,
        shipmentNumber,
        complete,
        carrier,
        trackingNumber,
        trackingUrl,
        lines: lines.map((l) => {
          const { sku, name, unit } = byNumber.get(l.lineNumber)!;
          return { sku, name, unit, quantity: l.quantity };
        }),
        orderLink,
      }),
  });
  if (!recorded.ok) return recorded;
  const stored = { shipmentId: recorded.shipmentId, shipmentNumber: recorded.shipmentNumber, lines: recorded.lines, complete: recorded.complete };
  if (recorded.replayed) return { ok: true, queued: false, ...stored, invoice: { status: "off" }, replayed: true };
  if (mailTo) await deliverQueuedMail();
  const invoice = detail.company.invoiceOnShipment ? await invoiceShipment(orderId, recorded.shipmentId, recorded.shipmentNumber, userId, now) : ({ status: "off" } as const);
  return { ok: true, queued: recorded.queued, ...stored, invoice, replayed: false };
}

/**
 * The automatic invoice of one shipment. Runs after the shipment committed (an invoice is its own
 * transaction with a gap-free number); a refusal or crash is logged and kept in the order history.
 */
async function invoiceShipment(orderId: number, shipmentId: number, shipmentNumber: string, userId: number | null, now: Date): Promise<AutoInvoiceOutcome> {
  let outcome: AutoInvoiceOutcome;
  try {
    const result = await issueInvoiceForOrder({ orderId, shipmentId, userId, now });
    outcome = result.ok ? { status: "issued", invoice: result.invoice } : { status: "failed", error: result.error, ...(result.detail ? { detail: result.detail } : {}) };
  } catch (error) {
    outcome = { status: "failed", error: "exception", detail: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.status === "failed") {
    const reason = `${outcome.error}${outcome.detail ? `: ${outcome.detail}` : ""}`;
    console.error(`[orders] automatic invoice for shipment ${shipmentNumber} (order ${orderId}) failed: ${reason}`);
    await addOrderEvent({ orderId, userId, comment: `${AUTO_INVOICE_FAILED} ${shipmentNumber} (${reason})`.slice(0, 1000) });
  }
  return outcome;
}

/** Prefix of the order-history comment for a failed automatic invoice. */
export const AUTO_INVOICE_FAILED = "Automatic invoice failed for shipment";

/** Records a shipment (see recordShipment); the answer of the purchase-order flow. */
export async function shipOrder(orderId: number, userId: number | null, input: ShipmentInput, now = new Date()): Promise<OrderResponseResult> {
  const result = await recordShipment(orderId, userId, input, now);
  if (result.ok) return { ok: true, queued: result.queued };
  return { ok: false, error: result.error === "exceeds_open" || result.error === "tracking_in_use" ? "invalid_input" : result.error };
}

/** Web orders staff may confirm: placed ones, and those held for credit review ("needs_review": confirming releases them). */
const CONFIRMABLE_WEB_ORDER: readonly OrderStatus[] = ["placed", "needs_review"];

/**
 * Staff confirm a web-shop order ("placed" or held → "confirmed"); nothing is sent to a system, the
 * buyer sees the status. `mail` (the orderer's, from the order as confirmed and the status it had)
 * is queued with the change.
 */
export async function confirmWebOrder(
  orderId: number,
  userId: number | null,
  comment?: string | null,
  mail?: (order: OrderForMail, from: OrderStatus) => OutboxMessage | null,
): Promise<OrderResponseResult> {
  const detail = await getOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  if (detail.purchaseOrder || !CONFIRMABLE_WEB_ORDER.includes(detail.order.status)) return { ok: false, error: "invalid_status" };
  const changed = await changePurchaseOrderStatus({ orderId, from: CONFIRMABLE_WEB_ORDER, to: "confirmed", userId, comment: comment?.trim() || null, outbound: null, mail });
  return changed ? { ok: true, queued: false } : { ok: false, error: "invalid_status" };
}

/** Staff cancel a web order held for credit review ("needs_review" → "cancelled"), with the reason the buyer is told. */
export async function cancelHeldWebOrder(orderId: number, userId: number | null, comment: string): Promise<OrderResponseResult> {
  const detail = await getOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  if (detail.purchaseOrder || detail.order.status !== "needs_review") return { ok: false, error: "invalid_status" };
  const changed = await changePurchaseOrderStatus({ orderId, from: ["needs_review"], to: "cancelled", userId, comment, outbound: null });
  return changed ? { ok: true, queued: false } : { ok: false, error: "invalid_status" };
}

/** Manual resend of an outbound message (same payloadID). */
export async function resendOutboundMessage(messageId: number, now = new Date()): Promise<boolean> {
  return (await requeueOutboundMessage(messageId, now)) !== null;
}

/** Encrypts our SharedSecret for a buyer before it is stored in purchase_order_settings. */
export function sealOutboundSecret(secret: string): string {
  return encryptSecret(secret, credentialsKey());
}
