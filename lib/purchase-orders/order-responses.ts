import "server-only";
import type { OrderStatus } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { requeueOutboundMessage } from "@/lib/data/outbound-messages";
import {
  changePurchaseOrderStatus,
  getPurchaseOrderDetail,
  getPurchaseOrderSettings,
  recordOrderShipment,
  type OutboundMessageInput,
} from "@/lib/data/purchase-orders";
import { CXML_USER_AGENT, newPayloadId } from "@/lib/punchout/cxml-endpoint";
import { buildConfirmationRequest, type ConfirmationItemInput, type ConfirmationType } from "@/lib/punchout/cxml/build-confirmation-request";
import type { CxmlHeaderParties } from "@/lib/punchout/cxml/build-header";
import { buildShipNoticeRequest } from "@/lib/punchout/cxml/build-ship-notice-request";

type Detail = NonNullable<Awaited<ReturnType<typeof getPurchaseOrderDetail>>>;

export type OrderResponseResult = { ok: true; queued: boolean } | { ok: false; error: "not_found" | "invalid_status" | "invalid_input" };

const CONFIRMABLE: readonly OrderStatus[] = ["needs_review", "accepted"];
const SHIPPABLE: readonly OrderStatus[] = ["accepted", "confirmed"];

/** Where and as whom we send documents back to this buyer; null when the connection has no order-response URL. */
async function outboundTarget(detail: Detail) {
  const settings = await getPurchaseOrderSettings(detail.connection.id);
  if (!settings?.orderResponseUrl) return null;
  const us = settings.outboundFrom.length ? settings.outboundFrom : detail.connection.cxmlTo ? [detail.connection.cxmlTo] : [{ domain: "NetworkID", identity: "KOPPEL" }];
  const buyer = detail.connection.cxmlFrom.length ? detail.connection.cxmlFrom : detail.connection.cxmlSender;
  const parties: CxmlHeaderParties = { from: us, to: buyer, sender: us[0]!, userAgent: CXML_USER_AGENT };
  const secret = settings.outboundSharedSecretEncrypted ? decryptSecret(settings.outboundSharedSecretEncrypted, credentialsKey()) : "";
  return { url: settings.orderResponseUrl, parties, secret };
}

function baseUrl(): string {
  return env.APP_URL ?? "http://koppel.invalid";
}

function queue(kind: OutboundMessageInput["kind"], connectionId: number, url: string, payloadId: string, xml: string): OutboundMessageInput {
  return { connectionId, kind, payloadId, url, bodyEncrypted: encryptSecret(xml, credentialsKey()) };
}

export interface ConfirmDecision {
  kind: "accept" | "change" | "reject";
  comment?: string | null;
  /** For "change": per line the confirmed quantity, unit price and delivery date. */
  changes?: { lineNumber: number; quantity: number; unitPriceMinor: number; deliveryDate?: Date | null }[];
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
  if (changes.some((c) => !lineNumbers.has(c.lineNumber) || !Number.isInteger(c.quantity) || c.quantity < 0 || !Number.isInteger(c.unitPriceMinor) || c.unitPriceMinor < 0)) {
    return { ok: false, error: "invalid_input" };
  }

  const target = await outboundTarget(detail);
  let outbound: OutboundMessageInput | null = null;
  if (target) {
    const payloadId = newPayloadId(now, baseUrl());
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
    outbound = queue("confirmation", detail.connection.id, target.url, payloadId, xml);
  }
  const changed = await changePurchaseOrderStatus({
    orderId,
    from: CONFIRMABLE,
    to: decision.kind === "reject" ? "rejected" : "confirmed",
    userId,
    comment: comment ?? (decision.kind === "change" ? "Confirmed with changes" : null),
    lineChanges: changes.filter((c) => c.quantity > 0).map(({ lineNumber, quantity, unitPriceMinor }) => ({ lineNumber, quantity, unitPriceMinor })),
    outbound,
  });
  return changed ? { ok: true, queued: outbound !== null } : { ok: false, error: "invalid_status" };
}

export interface ShipmentInput {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string | null;
  /** Lines and quantities shipped; empty = everything as ordered. */
  lines?: { lineNumber: number; quantity: number }[];
}

/** Records a shipment → order shipped + ShipNoticeRequest in the outbox. */
export async function shipOrder(orderId: number, userId: number | null, input: ShipmentInput, now = new Date()): Promise<OrderResponseResult> {
  const detail = await getPurchaseOrderDetail(orderId);
  if (!detail) return { ok: false, error: "not_found" };
  if (!SHIPPABLE.includes(detail.order.status)) return { ok: false, error: "invalid_status" };
  const carrier = input.carrier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!carrier || !trackingNumber) return { ok: false, error: "invalid_input" };
  const lines = input.lines?.length ? input.lines : detail.lines.map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity }));
  const byNumber = new Map(detail.lines.map((line) => [line.lineNumber, line]));
  if (lines.some((l) => !byNumber.has(l.lineNumber) || !Number.isInteger(l.quantity) || l.quantity <= 0)) return { ok: false, error: "invalid_input" };
  const shipmentNumber = `${detail.order.orderNumber}-S${detail.shipments.length + 1}`;

  const target = await outboundTarget(detail);
  let outbound: OutboundMessageInput | null = null;
  if (target) {
    const payloadId = newPayloadId(now, baseUrl());
    const purchaseLine = new Map(detail.purchaseLines.map((line) => [line.lineNumber, line]));
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
      fulfillmentType: lines.every((l) => l.quantity >= (byNumber.get(l.lineNumber)?.quantity ?? 0)) && lines.length === detail.lines.length ? "complete" : "partial",
      tracking: [{ carrierDomain: "companyName", carrierName: carrier, trackingNumber, trackingUrl: input.trackingUrl ?? undefined }],
      portions: [
        {
          order: { orderId: detail.purchaseOrder.buyerOrderId, orderDate: detail.purchaseOrder.orderDate, payloadId: detail.purchaseOrder.payloadId },
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
    outbound = queue("ship_notice", detail.connection.id, target.url, payloadId, xml);
  }
  const done = await recordOrderShipment({
    orderId,
    from: SHIPPABLE,
    userId,
    shipment: { shipmentNumber, carrier, trackingNumber, trackingUrl: input.trackingUrl?.trim() || null, lines },
    outbound,
  });
  return done ? { ok: true, queued: outbound !== null } : { ok: false, error: "invalid_status" };
}

/** Manual resend of an outbound message (same payloadID). */
export async function resendOutboundMessage(messageId: number, now = new Date()): Promise<boolean> {
  return (await requeueOutboundMessage(messageId, now)) !== null;
}

/** Encrypts our SharedSecret for a buyer before it is stored in purchase_order_settings. */
export function sealOutboundSecret(secret: string): string {
  return encryptSecret(secret, credentialsKey());
}
