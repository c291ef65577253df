/** Reads a `<PunchOutSetupRequest>` (PROTOCOLS.md §2.5), leniently about element order and DTD version. */
import {
  type CxmlAddress,
  type CxmlContact,
  type CxmlExtrinsic,
  readAddress,
  readContacts,
  readDescription,
  readExtrinsics,
  readItemId,
  readQuantity,
  readUint,
} from "@/lib/punchout/cxml/parse-common";
import {
  attr,
  childElements,
  childText,
  cxmlError,
  CxmlContentError,
  type CxmlDocument,
  type CxmlResult,
  directText,
  expectPayload,
  firstChild,
  readContent,
  type XmlElement,
} from "@/lib/punchout/cxml/xml";

export type PunchOutOperation = "create" | "edit" | "inspect";

export interface CxmlSetupItem {
  lineNumber: number | null;
  supplierPartId: string;
  supplierPartAuxiliaryId: string | null;
  /** ItemOut@quantity as sent. */
  quantity: string;
  /** ItemDetail/UnitPrice/Money as sent (informational: edit re-prices from our own cart). */
  unitPrice: { amount: string; currency: string } | null;
  unitOfMeasure: string | null;
  description: string | null;
}

export interface CxmlSetupRequest {
  operation: PunchOutOperation;
  /** BuyerCookie exactly as sent, whitespace included; echo it unchanged in the POOM. */
  buyerCookie: string;
  /** BrowserFormPost/URL; always present for create/edit, may be null for inspect. */
  browserFormPostUrl: string | null;
  /** SupplierSetup/URL (informational). */
  supplierSetupUrl: string | null;
  contacts: CxmlContact[];
  /** First Contact with role endUser, else the first Contact. */
  endUser: CxmlContact | null;
  shipTo: CxmlAddress | null;
  /** SelectedItem/ItemID: product-level ("level 2") punchout. */
  selectedItem: { supplierPartId: string; supplierPartAuxiliaryId: string | null } | null;
  /** ItemOut lines (edit/inspect re-open a cart we returned earlier). */
  items: CxmlSetupItem[];
  /** Extrinsics in document order (UserEmail, UniqueName, FirstName, LastName, CostCenter, …). */
  extrinsics: CxmlExtrinsic[];
}

const OPERATIONS: readonly string[] = ["create", "edit", "inspect"] satisfies PunchOutOperation[];

function readUrl(parent: XmlElement, name: string): string | null {
  const container = firstChild(parent, name);
  return (container && childText(container, "URL")) || null;
}

function readSetupItem(itemOut: XmlElement, index: number): CxmlSetupItem {
  const what = `ItemOut ${index + 1}`;
  const { supplierPartId, supplierPartAuxiliaryId } = readItemId(itemOut, what);
  const detail = firstChild(itemOut, "ItemDetail");
  const unitPrice = detail && firstChild(detail, "UnitPrice");
  const money = unitPrice && firstChild(unitPrice, "Money");
  const description = detail && readDescription(detail);
  return {
    lineNumber: readUint(itemOut, "lineNumber", what),
    supplierPartId,
    supplierPartAuxiliaryId,
    quantity: readQuantity(itemOut, what),
    unitPrice: money ? { amount: directText(money).trim(), currency: attr(money, "currency")?.trim() ?? "" } : null,
    unitOfMeasure: (detail && childText(detail, "UnitOfMeasure")) || null,
    description: description?.shortName || description?.text || null,
  };
}

/**
 * Reads Request/PunchOutSetupRequest. `source` (sourcing RFQ) is answered with 450; create and
 * edit without BrowserFormPost are content errors because the cart would have no way back.
 */
export function parsePunchOutSetupRequest(document: CxmlDocument): CxmlResult<CxmlSetupRequest> {
  const request = readContent(() => expectPayload(document, "PunchOutSetupRequest"));
  if (!request.ok) return request;
  const posr = request.value;
  const operation = attr(posr, "operation")?.trim() ?? "";
  if (operation === "source") return cxmlError("unsupported", "PunchOutSetupRequest operation \"source\" is not supported");
  return readContent(() => {
    if (!OPERATIONS.includes(operation)) throw new CxmlContentError(`Unknown PunchOutSetupRequest operation "${operation}"`);
    const cookie = firstChild(posr, "BuyerCookie");
    if (!cookie) throw new CxmlContentError("BuyerCookie is missing");
    const buyerCookie = directText(cookie);
    if (buyerCookie.trim() === "") throw new CxmlContentError("BuyerCookie is empty");
    const browserFormPostUrl = readUrl(posr, "BrowserFormPost");
    if (browserFormPostUrl === null && operation !== "inspect") throw new CxmlContentError("BrowserFormPost/URL is missing");

    const contacts = readContacts(posr);
    const selected = firstChild(posr, "SelectedItem");
    const selectedId = selected && readItemId(selected, "SelectedItem");
    return {
      operation: operation as PunchOutOperation,
      buyerCookie,
      browserFormPostUrl,
      supplierSetupUrl: readUrl(posr, "SupplierSetup"),
      contacts,
      endUser: contacts.find((contact) => contact.role === "endUser") ?? contacts[0] ?? null,
      shipTo: readAddress(firstChild(posr, "ShipTo")),
      selectedItem: selectedId
        ? { supplierPartId: selectedId.supplierPartId, supplierPartAuxiliaryId: selectedId.supplierPartAuxiliaryId }
        : null,
      items: childElements(posr, "ItemOut").map(readSetupItem),
      extrinsics: readExtrinsics(posr),
    };
  });
}
