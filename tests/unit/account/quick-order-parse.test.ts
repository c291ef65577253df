import { describe, expect, it } from "vitest";
import { decodeUpload } from "@/lib/delimited-lines";
import { parseQuantity, parseQuickOrderText } from "@/lib/quick-order/parse-lines";

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
  ])("quantity %j → %j", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
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
