import { primaryAttachment } from "@/lib/catalog/product-document";
import { applyBasisPoints, minorDigits, roundHalfAwayFromZero } from "@/lib/pricing/money";
import type { OciConnectionSettings } from "@/lib/punchout/oci/connection-settings";
import {
  OCI_ITEM_FIELDS,
  ociItemFieldName,
  type OciCharset,
  type OciField,
  type OciItemFieldName,
} from "@/lib/punchout/oci/fields";
import type { OciHookUrl } from "@/lib/punchout/oci/parse-entry";
import { transliterateToLatin1 } from "@/lib/punchout/oci/render-transfer-form";
import { cutToLength, shortDescription } from "@/lib/punchout/short-description";
import type { PunchoutCart, PunchoutItem } from "@/lib/punchout/types";

export interface BuildOciFieldsOptions {
  /** The charset the page will be encoded in; lengths are counted after conversion (§1.5). */
  charset: OciCharset;
  /** HOOK_URL's query parameters lead the form as hidden fields (OCI §3, pitfall #5). */
  hookUrl: Pick<OciHookUrl, "query"> | null;
  /** OCI 3.0 `~OkCode`/`~TARGET`/`~CALLER`, echoed unless HOOK_URL already carries them. */
  legacyReturnFields?: readonly OciField[];
}

/** Stored UN/ECE Rec 20 → ISO code SAP keeps in T006 (PROTOCOLS.md Appendix A); others are identical. */
const REC20_TO_ISO: Readonly<Record<string, string>> = { EA: "PCE", C62: "PCE", H87: "PCE" };

/** OCI note 1: at most 11 digits before and 3 after the decimal point. */
const MAX_WHOLE_DIGITS = 11;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * The cart as OCI 4.0 form fields, in order: HOOK_URL query parameters, then per item
 * `NEW_ITEM-<FIELD>[n]` (n from 1) and `NEW_ITEM-LONGTEXT_n:132[]` (OCI 4.0/5.0 §3.2).
 * VENDORMAT carries our SKU and EXT_PRODUCT_ID the product key; MATNR only the customer's own article
 * number, when the connection asks for it (§3.2.2).
 * Throws RangeError for quantities or prices OCI cannot express.
 */
export function buildOciFields(
  cart: PunchoutCart,
  settings: OciConnectionSettings,
  options: BuildOciFieldsOptions,
): OciField[] {
  const leading: OciField[] = [...(options.hookUrl?.query ?? [])];
  const taken = new Set(leading.map(([name]) => name.toLowerCase()));
  for (const field of options.legacyReturnFields ?? []) {
    if (taken.has(field[0].toLowerCase())) continue;
    taken.add(field[0].toLowerCase());
    leading.push(field);
  }
  return [...leading, ...cart.items.flatMap((item, i) => buildItemFields(item, i + 1, settings, options.charset))];
}

function buildItemFields(item: PunchoutItem, index: number, settings: OciConnectionSettings, charset: OciCharset): OciField[] {
  const fields: OciField[] = [];
  const optional = new Set<string>(settings.optionalFields);
  const clean = (text: string) => {
    const stripped = text.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL_CHARS, "");
    return charset === "iso-8859-1" ? transliterateToLatin1(stripped) : stripped;
  };
  const singleLine = (text: string) => clean(text).replace(/\s+/g, " ").trim();

  /** Adds the field if it has a value that fits (`cap` lowers the spec length); returns whether it was added. */
  const put = (field: string, value: string | null | undefined, cap?: number): boolean => {
    if (value === null || value === undefined) return false;
    const spec = Object.hasOwn(OCI_ITEM_FIELDS, field)
      ? OCI_ITEM_FIELDS[field as OciItemFieldName]
      : { maxLength: null, kind: "text" };
    const limit = cap === undefined ? spec.maxLength : Math.min(spec.maxLength ?? cap, cap);
    let text = field === "LONGTEXT" ? clean(value).trim() : singleLine(value);
    if (limit !== null && text.length > limit) {
      if (spec.kind === "number") throw new RangeError(`${field} ${text} is longer than ${limit} characters`);
      // A cut SKU or category code would point at a different thing; leave it out instead.
      if (spec.kind === "code") return false;
      // The buyer reads DESCRIPTION in the requisition: cut between words, without a dangling ", 1"
      // (the full text goes to LONGTEXT). SAP counts a CHAR field in UTF-16 units, after the charset
      // conversion above (an emoji is two; Latin-1 output has been transliterated to one unit each).
      text = field === "DESCRIPTION" ? shortDescription(text, limit, "utf16") : cutToLength(text, limit, "utf16");
    }
    if (text === "") return false;
    fields.push([ociItemFieldName(field, index), text]);
    return true;
  };

  const description = singleLine(item.description) || singleLine(item.sku);
  const price = ociPrice(item, settings);

  // MATNR is the buyer's material number, never our SKU (OCI 5.0 §3.2.2, pitfall #3). A number too long
  // for MATNR is left out like any code, and the line falls back to DESCRIPTION.
  const materialNumber = settings.buyerMaterialNumber && put("MATNR", item.buyerPartNumber);
  // "DESCRIPTION or MATNR required; only one of them should be filled" (OCI 5.0 §3.2.1, PROTOCOLS.md §1.4):
  // with MATNR the buyer's material master names the item. LONGTEXT below is sent either way.
  if (!materialNumber) put("DESCRIPTION", description);
  put("QUANTITY", ociDecimal(roundHalfAwayFromZero(item.quantity * 1000), 0));
  // UNIT is only required without MATNR (§3.2.1), but QUANTITY counts our unit, so it is always sent.
  put("UNIT", mapUnit(item.unit, settings.units));
  put("PRICE", price.price);
  // PRICE is per PRICEUNIT: a basis other than 1 must always be sent (pitfall #1).
  if (price.priceUnit !== 1 || optional.has("PRICEUNIT")) put("PRICEUNIT", String(price.priceUnit));
  put("CURRENCY", item.currency);
  if (optional.has("LEADTIME")) put("LEADTIME", String(Math.max(0, Math.round(item.leadTimeDays))));
  put("VENDOR", settings.vendorNumber);
  if (optional.has("VENDORMAT")) put("VENDORMAT", item.sku);
  const manufacturer = item.manufacturerName?.trim().toLowerCase();
  const manufacturerCode = Object.entries(settings.manufacturerCodes).find(([name]) => name.trim().toLowerCase() === manufacturer);
  put("MANUFACTCODE", manufacturerCode?.[1]);
  if (optional.has("MANUFACTMAT")) put("MANUFACTMAT", item.manufacturerPartNumber);
  put("MATGROUP", classify(item, settings.matGroup));
  if (optional.has("EXT_PRODUCT_ID")) put("EXT_PRODUCT_ID", item.productKey);
  // A line priced at our quote names it, so the buyer's purchase order can refer to it (OCI 5.0 §3.2.3);
  // EXT_QUOTE_ITEM only with EXT_QUOTE_ID (§3.2.1).
  if (item.quote && put("EXT_QUOTE_ID", item.quote.number)) put("EXT_QUOTE_ITEM", String(item.quote.item));
  // EXT_SCHEMA_TYPE is required with EXT_CATEGORY_ID, and meaningless without it (§3.2.1).
  if (put("EXT_CATEGORY_ID", classify(item, settings.extCategoryId))) put("EXT_SCHEMA_TYPE", settings.extSchemaType);
  if (settings.attachment === "primary") {
    // One document per line (OCI has one ATTACHMENT per item). The URL is a code: one longer than 255
    // is left out, never cut (a cut URL downloads nothing, or something else); the title only with it.
    // ATTACHMENT_PURPOSE stays empty: its one value, C, marks a configuration (OCI 5.0 §3.2.3).
    const document = primaryAttachment(item.documents, item.language);
    if (document && put("ATTACHMENT", document.url)) put("ATTACHMENT_TITLE", document.title);
  }
  for (const custom of settings.customFields) put(custom.name, customValue(item, custom.value), custom.maxLength);
  if (optional.has("LONGTEXT")) {
    // DESCRIPTION holds 40 characters; the full text goes to the long text (pitfall #8).
    const longText = clean(item.longText).trim();
    const fullDescription = description.length > OCI_ITEM_FIELDS.DESCRIPTION.maxLength && !longText.startsWith(description);
    put("LONGTEXT", [fullDescription ? description : "", longText].filter(Boolean).join("\n"));
  }
  return fields;
}

/** OCI number: `.` as decimal point, no thousands separators, ≤ 3 decimals, ≥ `minDecimals`. */
function ociDecimal(thousandths: number, minDecimals: number): string {
  if (!Number.isSafeInteger(thousandths)) throw new RangeError(`${thousandths / 1000} is not an OCI number`);
  const padded = Math.abs(thousandths).toString().padStart(4, "0");
  const whole = padded.slice(0, -3);
  if (whole.length > MAX_WHOLE_DIGITS) throw new RangeError(`${thousandths / 1000} has more than 11 digits`);
  const fraction = padded.slice(-3).replace(/0+$/, "").padEnd(minDecimals, "0");
  return `${thousandths < 0 ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

function ociPrice(item: PunchoutItem, settings: OciConnectionSettings): { price: string; priceUnit: number } {
  const basis = item.priceBasisQuantity;
  if (!Number.isSafeInteger(basis) || basis < 1) throw new RangeError(`price basis ${basis} is not a positive integer`);
  const amount =
    settings.priceType === "gross"
      ? item.unitPriceMinor + applyBasisPoints(item.unitPriceMinor, item.vatRateBasisPoints)
      : item.unitPriceMinor;
  const digits = Math.min(minorDigits(item.currency), 3);
  // Per unit, a pack price such as 12.34 per 100 becomes 0.123: OCI has only 3 decimals, hence PRICEUNIT.
  const divisor = settings.priceBasis === "unit" ? basis : 1;
  const thousandths = roundHalfAwayFromZero((amount * 10 ** (3 - digits)) / divisor);
  return { price: ociDecimal(thousandths, digits), priceUnit: basis / divisor };
}

function mapUnit(unit: string, units: OciConnectionSettings["units"]): string {
  const stored = unit.trim().toUpperCase();
  const base = units.base === "iso" ? (REC20_TO_ISO[stored] ?? stored) : stored;
  return units.map[base] ?? base;
}

function classify(item: PunchoutItem, source: OciConnectionSettings["matGroup"]): string | null {
  switch (source.source) {
    case "none":
      return null;
    case "unspsc":
      return item.unspsc;
    case "category":
      return item.categoryCode;
    case "map": {
      const key = source.key === "unspsc" ? item.unspsc : item.categoryCode;
      return (key === null ? undefined : source.map[key]) ?? source.fallback;
    }
  }
}

function customValue(item: PunchoutItem, source: OciConnectionSettings["customFields"][number]["value"]): string | null {
  switch (source.from) {
    case "attribute":
      return item.attributes[source.name] ?? null;
    case "item":
      return item[source.property];
    case "constant":
      return source.value;
  }
}
