import { describe, expect, it } from "vitest";
import { applyBasisPoints, formatMoney, parseDecimalToMinor, toDecimalString } from "@/lib/pricing/money";
import { summarizeVat } from "@/lib/pricing/vat";

describe("money", () => {
  it.each([
    { label: "whole euros", minor: 1200, text: "12.00" },
    { label: "cents", minor: 5, text: "0.05" },
    { label: "zero", minor: 0, text: "0.00" },
    { label: "negative (credit)", minor: -1999, text: "-19.99" },
    { label: "large", minor: 123456789, text: "1234567.89" },
  ])("toDecimalString $label", ({ minor, text }) => expect(toDecimalString(minor)).toBe(text));

  it.each([
    { label: "dot decimal", input: "12.5", expected: 1250 },
    { label: "comma decimal (Dutch)", input: "1.234,56", comma: true, expected: 123456 },
    { label: "trailing zeros beyond cents are fine", input: "3.100", expected: 310 },
    { label: "three real decimals refused", input: "3.885", expected: null },
    { label: "letters refused", input: "12a", expected: null },
    { label: "empty refused", input: " ", expected: null },
  ])("parseDecimalToMinor $label", ({ input, comma, expected }) =>
    expect(parseDecimalToMinor(input, "EUR", { decimalComma: comma })).toBe(expected),
  );

  it.each([
    { label: "21 % of 10.00", amount: 1000, bp: 2100, expected: 210 },
    { label: "21 % of 0.05 = 0.0105 → 0.01", amount: 5, bp: 2100, expected: 1 },
    { label: "9 % of 0.50 = 0.045 → 0.05 (half away from zero)", amount: 50, bp: 900, expected: 5 },
    { label: "21 % of -0.50 = -0.105 → -0.11", amount: -50, bp: 2100, expected: -11 },
    { label: "float noise: 21 % of 14.50 = 3.045 → 3.05", amount: 1450, bp: 2100, expected: 305 },
  ])("applyBasisPoints $label", ({ amount, bp, expected }) => expect(applyBasisPoints(amount, bp)).toBe(expected));

  it("formats per locale", () => {
    expect(formatMoney(123456, "EUR", "nl-NL").replace(/\u00a0/g, " ")).toBe("€ 1.234,56");
    expect(formatMoney(123456, "EUR", "en-GB")).toBe("€1,234.56");
  });
});

describe("summarizeVat", () => {
  it.each([
    {
      label: "VAT on the summed base per rate, not per line (3 × 0.05 at 21 %: per line 3 × 0.01 = 0.03, summed 0.15 → 0.03)",
      lines: [5, 5, 5].map((netMinor) => ({ netMinor, vatRateBasisPoints: 2100 })),
      breakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 15, vatMinor: 3 }],
    },
    {
      label: "per-line rounding would differ: 3 × 0.07 at 21 % (per line 3 × 0.01, summed 0.21 × 21 % = 0.0441 → 0.04)",
      lines: [7, 7, 7].map((netMinor) => ({ netMinor, vatRateBasisPoints: 2100 })),
      breakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 21, vatMinor: 4 }],
    },
    {
      label: "mixed rates sorted ascending",
      lines: [
        { netMinor: 1000, vatRateBasisPoints: 2100 },
        { netMinor: 1000, vatRateBasisPoints: 900 },
        { netMinor: 1000, vatRateBasisPoints: 0 },
      ],
      breakdown: [
        { vatRateBasisPoints: 0, taxableMinor: 1000, vatMinor: 0 },
        { vatRateBasisPoints: 900, taxableMinor: 1000, vatMinor: 90 },
        { vatRateBasisPoints: 2100, taxableMinor: 1000, vatMinor: 210 },
      ],
    },
    { label: "empty", lines: [], breakdown: [] },
  ])("$label", ({ lines, breakdown }) => {
    const summary = summarizeVat(lines);
    expect(summary.breakdown).toEqual(breakdown);
    expect(summary.totalMinor).toBe(summary.subtotalMinor + summary.vatMinor);
  });
});
