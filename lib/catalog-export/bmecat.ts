import { leaf, node, serializeElement, type XmlChild } from "@/lib/einvoice/xml";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import type { ProductDocumentKind } from "@/lib/catalog/product-document";
import { isNamedUnit } from "@/lib/catalog/unit-names";
import { decimalAmount, itemDocumentUrl, itemImageUrls, type CatalogExportHeader, type CatalogExportItem, type CatalogLanguage } from "./types";

/**
 * BMEcat 2005 T_NEW_CATALOG (CATALOGS.md §3): the namespace real importers use
 * (`http://www.bmecat.org/bmecat/2005`; the official XSD's `…/2005fd` is used by none), element
 * order and lengths of the official XSD, prices as `net_customer` per quantity step (LOWER_BOUND)
 * plus the `net_list` price. Written as head, one PRODUCT at a time and tail, so a catalogue of
 * 100,000 products streams; `buildBmecat` joins them for small ones and tests.
 */

export const BMECAT_NAMESPACE = "http://www.bmecat.org/bmecat/2005";

/** ISO 639-2 codes BMEcat names languages with. */
const LANGUAGE_CODE: Record<CatalogLanguage, string> = { nl: "nld", en: "eng" };
const LANGUAGES: readonly CatalogLanguage[] = ["nl", "en"];

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/CR/LF); never in our data, never emitted. */
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
/** Cuts to `max` characters (XSD maxLength counts characters), on a word boundary when one is near. */
function fit(text: string | null | undefined, max: number): string | undefined {
  const value = clean(text ?? "").replace(/\s+/g, " ").trim();
  if (!value) return undefined;
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trim();
}
/** Codes are never cut (a cut code names another thing): too long means left out. */
const code = (text: string | null | undefined, max: number) => {
  const value = clean(text ?? "").trim();
  return value && value.length <= max ? value : undefined;
};

// One formatter each: creating an Intl.DateTimeFormat costs far more than formatting with it, and a
// catalogue formats a date per product.
const AMSTERDAM_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", hourCycle: "h23" });
const AMSTERDAM_PARTS = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const offsets = new Map<string, string>();

/** ISO 8601 with the offset of Europe/Amsterdam on that day (dtDATETIME wants a time zone). */
function amsterdamDateTime(day: string, time: "00:00:00" | "23:59:59"): string {
  let offset = offsets.get(day);
  if (offset === undefined) {
    const offsetHours = Number(AMSTERDAM_HOUR.format(new Date(`${day}T12:00:00Z`))) - 12;
    offset = `${offsetHours >= 0 ? "+" : "-"}${String(Math.abs(offsetHours)).padStart(2, "0")}:00`;
    if (offsets.size < 1000) offsets.set(day, offset);
  }
  return `${day}T${time}${offset}`;
}

function amsterdamTimestamp(at: Date): string {
  const parts = Object.fromEntries(AMSTERDAM_PARTS.formatToParts(at).map((part) => [part.type, part.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return amsterdamDateTime(day, "00:00:00").replace("00:00:00", `${parts.hour}:${parts.minute}:${parts.second}`);
}

export function bmecatHead(header: CatalogExportHeader): string {
  const other = LANGUAGES.filter((language) => language !== header.language);
  const head = node("HEADER", [
    leaf("GENERATOR_INFO", "Koppel catalogue export"),
    node("CATALOG", [
      leaf("LANGUAGE", LANGUAGE_CODE[header.language], { default: "true" }),
      ...other.map((language) => leaf("LANGUAGE", LANGUAGE_CODE[language])),
      leaf("CATALOG_ID", code(header.catalogId, 20)),
      leaf("CATALOG_VERSION", "1.0"),
      leaf("CATALOG_NAME", fit(header.catalogName, 100), { lang: LANGUAGE_CODE[header.language] }),
      leaf("GENERATION_DATE", amsterdamTimestamp(header.generatedAt)),
      leaf("CURRENCY", header.currency),
    ]),
    node("BUYER", [leaf("BUYER_NAME", fit(header.buyer.name, 50))]),
    node("SUPPLIER", [
      leaf("SUPPLIER_ID", code(header.supplier.id.identity, 250), { type: partyIdType(header.supplier.id.domain) }),
      leaf("SUPPLIER_NAME", fit(header.supplier.name, 50)),
    ]),
  ])!;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<BMECAT version="2005" xmlns="${BMECAT_NAMESPACE}">\n${serializeElement(head, 1)}\n  <T_NEW_CATALOG>\n`;
}

/** BMEcat's party id types (XSD pattern: predefined values or \w, which has no underscore or hyphen). */
function partyIdType(domain: string): string {
  const lower = domain.toLowerCase();
  if (lower === "duns" || lower === "gln" || lower === "iln") return lower;
  return "supplier_specific";
}

/**
 * BMEcat 2005 MIME_PURPOSE for a document kind. The XSD's values are data_sheet, detail, icon, logo,
 * normal, safety_data_sheet, thumbnail and others: manuals and certificates have none of their own.
 */
const MIME_PURPOSE: Record<ProductDocumentKind, string> = {
  datasheet: "data_sheet",
  safety_data_sheet: "safety_data_sheet",
  manual: "others",
  certificate: "others",
  other: "others",
};

/** MIME_SOURCE holds at most 255 characters (XSD): a longer URL is no link at all, so it is left out. */
const MIME_SOURCE_MAX = 255;

/** One MIME per document (all PDFs), in the item's order: type, source, description (the title), purpose. */
function documentMimes(item: CatalogExportItem, header: CatalogExportHeader): XmlChild[] {
  return item.documents.map((document) => {
    const url = itemDocumentUrl(item, document, header);
    if (!url || url.length > MIME_SOURCE_MAX) return undefined;
    // XSD order: MIME_TYPE, MIME_SOURCE, MIME_DESCR, MIME_ALT, MIME_PURPOSE, MIME_ORDER.
    return node("MIME", [leaf("MIME_TYPE", "application/pdf"), leaf("MIME_SOURCE", url), leaf("MIME_DESCR", fit(document.title, 250)), leaf("MIME_PURPOSE", MIME_PURPOSE[document.kind])]);
  });
}

/** FNAME and FVALUE are dtMLSTRING of 1 to 60 characters (XSD): longer text is cut, never left empty. */
const FEATURE_TEXT_MAX = 60;

/**
 * One FEATURE per attribute, in the item's order: FNAME per language and FVALUE per language (both take
 * @lang), the catalogue's language first as in DESCRIPTION_SHORT, then FORDER (1, 2, … over the
 * features written). XSD order: FNAME+, FVALUE+, FUNIT, FORDER. A feature whose value is empty after
 * cleaning in every language is skipped; a name empty after cleaning falls back to the key.
 */
function featureElements(item: CatalogExportItem, languages: readonly CatalogLanguage[]): XmlChild[] {
  const features: XmlChild[] = [];
  for (const feature of item.features ?? []) {
    const values = languages.map((language) => leaf("FVALUE", fit(feature.value[language], FEATURE_TEXT_MAX), { lang: LANGUAGE_CODE[language] })).filter(Boolean);
    const names = languages.map((language) => leaf("FNAME", fit(feature.name[language], FEATURE_TEXT_MAX) ?? fit(feature.key, FEATURE_TEXT_MAX), { lang: LANGUAGE_CODE[language] })).filter(Boolean);
    if (values.length === 0 || names.length === 0) continue;
    features.push(node("FEATURE", [...names, ...values, leaf("FORDER", String(features.length + 1))]));
  }
  return features;
}

/**
 * Our units where BMEcat 2005 spells them otherwise: its dtPUNIT list is the old Rec 20, package codes
 * without Rec 21's X. Every spelling of a piece the shop reads (lib/catalog/unit-names.ts) that the list
 * lacks, and ST (a piece in German catalogs, a sheet in that list), is C62; our sheet (Rec 21 XST) is
 * the list's ST; a pallet (PX) its PF. EA, C62, PK, BX, KGM… are in the list as they are.
 */
const BMECAT_UNITS: Readonly<Record<string, string>> = { H87: "C62", PCE: "C62", PCS: "C62", PC: "C62", ST: "C62", STK: "C62", XST: "ST", PX: "PF" };

/** A unit code as BMEcat 2005 writes it (see BMECAT_UNITS); a Rec 21 X code we name without the X (XBX) as the bare code. */
export function bmecatUnit(code: string): string {
  const key = code.trim().toUpperCase();
  if (BMECAT_UNITS[key]) return BMECAT_UNITS[key];
  const bare = key.length === 3 && key.startsWith("X") && isNamedUnit(key) ? key.slice(1) : key;
  return BMECAT_UNITS[bare] ?? bare;
}

/**
 * CONTENT_UNIT and NO_CU_PER_OU: what one order unit holds, as the product says (500 sheets in a box);
 * without a content unit, a pack of more than one is read as pieces (C62) and a unit of one holds itself.
 */
export function orderUnitContent(item: Pick<CatalogExportItem, "unit" | "packSize" | "contentUnit">): { unit: string; count: number } {
  if (item.contentUnit) return { unit: bmecatUnit(item.contentUnit), count: item.packSize };
  return item.packSize > 1 ? { unit: "C62", count: item.packSize } : { unit: bmecatUnit(item.unit), count: 1 };
}

export function bmecatProduct(item: CatalogExportItem, header: CatalogExportHeader): string {
  const languages = [header.language, ...LANGUAGES.filter((language) => language !== header.language)];
  const tax = decimalFraction(item.vatRateBasisPoints);
  const price = (type: "net_customer" | "net_list", amountMinor: number, lowerBound: number) =>
    node("PRODUCT_PRICE", [leaf("PRICE_AMOUNT", decimalAmount(amountMinor)), leaf("PRICE_CURRENCY", header.currency), leaf("TAX", tax), leaf("LOWER_BOUND", String(lowerBound))], {
      price_type: type,
    });
  const unspsc = code(item.unspsc, 60);
  const content = orderUnitContent(item);
  const urls = itemImageUrls(item, header);
  const images = urls && urls.large.length <= MIME_SOURCE_MAX ? urls : null;
  const product = node(
    "PRODUCT",
    [
      leaf("SUPPLIER_PID", item.sku),
      node("PRODUCT_DETAILS", [
        ...languages.map((language) => leaf("DESCRIPTION_SHORT", fit(item.name[language], 150), { lang: LANGUAGE_CODE[language] })),
        ...languages.map((language) => leaf("DESCRIPTION_LONG", fit(item.description[language], 64_000), { lang: LANGUAGE_CODE[language] })),
        leaf("INTERNATIONAL_PID", code(item.gtin, 50), { type: "gtin" }),
        leaf("BUYER_PID", code(item.buyerPartNumber, 50), { type: "buyer_specific" }),
        leaf("MANUFACTURER_PID", code(item.manufacturerPartNumber, 50)),
        leaf("MANUFACTURER_NAME", fit(item.manufacturerName, 50)),
        leaf("DELIVERY_TIME", String(Math.max(0, item.leadTimeDays))),
      ]),
      // The classification, then the attributes (XSD order); no block when there is neither. The system
      // name only with a group id: alone it would name a classification without a class.
      node("PRODUCT_FEATURES", [
        ...(unspsc ? [leaf("REFERENCE_FEATURE_SYSTEM_NAME", "UNSPSC"), leaf("REFERENCE_FEATURE_GROUP_ID", unspsc)] : []),
        ...featureElements(item, languages),
      ]),
      node("PRODUCT_ORDER_DETAILS", [
        leaf("ORDER_UNIT", bmecatUnit(item.unit)),
        leaf("CONTENT_UNIT", content.unit),
        leaf("NO_CU_PER_OU", String(content.count)),
        leaf("PRICE_QUANTITY", "1"),
        leaf("QUANTITY_MIN", String(smallestValidQuantity(item))),
        // Counted from the minimum (CATALOGS.md §3.3): the steps of our order multiple.
        leaf("QUANTITY_INTERVAL", String(Math.max(1, item.orderMultiple))),
      ]),
      node("PRODUCT_PRICE_DETAILS", [
        leaf("VALID_START_DATE", amsterdamDateTime(header.priceDate, "00:00:00")),
        item.priceValidTo ? leaf("VALID_END_DATE", amsterdamDateTime(item.priceValidTo, "23:59:59")) : undefined,
        ...item.ladder.map((step) => price("net_customer", step.unitPriceMinor, step.minQuantity)),
        price("net_list", item.listPriceMinor, 1),
      ] satisfies XmlChild[]),
      // The photo first, then the documents. The JPEG only: the XSD's MIME_TYPE knows no image/webp (the thumbnail's type).
      node("MIME_INFO", [
        images ? node("MIME", [leaf("MIME_TYPE", "image/jpeg"), leaf("MIME_SOURCE", images.large), leaf("MIME_PURPOSE", "normal")]) : undefined,
        ...documentMimes(item, header),
      ]),
      // BMEcat 2005 PRODUCT_REFERENCE types: accessories, and "similar" for an alternative.
      ...item.related.map((relation) => node("PRODUCT_REFERENCE", [leaf("PROD_ID_TO", relation.sku)], { type: relation.kind === "accessory" ? "accessories" : "similar" })),
    ],
    { mode: "new" },
  )!;
  return `${serializeElement(product, 2)}\n`;
}

export const BMECAT_TAIL = "  </T_NEW_CATALOG>\n</BMECAT>\n";

/** 2100 basis points → "0.21" (BMEcat TAX is a fraction). */
function decimalFraction(basisPoints: number): string {
  const text = (basisPoints / 10_000).toFixed(4).replace(/0+$/, "");
  return text.endsWith(".") ? `${text}0` : text;
}

export function buildBmecat(header: CatalogExportHeader, items: Iterable<CatalogExportItem>): string {
  let out = bmecatHead(header);
  for (const item of items) out += bmecatProduct(item, header);
  return out + BMECAT_TAIL;
}
