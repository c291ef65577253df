/** `<PunchOutOrderMessage>` (POOM, PROTOCOLS.md §2.7): the cart back to the buyer. */
import { toDecimalString } from "@/lib/pricing/money";
import { buildHeader, type CxmlHeaderParties } from "@/lib/punchout/cxml/build-header";
import type { CxmlConnectionSettings, ItemValueSource } from "@/lib/punchout/cxml/connection-settings";
import type { CxmlAddress } from "@/lib/punchout/cxml/parse-common";
import { el, renderCxmlDocument, textEl, type CxmlDeploymentMode, type XmlBuildElement } from "@/lib/punchout/cxml/xml";
import { primaryAttachment } from "@/lib/catalog/product-document";
import { shortDescription } from "@/lib/punchout/short-description";
import type { PunchoutCart, PunchoutDocument, PunchoutItem } from "@/lib/punchout/types";

export type PoomSettings = Pick<
  CxmlConnectionSettings,
  "operationAllowed" | "unitMap" | "classification" | "itemExtrinsics" | "shortNameMaxLength" | "attachments"
>;

export interface PoomCharge {
  amountMinor: number;
  description: string;
}

export interface OrderMessageInput {
  payloadId: string;
  timestamp: Date;
  /** From/To/Sender without SharedSecret: the POOM travels through the browser. */
  header: CxmlHeaderParties;
  deploymentMode: CxmlDeploymentMode;
  /** BuyerCookie from the POSR, echoed byte-for-byte. */
  buyerCookie: string;
  /** Empty cart = the user cancelled; still a valid POOM. */
  cart: PunchoutCart;
  settings: PoomSettings;
  /** POSR ShipTo to echo in the header (connection setting echoShipTo). */
  shipTo?: CxmlAddress | null;
  shipping?: PoomCharge | null;
  tax?: PoomCharge | null;
  /** cXML@xml:lang and xml:lang of header descriptions, default "en-US". */
  lang?: string;
}

export function resolveItemValue(item: PunchoutItem, source: ItemValueSource): string | null {
  const value = source.startsWith("attributes.")
    ? item.attributes[source.slice("attributes.".length)]
    : item[source as Exclude<ItemValueSource, `attributes.${string}`>];
  return value == null || value.trim() === "" ? null : value;
}

// The same word-boundary shortening as OCI DESCRIPTION; XML counts characters (code points).
const shortName = (text: string, max: number | null): string => (max === null ? text : shortDescription(text, max, "codepoint"));

function money(amountMinor: number, currency: string): XmlBuildElement {
  return el("Money", { currency }, toDecimalString(amountMinor, currency));
}

/** `<ShipTo><Address>` from a parsed POSR address (DTD order: Name, PostalAddress?, Email?, Phone?). */
export function addressElement(address: CxmlAddress, lang: string): XmlBuildElement {
  const hasPostal = address.street.length > 0 && address.city && address.countryCode;
  return el(
    "Address",
    { isoCountryCode: address.isoCountryCode, addressID: address.addressId, addressIDDomain: address.addressIdDomain },
    el("Name", { "xml:lang": lang }, address.name ?? ""),
    hasPostal
      ? el(
          "PostalAddress",
          null,
          address.deliverTo.map((line) => el("DeliverTo", null, line)),
          address.street.map((line) => el("Street", null, line)),
          el("City", null, address.city ?? ""),
          textEl("Municipality", address.municipality),
          textEl("State", address.state),
          textEl("PostalCode", address.postalCode),
          el("Country", { isoCountryCode: address.countryCode }, address.country ?? address.countryCode ?? ""),
        )
      : null,
    textEl("Email", address.email),
  );
}

/** The documents a line carries under the connection's `attachments` setting. */
function attachedDocuments(item: PunchoutItem, setting: PoomSettings["attachments"]): PunchoutDocument[] {
  if (setting === "all") return item.documents;
  const primary = setting === "primary" ? primaryAttachment(item.documents, item.language) : null;
  return primary ? [primary] : [];
}

/**
 * `<AttachmentReference length>` (DTD 1.2.063: Name, Description, InternalID, URL?): a link to the
 * document, not the file. Name is the file name, Description the title, both with xml:lang (required)
 * in the document's language, else the line's; InternalID our key for it (a hash of the file, so the
 * same id means the same bytes); URL the public document route on our side.
 */
function attachmentReference(document: PunchoutDocument, itemLanguage: string): XmlBuildElement {
  const lang = document.language ?? itemLanguage;
  return el(
    "AttachmentReference",
    { length: document.byteSize },
    el("Name", { "xml:lang": lang }, document.fileName),
    el("Description", { "xml:lang": lang }, document.title),
    el("InternalID", null, document.key),
    el("URL", null, document.url),
  );
}

function itemIn(item: PunchoutItem, index: number, settings: PoomSettings): XmlBuildElement {
  if (!Number.isFinite(item.quantity) || item.quantity <= 0) throw new RangeError(`Line ${index + 1}: quantity must be positive`);
  if (!Number.isInteger(item.priceBasisQuantity) || item.priceBasisQuantity < 1) {
    throw new RangeError(`Line ${index + 1}: priceBasisQuantity must be a positive integer`);
  }
  const unit = settings.unitMap[item.unit] ?? item.unit;
  const { domain, source, fallbackCode } = settings.classification;
  const longText = item.longText.trim() === "" ? item.description : item.longText;
  return el(
    "ItemIn",
    { quantity: String(item.quantity), lineNumber: index + 1 },
    el(
      "ItemID",
      null,
      el("SupplierPartID", null, item.sku),
      el("SupplierPartAuxiliaryID", null, item.lineReference),
      // The customer's own article number, always when they keep one (a blank one identifies nothing).
      // DTD 1.2.063: ItemID (SupplierPartID, SupplierPartAuxiliaryID?, BuyerPartID?, IdReference*).
      item.buyerPartNumber?.trim() ? el("BuyerPartID", null, item.buyerPartNumber) : null,
    ),
    el(
      "ItemDetail",
      null,
      el("UnitPrice", null, money(item.unitPriceMinor, item.currency)),
      el(
        "Description",
        { "xml:lang": item.language },
        el("ShortName", null, shortName(item.description, settings.shortNameMaxLength)),
        longText,
      ),
      el("UnitOfMeasure", null, unit),
      // The UnitPrice is for `priceBasisQuantity` units of the same UoM, hence conversionFactor 1.
      item.priceBasisQuantity !== 1
        ? el("PriceBasisQuantity", { quantity: item.priceBasisQuantity, conversionFactor: 1 }, el("UnitOfMeasure", null, unit))
        : null,
      el("Classification", { domain }, resolveItemValue(item, source) ?? fallbackCode ?? ""),
      textEl("ManufacturerPartID", item.manufacturerPartNumber),
      textEl("ManufacturerName", item.manufacturerName),
      Number.isInteger(item.leadTimeDays) && item.leadTimeDays >= 0 ? el("LeadTime", null, String(item.leadTimeDays)) : null,
      // DTD order: … LeadTime?, Dimension*, ItemDetailIndustry?, AttachmentReference*, PlannedAcceptanceDays?, Extrinsic*.
      attachedDocuments(item, settings.attachments).map((document) => attachmentReference(document, item.language)),
      settings.itemExtrinsics.map(({ name, source: from }) => textEl("Extrinsic", resolveItemValue(item, from), { name })),
    ),
  );
}

/**
 * Builds the POOM: BuyerCookie, PunchOutOrderMessageHeader (operationAllowed, Total, ShipTo?,
 * Shipping?, Tax?) and one ItemIn per cart line (SupplierPartID = sku, SupplierPartAuxiliaryID =
 * lineReference, BuyerPartID = buyerPartNumber when the customer keeps one). Never contains a SharedSecret.
 */
export function buildPunchOutOrderMessage(input: OrderMessageInput): string {
  const { cart, settings } = input;
  const lang = input.lang ?? "en-US";
  for (const item of cart.items) {
    if (item.currency !== cart.currency) throw new RangeError(`Line currency ${item.currency} differs from cart currency ${cart.currency}`);
  }
  const charge = (name: string, c: PoomCharge | null | undefined) =>
    c ? el(name, null, money(c.amountMinor, cart.currency), el("Description", { "xml:lang": lang }, c.description)) : null;
  return renderCxmlDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, lang },
    buildHeader(input.header),
    el(
      "Message",
      { deploymentMode: input.deploymentMode },
      el(
        "PunchOutOrderMessage",
        null,
        el("BuyerCookie", null, input.buyerCookie),
        el(
          "PunchOutOrderMessageHeader",
          { operationAllowed: settings.operationAllowed },
          el("Total", null, money(cart.totalMinor, cart.currency)),
          input.shipTo ? el("ShipTo", null, addressElement(input.shipTo, lang)) : null,
          charge("Shipping", input.shipping),
          charge("Tax", input.tax),
        ),
        cart.items.map((item, index) => itemIn(item, index, settings)),
      ),
    ),
  );
}
