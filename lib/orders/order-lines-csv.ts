import { csvField } from "@/lib/admin/price-csv/parse-csv";
import { unitName } from "@/lib/catalog/unit-names";
import { calendarDate } from "@/lib/pricing/calendar-date";

/**
 * Order lines as CSV for a spreadsheet (My account → Orders → Download): one row per order line, the
 * order's facts repeated, so a pivot table sums by cost center, product or month. Separated by `;`
 * with the UI language's decimal mark (Dutch Excel reads `12,50`, English `12.50`), a UTF-8 BOM so
 * Excel reads the accents, dates as ISO days in the Netherlands, prices excl. VAT, units in words ("pak",
 * "pack": the codes belong to the protocols, as everywhere a person reads). Names and other
 * free text a spreadsheet would run as a formula are neutralised (csvField). Pure.
 */

/** More lines than a spreadsheet user wants in one file: the download asks for a narrower search instead. */
export const MAX_EXPORT_LINES = 100_000;

export interface OrderLineCsvRow {
  orderNumber: string;
  placedAt: Date;
  status: string;
  /** Staff files only: the customer, the channel (web, oci, cxml) and our ERP's number for the order. */
  customerName?: string;
  source?: string;
  erpReference?: string | null;
  poNumber: string | null;
  costCenter: string | null;
  placedBy: string | null;
  currency: string;
  lineNumber: number;
  sku: string;
  customerArticleNumber: string | null;
  name: string;
  quantity: number;
  unit: string;
  unitPriceMinor: number;
  lineTotalMinor: number;
  vatRateBasisPoints: number;
}

const HEADERS = {
  nl: ["Order", "Datum", "Status", "Inkoopordernummer", "Kostenplaats", "Besteld door", "Regel", "Artikelnummer", "Uw artikelnummer", "Omschrijving", "Aantal", "Eenheid", "Prijs excl. btw", "Regeltotaal excl. btw", "Btw %", "Valuta"],
  en: ["Order", "Date", "Status", "PO number", "Cost center", "Ordered by", "Line", "SKU", "Your article number", "Description", "Quantity", "Unit", "Price excl. VAT", "Line total excl. VAT", "VAT %", "Currency"],
} as const;

// The supplier's staff read the same file with the customer, the channel and our ERP number added, and
// "the customer's article number" where the buyer reads "yours".
const STAFF_HEADERS = {
  nl: { customer: "Klant", source: "Kanaal", ownNumber: "Artikelnummer klant", erp: "Nummer in ERP" },
  en: { customer: "Customer", source: "Channel", ownNumber: "Customer's article number", erp: "ERP number" },
} as const;

function decimal(minor: number, locale: "nl" | "en", places = 2): string {
  const text = (minor / 10 ** places).toFixed(places);
  return locale === "nl" ? text.replace(".", ",") : text;
}

export function orderLinesCsv(
  rows: readonly OrderLineCsvRow[],
  options: { locale: "nl" | "en"; statusLabel: (status: string) => string; staff?: { sourceLabel: (source: string) => string } },
): string {
  const { locale, staff } = options;
  const line = (fields: string[], freeText: readonly number[]) => fields.map((field, index) => csvField(field, ";", freeText.includes(index))).join(";");
  // Free text (status label, PO number, cost center, who, own number, description; staff: customer, ERP number) may start like a formula.
  const freeText = staff ? [2, 4, 5, 6, 7, 10, 11, 18] : [2, 3, 4, 5, 8, 9];
  const header: string[] = [...HEADERS[locale]];
  if (staff) {
    header[8] = STAFF_HEADERS[locale].ownNumber;
    header.splice(2, 0, STAFF_HEADERS[locale].customer, STAFF_HEADERS[locale].source);
    header.push(STAFF_HEADERS[locale].erp);
  }
  const body = rows.map((row) => {
    const fields = [
      row.orderNumber,
      calendarDate(row.placedAt),
      options.statusLabel(row.status),
      row.poNumber ?? "",
      row.costCenter ?? "",
      row.placedBy ?? "",
      String(row.lineNumber),
      row.sku,
      row.customerArticleNumber ?? "",
      row.name,
      String(row.quantity),
      unitName(row.unit, locale),
      decimal(row.unitPriceMinor, locale),
      decimal(row.lineTotalMinor, locale),
      decimal(row.vatRateBasisPoints, locale),
      row.currency,
    ];
    if (staff) {
      fields.splice(2, 0, row.customerName ?? "", staff.sourceLabel(row.source ?? ""));
      fields.push(row.erpReference ?? "");
    }
    return line(fields, freeText);
  });
  return `\uFEFF${[line(header, []), ...body].join("\r\n")}\r\n`;
}
