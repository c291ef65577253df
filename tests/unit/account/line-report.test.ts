import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineReport, toReportRows } from "@/components/account/line-report";
import en from "@/lib/i18n/messages/account.en.json";
import nl from "@/lib/i18n/messages/account.nl.json";
import { refusedLinesText, withoutLine } from "@/lib/quick-order/paste-box";

/** The per-line report as the browser first gets it (taking a fix is the e2e spec's). */
const base = { requested: null, quantityAssumed: false, unit: "EA", successor: null };
const lines = [
  { ...base, lineNumber: 1, input: "sku;quantity", raw: "sku;quantity", code: "sku;quantity", sku: null, name: null, outcome: { status: "header" as const } },
  {
    ...base,
    lineNumber: 2,
    input: "KP-000178;1",
    raw: "KP-000178;1",
    code: "KP-000178",
    requested: 1,
    quantityAssumed: false,
    sku: "KP-000178",
    name: "Nitrile gloves",
    outcome: { status: "added" as const, quantity: 1, lineQuantity: 2003, stockWarning: null, stock: 5000, leadTimeDays: 2 },
  },
  {
    ...base,
    lineNumber: 3,
    input: "KP-000303,2,5",
    raw: "KP-000303,2,5",
    code: "KP-000303",
    sku: "KP-000303",
    name: "Copy paper A4 white",
    outcome: { status: "invalid_quantity" as const, reason: "comma_separator" as const },
  },
  { ...base, lineNumber: 4, input: "kp000279 · 2,5", raw: "kp000279 · 2,5", code: "kp000279", sku: "KP-000279", name: "Cable tie black", outcome: { status: "invalid_quantity" as const, reason: "not_whole" as const } },
  { ...base, lineNumber: 5, input: "NOPE;2", raw: "  NOPE;2", code: "NOPE", sku: null, name: null, outcome: { status: "unknown_sku" as const } },
];
const render = (locale: "nl" | "en") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? nl : en,
      timeZone: "Europe/Amsterdam",
      children: createElement(LineReport, { rows: toReportRows(lines), locale, addToCartAction: null, summary: { added: 1, problems: 3, warnings: 0 } }),
    }),
  );
const rowsOf = (html: string) => [...html.matchAll(/<tr [^>]*data-testid="report-line"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
const text = (html: string) =>
  html
    .replace(/<\/?(td|div)\b[^>]*>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();

describe("LineReport", () => {
  it("names the product of a line refused for its quantity when its SKU was found", () => {
    const [, , comma, row, unknown] = rowsOf(render("en"));
    expect(text(comma!)).toContain("Copy paper A4 white KP-000303 Ambiguous quantity: use ; or a tab between SKU and quantity");
    expect(text(row!)).toContain("Cable tie black KP-000279 Quantity must be a whole number");
    expect(text(unknown!)).toContain("NOPE;2 – Unknown SKU");
  });

  it("keeps the SKU in the input column on one line and lets the rest wrap", () => {
    const rows = rowsOf(render("nl"));
    expect(rows[1]).toContain('<span class="whitespace-nowrap">KP-000178</span><span class="break-all">;1</span>');
    expect(rows[3]).toContain('<span class="whitespace-nowrap">kp000279</span><span class="break-all"> · 2,5</span>');
    // The product column's SKU too (its hyphen would otherwise be a place to break).
    expect(rows[1]).toContain('<div class="whitespace-nowrap text-xs text-slate-500">KP-000178</div>');
    expect(rows[0]).toContain('<span class="break-all">sku;quantity</span>');
    expect(rows.join("")).not.toMatch(/<td[^>]*break-all/);
  });

  it("says an added line in one sentence", () => {
    expect(text(rowsOf(render("nl"))[1]!)).toContain("Toegevoegd: 1 (nu 2.003 in uw winkelwagen)");
  });
});

describe("the paste box after a report", () => {
  it("holds the lines that were not added, exactly as typed; a header and the added lines are gone", () => {
    expect(refusedLinesText(lines)).toBe("KP-000303,2,5\nkp000279 · 2,5\n  NOPE;2");
    expect(refusedLinesText(lines.slice(0, 2))).toBe("");
  });

  it.each([
    ["a line added by its fix button leaves", "A;1\nB,2,5\nC;x", "B,2,5", "A;1\nC;x"],
    ["only its first copy", "A;x\nA;x", "A;x", "A;x"],
    ["a line the buyer edited since stays", "A;1\nB;2,5", "B,2,5", "A;1\nB;2,5"],
    ["the last line", "A;1", "A;1", ""],
  ])("%s", (_label, box, raw, expected) => {
    expect(withoutLine(box, raw)).toBe(expected);
  });
});
