/**
 * Readers for elements shared by inbound cXML documents (Address, Contact, Extrinsic, Money,
 * ItemID, Description, Comments). Lenient about order and optional parts; they throw
 * CxmlContentError only where a value is unusable.
 */
import { parseDecimalToMinor } from "@/lib/pricing/money";
import {
  attr,
  childElements,
  childText,
  CxmlContentError,
  deepText,
  directText,
  firstChild,
  type XmlElement,
} from "@/lib/punchout/cxml/xml";

export interface CxmlExtrinsic {
  name: string;
  value: string;
}

/** Extrinsic* children in document order (names are case-sensitive, duplicates kept). */
export function readExtrinsics(parent: XmlElement): CxmlExtrinsic[] {
  return childElements(parent, "Extrinsic").map((el) => ({ name: attr(el, "name")?.trim() ?? "", value: deepText(el).trim() }));
}

export interface CxmlAddress {
  addressId: string | null;
  addressIdDomain: string | null;
  isoCountryCode: string | null;
  name: string | null;
  deliverTo: string[];
  street: string[];
  city: string | null;
  municipality: string | null;
  state: string | null;
  postalCode: string | null;
  /** Country text as sent ("Netherlands"). */
  country: string | null;
  /** Country@isoCountryCode, falling back to Address@isoCountryCode. */
  countryCode: string | null;
  email: string | null;
  /** TelephoneNumber flattened to "+31 20 1234567". */
  phone: string | null;
}

const orNull = (value: string | undefined): string | null => (value ? value : null);

/** Reads `<Address>` inside ShipTo/BillTo (or the Address element itself). */
export function readAddress(container: XmlElement | undefined): CxmlAddress | null {
  const address = container?.name === "Address" ? container : container && firstChild(container, "Address");
  if (!address) return null;
  const postal = firstChild(address, "PostalAddress");
  const country = postal && firstChild(postal, "Country");
  const isoCountryCode = orNull(attr(address, "isoCountryCode")?.trim());
  return {
    addressId: orNull(attr(address, "addressID")?.trim()),
    addressIdDomain: orNull(attr(address, "addressIDDomain")?.trim()),
    isoCountryCode,
    name: orNull(childText(address, "Name")),
    deliverTo: postal ? childElements(postal, "DeliverTo").map((el) => directText(el).trim()) : [],
    street: postal ? childElements(postal, "Street").map((el) => directText(el).trim()) : [],
    city: orNull(postal && childText(postal, "City")),
    municipality: orNull(postal && childText(postal, "Municipality")),
    state: orNull(postal && childText(postal, "State")),
    postalCode: orNull(postal && childText(postal, "PostalCode")),
    country: orNull(postal && childText(postal, "Country")),
    countryCode: orNull(country && attr(country, "isoCountryCode")?.trim()) ?? isoCountryCode,
    email: orNull(childText(address, "Email")),
    phone: readPhone(firstChild(address, "Phone")),
  };
}

function readPhone(phone: XmlElement | undefined): string | null {
  const number = phone && firstChild(phone, "TelephoneNumber");
  if (!number) return null;
  const country = childText(number, "CountryCode");
  const extension = childText(number, "Extension");
  const text = [country ? `+${country}` : "", childText(number, "AreaOrCityCode"), childText(number, "Number")]
    .filter(Boolean)
    .join(" ");
  return text ? (extension ? `${text} x${extension}` : text) : null;
}

export interface CxmlContact {
  role: string | null;
  name: string | null;
  email: string | null;
}

/** Contact* children: role, Name, first Email. */
export function readContacts(parent: XmlElement): CxmlContact[] {
  return childElements(parent, "Contact").map((el) => ({
    role: orNull(attr(el, "role")?.trim()),
    name: orNull(childText(el, "Name")),
    email: orNull(childText(el, "Email")),
  }));
}

export interface CxmlMoney {
  amountMinor: number;
  currency: string;
}

/**
 * Reads `<Money currency="EUR">12.34</Money>` (or the Money child of Total/UnitPrice/Charge/…)
 * into exact minor units. More decimals than the currency has, thousands separators or anything
 * else that is not a plain decimal are content errors: never round a buyer's amount.
 */
export function readMoney(element: XmlElement | undefined, what: string): CxmlMoney | null {
  const money = element?.name === "Money" ? element : element && firstChild(element, "Money");
  if (!money) return null;
  const currency = attr(money, "currency")?.trim().toUpperCase() ?? "";
  if (!/^[A-Z]{3}$/.test(currency)) throw new CxmlContentError(`${what}: Money@currency "${currency}" is not an ISO 4217 code`);
  const text = directText(money).trim();
  const amountMinor = parseDecimalToMinor(text, currency);
  if (amountMinor === null) throw new CxmlContentError(`${what}: Money "${text}" is not an exact ${currency} amount`);
  return { amountMinor, currency };
}

export function requireMoney(element: XmlElement | undefined, what: string): CxmlMoney {
  const money = readMoney(element, what);
  if (money === null) throw new CxmlContentError(`${what}: Money is missing`);
  return money;
}

export interface CxmlItemId {
  supplierPartId: string;
  supplierPartAuxiliaryId: string | null;
  buyerPartId: string | null;
}

/**
 * Reads `<ItemID>`. SupplierPartAuxiliaryID is ANY and opaque to the buyer; it is kept untrimmed
 * apart from surrounding layout whitespace, because we put it there ourselves (cart line reference).
 */
export function readItemId(container: XmlElement, what: string): CxmlItemId {
  const itemId = firstChild(container, "ItemID");
  const supplierPartId = itemId && childText(itemId, "SupplierPartID");
  if (!itemId || !supplierPartId) throw new CxmlContentError(`${what}: ItemID/SupplierPartID is missing`);
  const aux = firstChild(itemId, "SupplierPartAuxiliaryID");
  return {
    supplierPartId,
    supplierPartAuxiliaryId: aux ? orNull(deepText(aux).trim()) : null,
    buyerPartId: orNull(childText(itemId, "BuyerPartID")),
  };
}

export interface CxmlDescription {
  lang: string | null;
  shortName: string | null;
  text: string;
}

/** First `<Description>`: ShortName and the remaining text, each trimmed. */
export function readDescription(parent: XmlElement): CxmlDescription | null {
  const description = firstChild(parent, "Description");
  if (!description) return null;
  return {
    lang: orNull(attr(description, "xml:lang")?.trim()),
    shortName: orNull(childText(description, "ShortName")),
    text: directText(description).trim(),
  };
}

export interface CxmlComment {
  lang: string | null;
  type: string | null;
  text: string;
  /** Attachment/URL values (cid: references into a multipart envelope). */
  attachments: string[];
}

export function readComments(parent: XmlElement): CxmlComment[] {
  return childElements(parent, "Comments").map((el) => ({
    lang: orNull(attr(el, "xml:lang")?.trim()),
    type: orNull(attr(el, "type")?.trim()),
    text: directText(el).trim(),
    attachments: childElements(el, "Attachment").flatMap((a) => childElements(a, "URL").map((u) => directText(u).trim())),
  }));
}

/** `%r8` quantity as sent, checked to be a positive plain decimal ("10", "2.5"). */
export function readQuantity(element: XmlElement, what: string): string {
  const quantity = attr(element, "quantity")?.trim() ?? "";
  if (!/^\d+(\.\d+)?$/.test(quantity) || !/[1-9]/.test(quantity)) {
    throw new CxmlContentError(`${what}: quantity "${quantity}" is not a positive number`);
  }
  return quantity;
}

/** Optional `%uint` attribute such as lineNumber. */
export function readUint(element: XmlElement, name: string, what: string): number | null {
  const value = attr(element, name)?.trim();
  if (value === undefined || value === "") return null;
  if (!/^\d{1,9}$/.test(value)) throw new CxmlContentError(`${what}: ${name} "${value}" is not an unsigned integer`);
  return Number(value);
}
