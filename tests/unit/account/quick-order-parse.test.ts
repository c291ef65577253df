import { describe, expect, it } from "vitest";
import { decodeUpload } from "@/lib/delimited-lines";
import { parseQuantity, parseQuickOrderLine, parseQuickOrderText, readQuantity, rowInput } from "@/lib/quick-order/parse-lines";

describe("quick-order text", () => {
  it.each([
    ["semicolon", "KP-000001;5", { code: "KP-000001", quantity: 5 }],
    ["comma", "KP-000001,5", { code: "KP-000001", quantity: 5 }],
    ["tab (pasted from Excel)", "KP-000001\t5", { code: "KP-000001", quantity: 5 }],
    ["quoted fields", '"KP-000001";"5"', { code: "KP-000001", quantity: 5 }],
    ["extra columns", "KP-000001;5;Kopieerpapier;4,50", { code: "KP-000001", quantity: 5 }],
    ["leading zeros kept in the SKU", "000123;2", { code: "000123", quantity: 2 }],
    ["spaces around", "  KP-000001 ;  7 ", { code: "KP-000001", quantity: 7 }],
    ["missing quantity → 1, marked", "KP-000001", { code: "KP-000001", quantity: 1, quantityAssumed: true }],
  ])("reads %s", (_label, text, expected) => {
    const result = parseQuickOrderText(text);
    expect(result.ok && result.lines[0]).toMatchObject({ kind: "item", ...expected });
  });

  // "KP-000303,2,5" was added as 2: with commas between the fields a Dutch 2,5 (or an English 1,000)
  // is cut in two, and the extra column it seems to be was ignored without a word.
  it.each([
    ["a Dutch decimal quantity", "KP-000303,2,5", "comma_separator"],
    ["an English thousand", "KP-000303,1,000", "comma_separator"],
    ["a Dutch grouped decimal", "KP-000303,1.000,50", "comma_separator"],
    ["digits after it, then more columns", "KP-000303,2,5,Kopieerpapier", "comma_separator"],
    ["spaces around the fields", "KP-000303, 2 , 5", "comma_separator"],
    ["in English too", "KP-000303,2,5", "comma_separator", "en"],
    ["a description after the quantity", "KP-000303,2,Kopieerpapier A4", 2],
    ["a price with a point after the quantity", "KP-000303,2,4.50", 2],
    ["quoted fields say where each ends", '"KP-000303","2","5"', 2],
    ["a quoted quantity with its comma", '"KP-000303","2,5"', "not_whole"],
    ["a semicolon between the fields", "KP-000303;2,5", "not_whole"],
    ["a semicolon with more columns", "KP-000303;2;5", 2],
    ["a tab between the fields", "KP-000303\t2\t5", 2],
    ["two fields only", "KP-000303,2", 2],
    ["a quantity that is no number", "KP-000303,abc,5", "not_a_number"],
  ] as const)("comma as separator, %s: %j → %j", (_label, text, expected, locale: "nl" | "en" = "nl") => {
    const result = parseQuickOrderText(text, locale);
    const line = result.ok ? result.lines[0] : undefined;
    expect(line?.kind === "item" ? line.quantity : line?.kind === "invalid" && line.problem === "invalid_quantity" ? line.quantityProblem : line?.kind).toBe(expected);
    expect(line).toMatchObject({ raw: text, code: "KP-000303" });
  });

  it("skips a header line and reports it, keeps every other non-blank line in order", () => {
    const result = parseQuickOrderText("\uFEFFArtikelnummer;Aantal\r\nA-1;2\r\n\r\n;3\r\nB-2;x\r\n ; \r\n");
    expect(result.ok && result.lines.map((l) => [l.lineNumber, l.kind])).toEqual([
      [1, "header"],
      [2, "item"],
      [4, "invalid"],
      [5, "invalid"],
    ]);
    expect(result.ok && result.lines[2]).toMatchObject({ problem: "missing_sku" });
    expect(result.ok && result.lines[3]).toMatchObject({ problem: "invalid_quantity", quantityText: "x" });
  });

  it("does not take a data line with a SKU like 'code' as header", () => {
    const result = parseQuickOrderText("code;4");
    expect(result.ok && result.lines[0]).toMatchObject({ kind: "item", code: "code", quantity: 4 });
  });

  it.each([
    ["12", 12],
    ["12.0", 12],
    ["12,00", 12],
    ["1 000", 1000],
    ["1.000", null],
    ["1,5", null],
    ["-2", null],
    ["abc", null],
    ["", null],
  ])("without a language, quantity %j → %j (only what Dutch and English read alike)", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it.each([
    // Dutch: "." groups thousands, "," starts decimals.
    ["nl", "1.000", 1000],
    ["nl", "12.500", 12500],
    ["nl", "1.000,00", 1000],
    ["nl", "12,00", 12],
    ["nl", "1 000", 1000],
    ["nl", "1\u00a0000", 1000],
    ["nl", "12.0", 12],
    ["nl", "2,5", "not_whole"],
    ["nl", "2.5", "not_whole"],
    ["nl", "1.000,5", "not_whole"],
    ["nl", "1,000", "ambiguous"],
    ["nl", "1,500", "ambiguous"],
    // English: "," groups thousands, "." starts decimals.
    ["en", "1,000", 1000],
    ["en", "1,000.00", 1000],
    ["en", "12.0", 12],
    ["en", "12,00", 12],
    ["en", "2.5", "not_whole"],
    ["en", "2,5", "not_whole"],
    ["en", "1.000", "ambiguous"],
    ["en", "1.500", "ambiguous"],
    // Either language.
    ["nl", "0", "not_positive"],
    ["en", "-3", "not_positive"],
    ["nl", "abc", "not_a_number"],
    ["en", "1 5", "not_a_number"],
    ["nl", "1e3", "not_a_number"],
    ["en", "", "not_a_number"],
  ] as const)("%s: quantity %j → %j", (locale, text, expected) => {
    expect(readQuantity(text, locale)).toEqual(typeof expected === "number" ? { ok: true, quantity: expected } : { ok: false, problem: expected });
  });

  it("reads pasted quantities in the UI language and says why a line's quantity cannot be ordered", () => {
    const text = "KP-1;1.000\nKP-2;2,5\nKP-3;abc\nKP-4;1,000";
    const lines = (locale: "nl" | "en") => {
      const result = parseQuickOrderText(text, locale);
      return result.ok ? result.lines.map((l) => (l.kind === "item" ? l.quantity : l.kind === "invalid" && l.problem === "invalid_quantity" ? l.quantityProblem : l.kind)) : [];
    };
    expect(lines("nl")).toEqual([1000, "not_whole", "not_a_number", "ambiguous"]);
    expect(lines("en")).toEqual(["ambiguous", "not_whole", "not_a_number", 1000]);
    // The raw line comes back as typed, for the report's input column.
    expect(parseQuickOrderText("KP-000306;abc", "nl")).toMatchObject({ ok: true, lines: [{ raw: "KP-000306;abc", quantityText: "abc" }] });
  });

  it.each([
    ["a row without a quantity orders 1, assumed", "KP-1", "", { kind: "item", quantity: 1, quantityAssumed: true }],
    ["a row's quantity in Dutch", "KP-1", "1.000", { kind: "item", quantity: 1000, quantityAssumed: false }],
    ["a fraction", "KP-1", "0,5", { kind: "invalid", problem: "invalid_quantity", quantityProblem: "not_whole" }],
    ["no SKU", "", "3", { kind: "invalid", problem: "missing_sku" }],
  ])("one line: %s", (_label, code, quantity, expected) => {
    expect(parseQuickOrderLine(1, `${code};${quantity}`, code, quantity, "nl")).toMatchObject(expected);
  });

  it.each([
    ["both fields", "kp000279", "2,5", "kp000279 · 2,5"],
    ["no quantity", "KP-000279", "", "KP-000279"],
    ["a quantity with a semicolon in it stays as typed", "KP-1", "2;5", "KP-1 · 2;5"],
  ])("a form row in the report's input column, %s", (_label, code, quantity, expected) => {
    expect(rowInput(code, quantity)).toBe(expected);
  });

  it("allows 1,000 lines plus a header, and refuses 1,001", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `SKU-${i};1`);
    expect(parseQuickOrderText(["sku;quantity", ...lines].join("\n"))).toMatchObject({ ok: true });
    expect(parseQuickOrderText([...lines, "SKU-X;1"].join("\n"))).toEqual({ ok: false, error: "too_many_lines", count: 1001 });
    expect(parseQuickOrderText("\n \n")).toEqual({ ok: false, error: "empty" });
  });

  it("decodes UTF-8 uploads and falls back to Windows-1252 (Excel CSV)", () => {
    expect(decodeUpload(new TextEncoder().encode("Café;1"))).toBe("Café;1");
    expect(decodeUpload(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x31]))).toBe("Café;1");
  });

  it("decodes Excel's \"Unicode text\" (UTF-16 with a byte-order mark, tab-separated) into lines it reads", () => {
    const text = "artikel\taantal\r\nKP-000001\t5\r\nCafé-Ø\t2\r\n";
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
    for (const bytes of [le, be]) {
      expect(decodeUpload(bytes)).toBe(text);
      expect(parseQuickOrderText(decodeUpload(bytes))).toMatchObject({
        ok: true,
        lines: [{ kind: "header" }, { code: "KP-000001", quantity: 5 }, { code: "Café-Ø", quantity: 2 }],
      });
    }
  });
});
