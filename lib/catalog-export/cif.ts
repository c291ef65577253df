import { decimalAmount, itemImageUrls, priceAtMinimum, type CatalogExportHeader, type CatalogExportItem } from "./types";

/**
 * Ariba CIF 3.0 (Catalog Interchange Format, CATALOGS.md §1), as SAP Ariba and Basware load it: a
 * header of `KEY: value` lines, FIELDNAMES, then one CSV row per item between DATA and ENDOFDATA.
 * Always a full load (LOADMODE F: deterministic, and what every buyer accepts). Text fields are
 * quoted, a quote inside one is escaped with a backslash (Ariba KB0394251, not RFC 4180 doubling),
 * line breaks are removed (rows are lines). Written as head, rows and tail, so it streams.
 */

export const CIF_FIELDS = [
  "Supplier ID",
  "Supplier Part ID",
  "Manufacturer Part ID",
  "Item Description",
  "SPSC Code",
  "Unit Price",
  "Unit of Measure",
  "Lead Time",
  "Manufacturer Name",
  "Supplier URL",
  "Manufacturer URL",
  "Market Price",
  "Supplier Part Auxiliary ID",
  "Language",
  "Currency",
  "Short Name",
  // Extended CIF 3.0 columns (CATALOGS.md §1.2): URLs of the item's picture and its thumbnail.
  "Image",
  "Thumbnail",
  // Product documents have no column: CIF 3.0 has no attachment field (BMEcat links them in MIME_INFO).
] as const;

/** Ariba's locale codes for the item language. */
const CIF_LANGUAGE = { nl: "nl_NL", en: "en_GB" } as const;

/** A quoted text field: one line, backslash before a quote, within Ariba's length for the column. */
function text(value: string | null | undefined, max: number): string {
  const line = (value ?? "")
    .replace(/[\u0000-\u001F\u007F]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"');
  return `"${line}"`;
}

/** Keys are never cut or altered (a different key is a different item): characters Ariba warns about are refused. */
function key(value: string, column: string): string {
  if (/[",;}\\\r\n]/.test(value)) throw new Error(`CIF ${column} "${value}" contains a character CIF cannot carry`);
  return `"${value}"`;
}

/** "2026-11-29 10:15:00" in Europe/Amsterdam, the TIMESTAMP form seen in Ariba's own files. */
function timestamp(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(at);
}

export function cifHead(header: CatalogExportHeader, itemCount: number): string {
  return [
    "CIF_I_V3.0",
    "CHARSET: UTF-8",
    "LOADMODE: F",
    "CODEFORMAT: UNSPSC",
    `CURRENCY: ${header.currency}`,
    // CIF knows DUNS and NetworkID (an ANID) as supplier id domains; anything else is the buyer system's own id.
    `SUPPLIERID_DOMAIN: ${/^duns$/i.test(header.supplier.id.domain) ? "DUNS" : /^networkid$/i.test(header.supplier.id.domain) ? "NetworkID" : "buyersystemid"}`,
    `ITEMCOUNT: ${itemCount}`,
    `TIMESTAMP: ${timestamp(header.generatedAt)}`,
    "UNUOM: TRUE",
    `COMMENTS: ${header.catalogName.replace(/[\r\n]+/g, " ")}; prices of ${header.priceDate}`,
    `FIELDNAMES: ${CIF_FIELDS.join(",")}`,
    "DATA",
    "",
  ].join("\r\n");
}

export function cifRow(item: CatalogExportItem, header: CatalogExportHeader): string {
  const language = header.language;
  const images = itemImageUrls(item, header);
  const name = item.name[language];
  const description = [name, item.description[language]].filter(Boolean).join(" – ");
  const values: Record<(typeof CIF_FIELDS)[number], string> = {
    "Supplier ID": key(header.supplier.id.identity, "Supplier ID"),
    "Supplier Part ID": key(item.sku, "Supplier Part ID"),
    "Manufacturer Part ID": text(item.manufacturerPartNumber, 255),
    "Item Description": text(description, 2000),
    "SPSC Code": text(item.unspsc, 40),
    "Unit Price": decimalAmount(priceAtMinimum(item)),
    "Unit of Measure": text(item.unit, 32),
    "Lead Time": String(Math.max(0, item.leadTimeDays)),
    "Manufacturer Name": text(item.manufacturerName, 255),
    "Supplier URL": text(header.shopUrl ? `${header.shopUrl}/products/${encodeURIComponent(item.sku)}` : "", 255),
    "Manufacturer URL": text("", 255),
    "Market Price": decimalAmount(item.listPriceMinor),
    "Supplier Part Auxiliary ID": text("", 255),
    Language: CIF_LANGUAGE[language],
    Currency: header.currency,
    "Short Name": text(name, 50),
    Image: text(images?.large, 255),
    Thumbnail: text(images?.thumbnail, 255),
  };
  return `${CIF_FIELDS.map((field) => values[field]).join(",")}\r\n`;
}

export const CIF_TAIL = "ENDOFDATA\r\n";

export function buildCif(header: CatalogExportHeader, items: readonly CatalogExportItem[]): string {
  return cifHead(header, items.length) + items.map((item) => cifRow(item, header)).join("") + CIF_TAIL;
}
