/**
 * The JSON an ERP receives for an order event (ERP-SIDE.md §5: `{ type, timestamp, data }`, the full
 * order, since a supplier without an API cannot fetch it, plus a link to it). Pure; amounts in minor
 * units like everywhere in Koppel, and as decimals for importers that want them.
 */

export interface WebhookOrderFacts {
  order: {
    id: number;
    orderNumber: string;
    source: "web" | "cxml" | "oci";
    status: string;
    poNumber: string | null;
    costCenter: string | null;
    requestedDeliveryDate: string | null;
    note: string | null;
    shipTo: unknown;
    billTo: unknown;
    currency: string;
    subtotalMinor: number;
    deliveryChargeMinor: number;
    vatMinor: number;
    totalMinor: number;
    vatBreakdown: { vatRateBasisPoints: number; taxableMinor: number; vatMinor: number }[];
    placedAt: Date;
    erpReference: string | null;
  };
  /** `erpCustomerNumber`: the customer's debtor number in the ERP, when staff or the ERP set it. */
  customer: { id: number; name: string; kvkNumber: string | null; vatId: string | null; erpCustomerNumber: string | null };
  placedBy: { name: string; email: string } | null;
  lines: {
    lineNumber: number;
    sku: string;
    name: string;
    unit: string;
    quantity: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
    vatRateBasisPoints: number;
    customerArticleNumber: string | null;
    priceSource: { kind: string; quoteNumber?: string; priceListCode?: string };
  }[];
  /** Recorded shipments, oldest first (staff's Ship form, the ERP's POST …/shipments, a procurement system's ShipNotice source). */
  shipments: {
    shipmentNumber: string;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    lines: { lineNumber: number; quantity: number }[];
    createdAt: Date;
  }[];
  event: { kind: "status" | "changed" | "confirmation_sent"; status: string; comment: string | null; at: Date };
}

export type OrderFacts = Omit<WebhookOrderFacts, "event">;

const decimal = (minor: number) => (minor / 100).toFixed(2);

/** The order as JSON, the same in webhook events and in `GET /admin/api/orders/<number>`. */
export function orderJson(facts: OrderFacts) {
  const { order } = facts;
  const skuOf = new Map(facts.lines.map((line) => [line.lineNumber, line.sku]));
  return {
    id: order.id,
    number: order.orderNumber,
    source: order.source,
    status: order.status,
    poNumber: order.poNumber,
    costCenter: order.costCenter,
    requestedDeliveryDate: order.requestedDeliveryDate,
    note: order.note,
    placedAt: order.placedAt.toISOString(),
    erpReference: order.erpReference,
    customer: facts.customer,
    placedBy: facts.placedBy,
    shipTo: order.shipTo,
    billTo: order.billTo,
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    // Part of the subtotal (and of the VAT breakdown): the ERP books it as a freight line.
    deliveryChargeMinor: order.deliveryChargeMinor,
    vatMinor: order.vatMinor,
    totalMinor: order.totalMinor,
    subtotal: decimal(order.subtotalMinor),
    deliveryCharge: decimal(order.deliveryChargeMinor),
    vat: decimal(order.vatMinor),
    total: decimal(order.totalMinor),
    vatBreakdown: order.vatBreakdown,
    lines: facts.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      customerArticleNumber: line.customerArticleNumber,
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      unitPrice: decimal(line.unitPriceMinor),
      lineTotalMinor: line.lineTotalMinor,
      vatRateBasisPoints: line.vatRateBasisPoints,
      priceSource: line.priceSource.kind,
      ...(line.priceSource.quoteNumber ? { quoteNumber: line.priceSource.quoteNumber } : {}),
      ...(line.priceSource.priceListCode ? { priceListCode: line.priceSource.priceListCode } : {}),
    })),
    // What left the warehouse, so the ERP need not ask for it separately (it may also have reported it itself).
    shipments: facts.shipments.map((shipment) => ({
      number: shipment.shipmentNumber,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      trackingUrl: shipment.trackingUrl,
      shippedAt: shipment.createdAt.toISOString(),
      lines: shipment.lines.map((line) => ({ line: line.lineNumber, sku: skuOf.get(line.lineNumber) ?? null, quantity: line.quantity })),
    })),
  };
}

/** Where the order can be seen again: its admin page and its API resource. */
export function orderLinks(orderId: number, orderNumber: string, appUrl: string | null) {
  return appUrl ? { links: { self: `${appUrl}/admin/orders/${orderId}`, api: `${appUrl}/admin/api/orders/${encodeURIComponent(orderNumber)}` } } : {};
}

/** The order events webhooks carry (the order_events trigger names them, db/migrations/0036). */
export type OrderWebhookType = "order.created" | "order.status_changed" | "order.changed";

export function orderWebhookBody(type: OrderWebhookType, facts: WebhookOrderFacts, options: { at: Date; adminUrl: string | null }): string {
  return JSON.stringify({
    type,
    timestamp: options.at.toISOString(),
    data: {
      order: orderJson(facts),
      // `kind` "changed": staff changed the order's lines (the order above is the new state); "confirmation_sent":
      // staff sent the buyer's system the confirmation of an earlier decision (the status stayed).
      event: { kind: facts.event.kind, status: facts.event.status, comment: facts.event.comment, at: facts.event.at.toISOString() },
    },
    ...orderLinks(facts.order.id, facts.order.orderNumber, options.adminUrl),
  });
}

/** The test event an admin sends from the endpoint's page: proves URL and signature without an order. */
export function testWebhookBody(options: { at: Date; endpointName: string }): string {
  return JSON.stringify({ type: "webhook.test", timestamp: options.at.toISOString(), data: { endpoint: options.endpointName } });
}
