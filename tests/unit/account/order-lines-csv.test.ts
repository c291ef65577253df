import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/admin/price-csv/parse-csv";
import { orderLinesCsv, type OrderLineCsvRow } from "@/lib/orders/order-lines-csv";

const row = (overrides: Partial<OrderLineCsvRow> = {}): OrderLineCsvRow => ({
  orderNumber: "K100123",
  // 23:30 UTC is already the next day in Amsterdam.
  placedAt: new Date("2026-11-29T23:30:00Z"),
  status: "placed",
  poNumber: "PO-1",
  costCenter: "FAC-01",
  placedBy: "Fatima El Amrani",
  currency: "EUR",
  lineNumber: 1,
  sku: "KP-000019",
  customerArticleNumber: "MAT-7",
  name: "Kopieerpapier A4, 80 g",
  quantity: 5,
  unit: "PK",
  unitPriceMinor: 425,
  lineTotalMinor: 2125,
  vatRateBasisPoints: 2100,
  ...overrides,
});
const labels = { placed: "Geplaatst", shipped: "Verzonden" } as Record<string, string>;
const statusLabel = (status: string) => labels[status] ?? status;

describe("order lines CSV", () => {
  it.each([
    ["nl", ["Order", "Datum", "Status", "Inkoopordernummer"], ["K100123", "2026-11-30", "Geplaatst", "PO-1", "FAC-01", "Fatima El Amrani", "1", "KP-000019", "MAT-7", "Kopieerpapier A4, 80 g", "5", "pak", "4,25", "21,25", "21,00", "EUR"]],
    ["en", ["Order", "Date", "Status", "PO number"], ["K100123", "2026-11-30", "Geplaatst", "PO-1", "FAC-01", "Fatima El Amrani", "1", "KP-000019", "MAT-7", "Kopieerpapier A4, 80 g", "5", "pack", "4.25", "21.25", "21.00", "EUR"]],
  ] as const)("%s: header, a row per line, the language's decimal mark and unit words, the day in the Netherlands", (locale, header, fields) => {
    const csv = orderLinesCsv([row()], { locale, statusLabel });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parseCsv(csv.slice(1), ";");
    expect(parsed.problems).toEqual([]);
    expect(parsed.header!.fields.slice(0, 4)).toEqual(header);
    expect(parsed.records.map((r) => r.fields)).toEqual([fields]);
  });

  it("quotes what needs quoting, neutralises formulas in free text, and leaves empty fields empty", () => {
    const csv = orderLinesCsv(
      [row({ name: 'Map "A4"; blauw', poNumber: "=HYPERLINK(\"http://x\")", costCenter: null, customerArticleNumber: null, placedBy: null, status: "shipped" })],
      { locale: "nl", statusLabel },
    );
    const [record] = parseCsv(csv.slice(1), ";").records;
    expect(record!.fields[3]).toBe("'=HYPERLINK(\"http://x\")");
    expect(record!.fields[9]).toBe('Map "A4"; blauw');
    expect([record!.fields[4], record!.fields[5], record!.fields[8]]).toEqual(["", "", ""]);
    expect(record!.fields[2]).toBe("Verzonden");
  });

  it("has only the header when nothing matches", () => {
    expect(orderLinesCsv([], { locale: "en", statusLabel }).split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});

describe("order lines CSV for the supplier's staff", () => {
  it("adds the customer and channel after the date and our ERP number at the end, and says whose article number", () => {
    const csv = orderLinesCsv([row({ customerName: "=Klant B.V.", source: "cxml", erpReference: "VO-1" })], {
      locale: "en",
      statusLabel,
      staff: { sourceLabel: (source) => source.toUpperCase() },
    });
    const parsed = parseCsv(csv.slice(1), ";");
    expect(parsed.header!.fields).toEqual([
      "Order", "Date", "Customer", "Channel", "Status", "PO number", "Cost center", "Ordered by", "Line", "SKU",
      "Customer's article number", "Description", "Quantity", "Unit", "Price excl. VAT", "Line total excl. VAT", "VAT %", "Currency", "ERP number",
    ]);
    const fields = parsed.records[0]!.fields;
    expect([fields[2], fields[3], fields[10], fields[18]]).toEqual(["'=Klant B.V.", "CXML", "MAT-7", "VO-1"]);
    expect(fields).toHaveLength(19);
  });
});
