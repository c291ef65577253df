/** `<ShipNoticeRequest>` (advance ship notice, Fulfill.dtd; PROTOCOLS.md §2.10). */
import {
  commentsElement,
  type CxmlOrderReference,
  formatQuantity,
  orderReferenceElement,
  type OutboundRequestInput,
} from "@/lib/punchout/cxml/build-confirmation-request";
import { buildHeader } from "@/lib/punchout/cxml/build-header";
import { el, formatCxmlTimestamp, renderCxmlDocument, type XmlBuildElement } from "@/lib/punchout/cxml/xml";

export interface ShipmentTracking {
  /** CarrierIdentifier@domain: "companyName", "SCAC", … */
  carrierDomain: string;
  carrierName: string;
  trackingNumber: string;
  trackingUrl?: string;
}

export interface ShipNoticeItemInput {
  /** ItemOut@lineNumber of the OrderRequest. */
  lineNumber: number;
  quantity: string | number;
  unitOfMeasure: string;
  supplierPartId?: string;
  supplierPartAuxiliaryId?: string | null;
}

export interface ShipNoticePortionInput {
  order: CxmlOrderReference;
  items: readonly ShipNoticeItemInput[];
}

export interface ShipNoticeRequestInput extends OutboundRequestInput {
  shipmentId: string;
  operation?: "new" | "update" | "delete";
  noticeDate: Date;
  shipmentDate?: Date;
  deliveryDate?: Date;
  shipmentType?: "actual" | "planned";
  fulfillmentType?: "partial" | "complete";
  /** payloadID of the ship notice an update/delete replaces (ShipNoticeHeader/DocumentReference). */
  previousPayloadId?: string | null;
  comments?: string | null;
  /** One ShipControl per carrier/tracking number. */
  tracking?: readonly ShipmentTracking[];
  /** One ShipNoticePortion per referenced order. */
  portions: readonly ShipNoticePortionInput[];
}

function shipNoticeItem(item: ShipNoticeItemInput): XmlBuildElement {
  const quantity = formatQuantity(item.quantity, `ShipNoticeItem ${item.lineNumber}`);
  return el(
    "ShipNoticeItem",
    { quantity, lineNumber: item.lineNumber },
    item.supplierPartId
      ? el(
          "ItemID",
          null,
          el("SupplierPartID", null, item.supplierPartId),
          item.supplierPartAuxiliaryId ? el("SupplierPartAuxiliaryID", null, item.supplierPartAuxiliaryId) : null,
        )
      : null,
    el("UnitOfMeasure", null, item.unitOfMeasure),
  );
}

/** Builds a ShipNoticeRequest: header, ShipControl per tracking entry, ShipNoticePortion per order. */
export function buildShipNoticeRequest(input: ShipNoticeRequestInput): string {
  const lang = input.lang ?? "en-US";
  const operation = input.operation ?? "new";
  if (!input.shipmentId) throw new RangeError("shipmentId is required");
  if (operation !== "delete" && input.portions.every((p) => p.items.length === 0)) {
    throw new RangeError("A ship notice needs at least one ShipNoticeItem");
  }
  return renderCxmlDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, lang, dtd: "Fulfill.dtd" },
    buildHeader(input.header, input.senderSharedSecret),
    el(
      "Request",
      { deploymentMode: input.deploymentMode },
      el(
        "ShipNoticeRequest",
        null,
        el(
          "ShipNoticeHeader",
          {
            shipmentID: input.shipmentId,
            operation,
            noticeDate: formatCxmlTimestamp(input.noticeDate),
            shipmentDate: input.shipmentDate ? formatCxmlTimestamp(input.shipmentDate) : null,
            deliveryDate: input.deliveryDate ? formatCxmlTimestamp(input.deliveryDate) : null,
            shipmentType: input.shipmentType ?? null,
            fulfillmentType: input.fulfillmentType ?? null,
          },
          input.previousPayloadId ? el("DocumentReference", { payloadID: input.previousPayloadId }) : null,
          commentsElement(input.comments, lang),
        ),
        (input.tracking ?? []).map((t) =>
          el(
            "ShipControl",
            null,
            el("CarrierIdentifier", { domain: t.carrierDomain }, t.carrierName),
            el("ShipmentIdentifier", { trackingURL: t.trackingUrl ?? null }, t.trackingNumber),
          ),
        ),
        input.portions.map((portion) =>
          el("ShipNoticePortion", null, orderReferenceElement(portion.order), portion.items.map(shipNoticeItem)),
        ),
      ),
    ),
  );
}
