import { describe, expect, it } from "vitest";
import { checkArticleNumber, parseArticleNumberLines, type ArticleNumberLine } from "@/lib/account/article-number-lines";

describe("parseArticleNumberLines", () => {
  it.each<[string, string, ArticleNumberLine[], boolean]>([
    ["semicolons", "KP-1;100-2045\nKP-2;100-2046", [
      { lineNumber: 1, kind: "set", sku: "KP-1", articleNumber: "100-2045" },
      { lineNumber: 2, kind: "set", sku: "KP-2", articleNumber: "100-2046" },
    ], false],
    ["tabs from Excel, with CRLF", "KP-1\t100 2045\r\nKP-2\tA;B", [
      { lineNumber: 1, kind: "set", sku: "KP-1", articleNumber: "100 2045" },
      { lineNumber: 2, kind: "invalid", sku: "KP-2", problem: "invalid_characters" },
    ], false],
    ["commas", "KP-1,X-1", [{ lineNumber: 1, kind: "set", sku: "KP-1", articleNumber: "X-1" }], false],
    ["the export's own header is skipped", "sku;article_number\nKP-1;X-1", [{ lineNumber: 2, kind: "set", sku: "KP-1", articleNumber: "X-1" }], true],
    ["a Dutch header is skipped", "Artikelnummer;Eigen nummer\nKP-1;X-1", [{ lineNumber: 2, kind: "set", sku: "KP-1", articleNumber: "X-1" }], true],
    ["an empty number removes", "KP-1;\nKP-2", [
      { lineNumber: 1, kind: "remove", sku: "KP-1" },
      { lineNumber: 2, kind: "remove", sku: "KP-2" },
    ], false],
    ["quotes, a byte-order mark and extra columns", '\uFEFF"KP-1";" X-1 ";Omschrijving', [{ lineNumber: 1, kind: "set", sku: "KP-1", articleNumber: "X-1" }], false],
    ["blank lines are ignored, numbering keeps the original lines", "KP-1;A\n\n;;\nKP-2;B", [
      { lineNumber: 1, kind: "set", sku: "KP-1", articleNumber: "A" },
      { lineNumber: 4, kind: "set", sku: "KP-2", articleNumber: "B" },
    ], false],
    ["a line without SKU", ";X-1", [{ lineNumber: 1, kind: "invalid", sku: "", problem: "missing_sku" }], false],
    ["a number over 40 characters", `KP-1;${"9".repeat(41)}`, [{ lineNumber: 1, kind: "invalid", sku: "KP-1", problem: "too_long" }], false],
  ])("%s", (_case, input, lines, headerSkipped) => {
    expect(parseArticleNumberLines(input)).toEqual({ ok: true, lines, headerSkipped });
  });

  it("refuses empty input and more than 5,000 lines", () => {
    expect(parseArticleNumberLines(" \n;;\n")).toEqual({ ok: false, error: "empty" });
    const many = Array.from({ length: 5001 }, (_, i) => `KP-${i};N-${i}`).join("\n");
    expect(parseArticleNumberLines(many)).toEqual({ ok: false, error: "too_many_lines", count: 5001 });
  });

  it.each([
    ["100-2045", { ok: true, value: "100-2045" }],
    ["  padded  ", { ok: true, value: "padded" }],
    ["é".repeat(40), { ok: true, value: "é".repeat(40) }],
    ["x".repeat(41), { ok: false, problem: "too_long" }],
    ["tab\there", { ok: false, problem: "invalid_characters" }],
    ["a;b", { ok: false, problem: "invalid_characters" }],
  ])("checkArticleNumber(%j)", (input, expected) => {
    expect(checkArticleNumber(input)).toEqual(expected);
  });
});
