/**
 * Reads a `<PunchOutOrderMessage>` (PROTOCOLS.md §2.7) the way a procurement system does: the cart a
 * punchout session returns. Koppel only sends these; it reads them back to show an account manager,
 * field by field, what a connection's buyer would receive (the connection test on
 * /admin/connections/[id]/test). Lenient like every inbound reader; Money is read exactly.
 */
import {
  type CxmlAddress,
  type CxmlExtrinsic,
  type CxmlMoney,
  readAddress,
  readDescription,
  readExtrinsics,
  readItemId,
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
  deepText,
  expectPayload,
  firstChild,
  readContent,
  type XmlElement,
} from "@/lib/punchout/cxml/xml";

export interface CxmlOrderMessageItem {
  lineNumber: number | null;
  /** ItemIn@quantity as sent. */
  quantity: string;
  supplierPartId: string;
  supplierPartAuxiliaryId: string | null;
  /** ItemID/BuyerPartID: the buyer's own number for the item. */
  buyerPartId: string | null;
  unitPrice: CxmlMoney;
  shortName: string | null;
  description: string | null;
  unitOfMeasure: string | null;
  /** PriceBasisQuantity@quantity: the unit price is per this many units. */
  priceBasisQuantity: string | null;
  classifications: { domain: string; code: string }[];
  manufacturerPartId: string | null;
  manufacturerName: string | null;
  leadTimeDays: string | null;
  /** ItemDetail/AttachmentReference (DTD 1.2.063): links to documents such as safety data sheets. */
  attachments: CxmlAttachmentReference[];
  extrinsics: CxmlExtrinsic[];
}

export interface CxmlAttachmentReference {
  /** Name: usually the file name. */
  name: string;
  /** Description: the document's title. */
  description: string | null;
  internalId: string | null;
  url: string | null;
  /** @length in bytes, as sent. */
  length: string | null;
}

export interface CxmlOrderMessage {
  buyerCookie: string;
  /** PunchOutOrderMessageHeader@operationAllowed: create, inspect or edit. */
  operationAllowed: string;
  total: CxmlMoney;
  shipTo: CxmlAddress | null;
  items: CxmlOrderMessageItem[];
}

const orNull = (value: string | undefined | null) => (value === undefined || value === null || value === "" ? null : value);

function readItem(itemIn: XmlElement, index: number): CxmlOrderMessageItem {
  const what = `ItemIn ${index + 1}`;
  const { supplierPartId, supplierPartAuxiliaryId, buyerPartId } = readItemId(itemIn, what);
  const detail = firstChild(itemIn, "ItemDetail");
  if (!detail) throw new CxmlContentError(`${what}: ItemDetail is missing`);
  const description = readDescription(detail);
  const basis = firstChild(detail, "PriceBasisQuantity");
  return {
    lineNumber: readUint(itemIn, "lineNumber", what),
    quantity: readQuantity(itemIn, what),
    supplierPartId,
    supplierPartAuxiliaryId,
    buyerPartId,
    unitPrice: requireMoney(firstChild(detail, "UnitPrice"), `${what} UnitPrice`),
    shortName: description?.shortName ?? null,
    description: orNull(description?.text),
    unitOfMeasure: orNull(childText(detail, "UnitOfMeasure")),
    priceBasisQuantity: basis ? orNull(attr(basis, "quantity")?.trim()) : null,
    classifications: childElements(detail, "Classification").map((c) => ({ domain: attr(c, "domain")?.trim() ?? "", code: deepText(c).trim() })),
    manufacturerPartId: orNull(childText(detail, "ManufacturerPartID")),
    manufacturerName: orNull(childText(detail, "ManufacturerName")),
    leadTimeDays: orNull(childText(detail, "LeadTime")),
    attachments: childElements(detail, "AttachmentReference").map((reference) => ({
      name: childText(reference, "Name") ?? "",
      description: orNull(childText(reference, "Description")),
      internalId: orNull(childText(reference, "InternalID")),
      url: orNull(childText(reference, "URL")),
      length: orNull(attr(reference, "length")?.trim()),
    })),
    extrinsics: readExtrinsics(detail),
  };
}

/** Reads Message/PunchOutOrderMessage; a missing BuyerCookie or Total is a content error, as for a buyer. */
export function parsePunchOutOrderMessage(document: CxmlDocument): CxmlResult<CxmlOrderMessage> {
  return readContent(() => {
    const message = expectPayload(document, "PunchOutOrderMessage");
    const cookie = firstChild(message, "BuyerCookie");
    if (!cookie) throw new CxmlContentError("PunchOutOrderMessage: BuyerCookie is missing");
    const header = firstChild(message, "PunchOutOrderMessageHeader");
    if (!header) throw new CxmlContentError("PunchOutOrderMessageHeader is missing");
    const shipTo = firstChild(header, "ShipTo");
    return {
      buyerCookie: deepText(cookie),
      operationAllowed: attr(header, "operationAllowed")?.trim() ?? "",
      total: requireMoney(firstChild(header, "Total"), "PunchOutOrderMessageHeader Total"),
      shipTo: shipTo ? readAddress(shipTo) : null,
      items: childElements(message, "ItemIn").map(readItem),
    };
  });
}
