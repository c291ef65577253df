/** Reads an `<OrderRequest>` (PROTOCOLS.md §2.8) into a domain object with exact money. */
import {
  type CxmlAddress,
  type CxmlComment,
  type CxmlContact,
  type CxmlExtrinsic,
  type CxmlMoney,
  readAddress,
  readComments,
  readContacts,
  readDescription,
  readExtrinsics,
  readItemId,
  readMoney,
  readQuantity,
  readUint,
  requireMoney,
} from "@/lib/punchout/cxml/parse-common";
import {
  attr,
  childElements,
  childText,
  CxmlContentError,
  type CxmlDocument,
  type CxmlResult,
  directText,
  expectPayload,
  firstChild,
  readContent,
  type XmlElement,
} from "@/lib/punchout/cxml/xml";

export type CxmlOrderType = "new" | "update" | "delete";

export interface CxmlAccountingSegment {
  id: string;
  /** Segment@type or AccountingSegment/Name ("Cost Center"). */
  name: string | null;
  /** Segment@description or AccountingSegment/Description. */
  description: string | null;
}

/** One `<Distribution>`: Accounting (cost centre, GL, WBS…) plus its Charge. */
export interface CxmlDistribution {
  accountingName: string;
  segments: CxmlAccountingSegment[];
  charge: CxmlMoney | null;
}

export interface CxmlOrderLine {
  /** ItemOut@lineNumber, or the 1-based position when the buyer left it out. */
  lineNumber: number;
  supplierPartId: string;
  /** Our cart line reference from the POOM, if the buyer kept it. */
  supplierPartAuxiliaryId: string | null;
  buyerPartId: string | null;
  /** ItemOut@quantity as sent ("10", "2.5"). */
  quantity: string;
  unitOfMeasure: string | null;
  unitPrice: CxmlMoney | null;
  description: string | null;
  shortName: string | null;
  classifications: { domain: string; code: string }[];
  manufacturerPartId: string | null;
  manufacturerName: string | null;
  /** ItemOut@requestedDeliveryDate as sent (a %date, some buyers send a datetime). */
  requestedDeliveryDate: string | null;
  shipTo: CxmlAddress | null;
  distributions: CxmlDistribution[];
  comments: CxmlComment[];
  /** ItemDetail and ItemOut extrinsics in document order. */
  extrinsics: CxmlExtrinsic[];
}

export interface CxmlOrderRequest {
  type: CxmlOrderType;
  orderId: string;
  orderDate: string | null;
  orderVersion: string | null;
  orderType: string | null;
  requisitionId: string | null;
  /** OrderRequestHeader@requestedDeliveryDate as sent (datetime). */
  requestedDeliveryDate: string | null;
  total: CxmlMoney;
  shipping: CxmlMoney | null;
  tax: CxmlMoney | null;
  shipTo: CxmlAddress | null;
  billTo: CxmlAddress | null;
  contacts: CxmlContact[];
  comments: CxmlComment[];
  extrinsics: CxmlExtrinsic[];
  /** DocumentReference@payloadID (update/delete pointing at the earlier OrderRequest). */
  documentReferencePayloadId: string | null;
  /** A Payment element (PCard) was sent; its content is deliberately not read (PCI data). */
  hasPayment: boolean;
  lines: CxmlOrderLine[];
}

const ORDER_TYPES: readonly string[] = ["new", "update", "delete"] satisfies CxmlOrderType[];
const optional = (value: string | undefined): string | null => value?.trim() || null;

function readDistribution(distribution: XmlElement, what: string): CxmlDistribution {
  const accounting = firstChild(distribution, "Accounting");
  const segments: CxmlAccountingSegment[] = accounting
    ? [
        ...childElements(accounting, "Segment").map((segment) => ({
          id: attr(segment, "id")?.trim() ?? "",
          name: optional(attr(segment, "type")),
          description: optional(attr(segment, "description")),
        })),
        ...childElements(accounting, "AccountingSegment").map((segment) => ({
          id: attr(segment, "id")?.trim() ?? "",
          name: childText(segment, "Name") || null,
          description: childText(segment, "Description") || null,
        })),
      ]
    : [];
  return {
    accountingName: attr(accounting ?? distribution, "name")?.trim() ?? "",
    segments,
    charge: readMoney(firstChild(distribution, "Charge"), `${what} Distribution/Charge`),
  };
}

function readLine(itemOut: XmlElement, index: number): CxmlOrderLine {
  const lineNumber = readUint(itemOut, "lineNumber", `ItemOut ${index + 1}`) ?? index + 1;
  const what = `ItemOut line ${lineNumber}`;
  const itemId = readItemId(itemOut, what);
  const detail = firstChild(itemOut, "ItemDetail");
  const description = detail ? readDescription(detail) : null;
  return {
    lineNumber,
    ...itemId,
    quantity: readQuantity(itemOut, what),
    unitOfMeasure: (detail && childText(detail, "UnitOfMeasure")) || null,
    unitPrice: detail ? readMoney(firstChild(detail, "UnitPrice"), `${what} UnitPrice`) : null,
    description: description?.text || description?.shortName || null,
    shortName: description?.shortName ?? null,
    classifications: detail
      ? childElements(detail, "Classification").map((c) => ({ domain: attr(c, "domain")?.trim() ?? "", code: directText(c).trim() || (attr(c, "code")?.trim() ?? "") }))
      : [],
    manufacturerPartId: (detail && childText(detail, "ManufacturerPartID")) || null,
    manufacturerName: (detail && childText(detail, "ManufacturerName")) || null,
    requestedDeliveryDate: optional(attr(itemOut, "requestedDeliveryDate")),
    shipTo: readAddress(firstChild(itemOut, "ShipTo")),
    distributions: childElements(itemOut, "Distribution").map((d) => readDistribution(d, what)),
    comments: readComments(itemOut),
    extrinsics: [...(detail ? readExtrinsics(detail) : []), ...readExtrinsics(itemOut)],
  };
}

/**
 * Reads Request/OrderRequest. Money becomes integer minor units; an amount with more decimals than
 * its currency allows is a 400 content error. Prices are the buyer's: re-price before accepting.
 */
/**
 * The buyer's orderID of an OrderRequest, read leniently and without the rest of it: for the log of
 * a document refused before it was read as an order (wrong credentials, a bad Header), so the account
 * manager still finds it by the PO number. Undefined for any other document.
 */
export function orderIdOf(document: CxmlDocument): string | undefined {
  if (document.payload?.name !== "OrderRequest") return undefined;
  const header = firstChild(document.payload, "OrderRequestHeader");
  return (header && attr(header, "orderID")?.trim()) || undefined;
}

export function parseOrderRequest(document: CxmlDocument): CxmlResult<CxmlOrderRequest> {
  return readContent(() => {
    const orderRequest = expectPayload(document, "OrderRequest");
    const header = firstChild(orderRequest, "OrderRequestHeader");
    if (!header) throw new CxmlContentError("OrderRequestHeader is missing");
    const orderId = attr(header, "orderID")?.trim();
    if (!orderId) throw new CxmlContentError("OrderRequestHeader@orderID is missing");
    const type = attr(header, "type")?.trim() || "new";
    if (!ORDER_TYPES.includes(type)) throw new CxmlContentError(`Unknown OrderRequestHeader@type "${type}"`);

    const lines = childElements(orderRequest, "ItemOut").map(readLine);
    if (lines.length === 0 && type !== "delete") throw new CxmlContentError("OrderRequest has no ItemOut");
    const seen = new Set<number>();
    for (const line of lines) {
      if (seen.has(line.lineNumber)) throw new CxmlContentError(`Duplicate ItemOut lineNumber ${line.lineNumber}`);
      seen.add(line.lineNumber);
    }

    const reference = firstChild(header, "DocumentReference");
    return {
      type: type as CxmlOrderType,
      orderId,
      orderDate: optional(attr(header, "orderDate")),
      orderVersion: optional(attr(header, "orderVersion")),
      orderType: optional(attr(header, "orderType")),
      requisitionId: optional(attr(header, "requisitionID")),
      requestedDeliveryDate: optional(attr(header, "requestedDeliveryDate")),
      total: requireMoney(firstChild(header, "Total"), "OrderRequestHeader/Total"),
      shipping: readMoney(firstChild(header, "Shipping"), "OrderRequestHeader/Shipping"),
      tax: readMoney(firstChild(header, "Tax"), "OrderRequestHeader/Tax"),
      shipTo: readAddress(firstChild(header, "ShipTo")),
      billTo: readAddress(firstChild(header, "BillTo")),
      contacts: readContacts(header),
      comments: readComments(header),
      extrinsics: readExtrinsics(header),
      documentReferencePayloadId: (reference && optional(attr(reference, "payloadID"))) ?? null,
      hasPayment: firstChild(header, "Payment") !== undefined,
      lines,
    };
  });
}
