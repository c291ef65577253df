import { csvField } from "@/lib/admin/price-csv/parse-csv";
import { calendarDate } from "@/lib/pricing/calendar-date";

/**
 * Order lines as CSV for a spreadsheet (My account → Orders → Download): one row per order line, the
 * order's facts repeated, so a pivot table sums by cost center, product or month. Separated by `;`
 * with the UI language's decimal mark (Dutch Excel reads `12,50`, English `12.50`), a UTF-8 BOM so
 * Excel reads the accents, dates as ISO days in the Netherlands, prices excl. VAT. Names and other
 * free text a spreadsheet would run as a formula are neutralised (csvField). Pure.
 */

export interface OrderLineCsvRow {
  orderNumber: string;
  placedAt: Date;
  status: string;
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

function decimal(minor: number, locale: "nl" | "en", places = 2): string {
  const text = (minor / 10 ** places).toFixed(places);
  return locale === "nl" ? text.replace(".", ",") : text;
}

export function orderLinesCsv(rows: readonly OrderLineCsvRow[], options: { locale: "nl" | "en"; statusLabel: (status: string) => string }): string {
  const { locale } = options;
  const line = (fields: string[], freeText: readonly number[]) => fields.map((field, index) => csvField(field, ";", freeText.includes(index))).join(";");
  // Free text (status label, PO number, cost center, who, own number, description) may start like a formula.
  const freeText = [2, 3, 4, 5, 8, 9] as const;
  const body = rows.map((row) =>
    line(
      [
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
        row.unit,
        decimal(row.unitPriceMinor, locale),
        decimal(row.lineTotalMinor, locale),
        decimal(row.vatRateBasisPoints, locale),
        row.currency,
      ],
      freeText,
    ),
  );
  return `\uFEFF${[line([...HEADERS[locale]], []), ...body].join("\r\n")}\r\n`;
}
