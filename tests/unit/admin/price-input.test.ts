import { describe, expect, it } from "vitest";
import { csvField, decodeUtf8, detectDelimiter, parseCsv } from "@/lib/admin/price-csv/parse-csv";
import { mapColumn, readHeader, readPriceRows } from "@/lib/admin/price-csv/read-price-rows";
import {
  formatEntryValue,
  formatPercentInput,
  formatTiersText,
  parseDateInput,
  parseEntryFields,
  parseMoneyInput,
  parsePercentInput,
  parseTiersText,
} from "@/lib/admin/price-input";

describe("money and percentage input", () => {
  it.each([
    ["4,50", 450],
    ["4.50", 450],
    ["4,5", 450],
    ["4", 400],
    [" € 12,30 ", 1230],
    ["1.234,56", 123456],
    ["1,234.56", 123456],
    ["1.234.567,8", 123456780],
    ["0", 0],
    ["0,00", 0],
    [",5", 50],
  ])("%s → %i cents", (input, expected) => {
    expect(parseMoneyInput(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "required"],
    ["4,555", "too_many_decimals"],
    ["1.234", "too_many_decimals"],
    ["-1", "negative"],
    ["abc", "not_a_number"],
    ["4,5,0", "not_a_number"],
    ["12.34.56", "not_a_number"],
    ["1,23.4", "not_a_number"],
    ["99999999", "too_large"],
  ])("rejects %j (%s)", (input, problem) => {
    expect(parseMoneyInput(input)).toMatchObject({ ok: false, problem });
  });

  it.each([
    ["12,5", 1250],
    ["12.5%", 1250],
    ["100", 10_000],
    ["0,01", 1],
  ])("percentage %s → %i basis points", (input, expected) => {
    expect(parsePercentInput(input)).toEqual({ ok: true, value: expected });
  });

  it("rejects percentages above 100 and with three decimals", () => {
    expect(parsePercentInput("100,01")).toMatchObject({ problem: "percent_out_of_range" });
    expect(parsePercentInput("12,125")).toMatchObject({ problem: "too_many_decimals" });
  });

  it("formats back the way it parses, per locale", () => {
    expect(formatEntryValue({ kind: "fixed", priceMinor: 123456, discountBasisPoints: null }, true)).toBe("1234,56");
    expect(formatEntryValue({ kind: "fixed", priceMinor: 5, discountBasisPoints: null }, false)).toBe("0.05");
    expect(formatPercentInput(1250, true)).toBe("12,5");
    expect(formatPercentInput(1000, false)).toBe("10");
    expect(formatPercentInput(1, false)).toBe("0.01");
  });
});

describe("dates", () => {
  it.each([
    ["2026-12-31", "2026-12-31"],
    ["31-12-2026", "2026-12-31"],
    ["1/2/2026", "2026-02-01"],
    ["29.02.2028", "2028-02-29"],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(parseDateInput(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["31-02-2026", "2026-13-01", "29-02-2027", "12/31/2026", "morgen"])("rejects %j", (input) => {
    expect(parseDateInput(input)).toMatchObject({ ok: false, problem: "not_a_date" });
  });
});

describe("tier notation in the grid", () => {
  it("reads quantity: value pairs in any order, for prices and percentages", () => {
    expect(parseTiersText("fixed", "50: 3,95; 10: 4,20")).toEqual({
      ok: true,
      value: [
        { minQuantity: 10, priceMinor: 420 },
        { minQuantity: 50, priceMinor: 395 },
      ],
    });
    expect(parseTiersText("discount", "24=15\n100 = 20%")).toEqual({
      ok: true,
      value: [
        { minQuantity: 24, discountBasisPoints: 1500 },
        { minQuantity: 100, discountBasisPoints: 2000 },
      ],
    });
    expect(parseTiersText("fixed", "  ")).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["10 4,20", "tier_syntax"],
    ["1: 4,20", "tier_quantity_too_small"],
    ["10: 4,20; 10: 4,10", "tier_quantity_duplicate"],
    ["2,5: 1", "not_a_quantity"],
    ["10: 4,205", "too_many_decimals"],
  ])("rejects %j (%s)", (input, problem) => {
    expect(parseTiersText("fixed", input)).toMatchObject({ ok: false, problem });
  });

  it("formats tiers so they read back identically", () => {
    const tiers = [
      { minQuantity: 10, priceMinor: 420 },
      { minQuantity: 50, priceMinor: 395 },
    ];
    const text = formatTiersText("fixed", tiers, true);
    expect(text).toBe("10: 4,20; 50: 3,95");
    expect(parseTiersText("fixed", text)).toEqual({ ok: true, value: tiers });
  });

  it("parses a whole editor row and reports every bad field", () => {
    expect(parseEntryFields({ kind: "discount", value: "7,5", tiers: "", validFrom: "01-01-2027", validTo: "" })).toEqual({
      ok: true,
      entry: { kind: "discount", priceMinor: null, discountBasisPoints: 750, tiers: [], validFrom: "2027-01-01", validTo: null },
    });
    const bad = parseEntryFields({ kind: "fixed", value: "x", tiers: "10 x", validFrom: "2027-02-01", validTo: "2027-01-01" });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok === false && bad.problems.map((p) => [p.field, p.problem])).toEqual([
      ["value", "not_a_number"],
      ["tiers", "tier_syntax"],
      ["validTo", "window_reversed"],
    ]);
  });
});

describe("CSV reading", () => {
  it("detects the delimiter from the header line, ignoring quoted ones", () => {
    expect(detectDelimiter("sku;value\n1,2;3")).toBe(";");
    expect(detectDelimiter("sku,value,name\nA,1,x")).toBe(",");
    expect(detectDelimiter('"a;b;c",value\n')).toBe(",");
    expect(detectDelimiter("sku\n")).toBe(";");
  });

  it("parses quotes, escaped quotes, embedded delimiters and line breaks, CRLF, BOM; keeps line numbers", () => {
    const result = parseCsv('\uFEFFsku;name;value\r\nA;"x; ""y""";1,5\r\n\r\nB;"two\nlines";2\nC;plain;3');
    expect(result.delimiter).toBe(";");
    expect(result.header).toEqual({ line: 1, fields: ["sku", "name", "value"] });
    expect(result.records).toEqual([
      { line: 2, fields: ["A", 'x; "y"', "1,5"] },
      { line: 4, fields: ["B", "two\nlines", "2"] },
      { line: 6, fields: ["C", "plain", "3"] },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reports a quote that never closes", () => {
    expect(parseCsv('sku;value\n"A;1\nB;2').problems).toEqual([{ line: 2, problem: "unterminated_quote" }]);
  });

  it("only accepts valid UTF-8", () => {
    expect(decodeUtf8(new TextEncoder().encode("\uFEFFprijs € 4,50"))).toBe("prijs € 4,50");
    expect(decodeUtf8(Uint8Array.from([0x70, 0xe9, 0x0a]))).toBeNull();
  });

  it("quotes fields that need it and defuses spreadsheet formulas in free text", () => {
    expect(csvField("a;b", ";")).toBe('"a;b"');
    expect(csvField('say "hi"', ",")).toBe('"say ""hi"""');
    expect(csvField("=HYPERLINK(1)", ";", true)).toBe("'=HYPERLINK(1)");
    expect(csvField("-12", ";")).toBe("-12");
  });

  it("maps English and Dutch column names", () => {
    expect(["SKU", "Artikelnummer", "soort", "Geldig t/m", "Staffel 2 aantal", "tier10_value", "naam"].map(mapColumn)).toEqual([
      "sku",
      "sku",
      "type",
      "valid_to",
      { tier: 2, part: "qty" },
      { tier: 10, part: "value" },
      "ignored",
    ]);
    expect(readHeader({ line: 1, fields: ["sku", "value", "tier1_qty"] }).problems).toEqual([{ problem: "missing_column", detail: "tier1_value" }]);
  });

  it("warns (without rejecting) about prices above list price, below cost, or zero", () => {
    const { columns } = readHeader({ line: 1, fields: ["sku", "type", "value"] });
    const products = new Map([
      ["A", { id: 1, listPriceMinor: 1000, currency: "EUR", costMinor: 600 }],
      ["B", { id: 2, listPriceMinor: 1000, currency: "EUR", costMinor: 600 }],
      ["C", { id: 3, listPriceMinor: 1000, currency: "EUR", costMinor: null }],
      ["D", { id: 4, listPriceMinor: 1000, currency: "USD", costMinor: null }],
    ]);
    const result = readPriceRows(
      columns,
      [
        { line: 2, fields: ["A", "fixed", "11"] },
        { line: 3, fields: ["B", "discount", "50"] },
        { line: 4, fields: ["C", "discount", "100"] },
        { line: 5, fields: ["D", "fixed", "1"] },
      ],
      products,
      { currency: "EUR" },
    );
    expect(result.valid.map((r) => r.sku)).toEqual(["A", "B", "C"]);
    expect(result.warnings.map((w) => [w.sku, w.code])).toEqual([
      ["A", "above_list_price"],
      ["B", "below_cost"],
      ["C", "free"],
    ]);
    expect(result.errors).toEqual([{ line: 5, sku: "D", column: "sku", problem: "currency_mismatch", detail: "USD" }]);
  });
});
