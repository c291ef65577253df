import { describe, expect, it } from "vitest";
import { calculateInvoiceTotals, lineNetMinor, percentToString, quantityToString } from "@/lib/einvoice/calculate";
import type { AllowanceCharge, InvoiceLine, VatBreakdown, VatTreatment } from "@/lib/einvoice/types";
import { CUSTOMER_BE, CUSTOMER_CH, creditNote, invoice, line } from "./fixtures";

const S21: VatTreatment = { category: "S", rateBp: 2100 };
const S9: VatTreatment = { category: "S", rateBp: 900 };
const Z: VatTreatment = { category: "Z", rateBp: 0 };

interface Case {
  label: string;
  lines: InvoiceLine[];
  allowancesCharges?: AllowanceCharge[];
  expected: {
    lineNets?: number[];
    lineExtension: number;
    allowances?: number;
    charges?: number;
    taxExclusive: number;
    tax: number;
    payable: number;
    breakdown: Array<Pick<VatBreakdown, "category" | "rateBp" | "taxableMinor" | "taxMinor">>;
  };
}

const cases: Case[] = [
  {
    label: "EINVOICE.md minimal example: 2 × 50.00 at 21 % and 3 × 3.8833 at 9 % (price per 100)",
    lines: [
      line(1, { quantity: 2, unitPriceMinor: 5000 }),
      line(2, { quantity: 3, unitPriceMinor: 38833, priceBaseQuantity: 100, vat: S9 }),
    ],
    expected: {
      lineNets: [10000, 1165],
      lineExtension: 11165,
      taxExclusive: 11165,
      tax: 2205, // 21.00 + round(1.0485) = 1.05
      payable: 13370,
      breakdown: [
        { category: "S", rateBp: 2100, taxableMinor: 10000, taxMinor: 2100 },
        { category: "S", rateBp: 900, taxableMinor: 1165, taxMinor: 105 },
      ],
    },
  },
  {
    label: "VAT on the summed taxable amount: 3 × 38.83 at 21 % is 24.46, not 3 × 8.15",
    lines: [1, 2, 3].map((id) => line(id, { unitPriceMinor: 3883 })),
    expected: {
      lineExtension: 11649,
      taxExclusive: 11649,
      tax: 2446, // 116.49 × 0.21 = 24.4629
      payable: 14095,
      breakdown: [{ category: "S", rateBp: 2100, taxableMinor: 11649, taxMinor: 2446 }],
    },
  },
  {
    label: "tiny lines: 3 × 0.05 at 9 % gives 0.01 VAT (per line it would be 0)",
    lines: [1, 2, 3].map((id) => line(id, { unitPriceMinor: 5, vat: S9 })),
    expected: {
      lineExtension: 15,
      taxExclusive: 15,
      tax: 1,
      payable: 16,
      breakdown: [{ category: "S", rateBp: 900, taxableMinor: 15, taxMinor: 1 }],
    },
  },
  {
    label: "half a cent of VAT rounds away from zero: 2.50 × 21 % = 0.525 → 0.53",
    lines: [line(1, { unitPriceMinor: 250 })],
    expected: { lineExtension: 250, taxExclusive: 250, tax: 53, payable: 303, breakdown: [{ category: "S", rateBp: 2100, taxableMinor: 250, taxMinor: 53 }] },
  },
  {
    label: "negative correction: −2.50 × 21 % = −0.525 → −0.53",
    lines: [line(1, { unitPriceMinor: 1000 }), line(2, { quantity: -1, unitPriceMinor: 1250 })],
    expected: {
      lineNets: [1000, -1250],
      lineExtension: -250,
      taxExclusive: -250,
      tax: -53,
      payable: -303,
      breakdown: [{ category: "S", rateBp: 2100, taxableMinor: -250, taxMinor: -53 }],
    },
  },
  {
    label: "line rounding: 7 × 19.99 per 12 = 11.6608 → 11.66",
    lines: [line(1, { quantity: 7, unitPriceMinor: 1999, priceBaseQuantity: 12 })],
    expected: { lineNets: [1166], lineExtension: 1166, taxExclusive: 1166, tax: 245, payable: 1411, breakdown: [{ category: "S", rateBp: 2100, taxableMinor: 1166, taxMinor: 245 }] },
  },
  {
    label: "decimal quantities: 2.5 kg × 19.99 = 49.975 → 49.98; −2.5 → −49.98",
    lines: [line(1, { quantity: 2.5, unitCode: "KGM", unitPriceMinor: 1999 }), line(2, { quantity: -2.5, unitCode: "KGM", unitPriceMinor: 1999 }), line(3, { quantity: 0.125, unitPriceMinor: 8999 })],
    expected: {
      lineNets: [4998, -4998, 1125], // 0.125 × 89.99 = 11.24875 → 11.25
      lineExtension: 1125,
      taxExclusive: 1125,
      tax: 236, // 2.3625
      payable: 1361,
      breakdown: [{ category: "S", rateBp: 2100, taxableMinor: 1125, taxMinor: 236 }],
    },
  },
  {
    label: "rates 21 / 9 / 0 (Z): one breakdown per (category, rate), first-seen order",
    lines: [
      line(1, { vat: Z, unitPriceMinor: 5000 }),
      line(2, { unitPriceMinor: 10000 }),
      line(3, { vat: S9, quantity: 3, unitPriceMinor: 333 }),
      line(4, { unitPriceMinor: 1 }),
      line(5, { vat: Z, unitPriceMinor: 1 }),
    ],
    expected: {
      lineExtension: 16001,
      taxExclusive: 16001,
      tax: 2100 + 90, // 100.01 × 0.21 = 21.0021; 9.99 × 0.09 = 0.8991
      payable: 18191,
      breakdown: [
        { category: "Z", rateBp: 0, taxableMinor: 5001, taxMinor: 0 },
        { category: "S", rateBp: 2100, taxableMinor: 10001, taxMinor: 2100 },
        { category: "S", rateBp: 900, taxableMinor: 999, taxMinor: 90 },
      ],
    },
  },
  {
    label: "allowances and charges move the taxable amount of their own category and rate",
    lines: [line(1, { quantity: 10, unitPriceMinor: 1000 }), line(2, { quantity: 5, unitPriceMinor: 1000, vat: S9 })],
    allowancesCharges: [
      { isCharge: false, reason: "Korting 5 %", amountMinor: 500, percentage: { baseAmountMinor: 10000, percentBp: 500 }, vat: S21 },
      { isCharge: true, reason: "Vracht", amountMinor: 695, vat: S21 },
      { isCharge: false, reason: "Actie", amountMinor: 125, vat: S9 },
    ],
    expected: {
      lineExtension: 15000,
      allowances: 625,
      charges: 695,
      taxExclusive: 15070,
      tax: 2141 + 439, // 101.95 × 0.21 = 21.4095; 48.75 × 0.09 = 4.3875
      payable: 17650,
      breakdown: [
        { category: "S", rateBp: 2100, taxableMinor: 10195, taxMinor: 2141 },
        { category: "S", rateBp: 900, taxableMinor: 4875, taxMinor: 439 },
      ],
    },
  },
];

describe("calculateInvoiceTotals", () => {
  it.each(cases)("$label", ({ lines, allowancesCharges, expected }) => {
    const totals = calculateInvoiceTotals(invoice({ lines, allowancesCharges }));
    if (expected.lineNets) expect(totals.lines.map((l) => l.netMinor)).toEqual(expected.lineNets);
    expect(totals).toMatchObject({
      lineExtensionMinor: expected.lineExtension,
      allowanceTotalMinor: expected.allowances ?? 0,
      chargeTotalMinor: expected.charges ?? 0,
      taxExclusiveMinor: expected.taxExclusive,
      taxMinor: expected.tax,
      taxInclusiveMinor: expected.taxExclusive + expected.tax, // BR-CO-15
      payableMinor: expected.payable,
    });
    expect(totals.vatBreakdown.map(({ category, rateBp, taxableMinor, taxMinor }) => ({ category, rateBp, taxableMinor, taxMinor }))).toEqual(expected.breakdown);
    // BR-CO-10 / BR-CO-13 / BR-CO-14 hold exactly.
    expect(totals.lines.reduce((a, l) => a + l.netMinor, 0)).toBe(totals.lineExtensionMinor);
    expect(totals.vatBreakdown.reduce((a, b) => a + b.taxableMinor, 0)).toBe(totals.taxExclusiveMinor);
    expect(totals.vatBreakdown.reduce((a, b) => a + b.taxMinor, 0)).toBe(totals.taxMinor);
  });

  const exemptCases: Array<{ label: string; vat: VatTreatment; reason: string; code?: string; doc?: Parameters<typeof invoice>[0] }> = [
    { label: "reverse charge (AE) gets the standard text and VATEX-EU-AE", vat: { category: "AE", rateBp: 0 }, reason: "Reverse charge", code: "VATEX-EU-AE" },
    { label: "AE keeps a Dutch text but still carries VATEX-EU-AE", vat: { category: "AE", rateBp: 0, exemptionReason: "Btw verlegd" }, reason: "Btw verlegd", code: "VATEX-EU-AE" },
    {
      label: "intra-community supply (K) to BE",
      vat: { category: "K", rateBp: 0 },
      reason: "Intra-community supply",
      code: "VATEX-EU-IC",
      doc: { customer: CUSTOMER_BE, delivery: { date: "2025-11-27", address: { countryCode: "BE" } } },
    },
    { label: "export (G) to CH", vat: { category: "G", rateBp: 0 }, reason: "Export outside the EU", code: "VATEX-EU-G", doc: { customer: CUSTOMER_CH } },
    {
      label: "exempt (E) passes the caller's reason and code through",
      vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld (art. 11 Wet OB)", exemptionReasonCode: "VATEX-EU-132" },
      reason: "Vrijgesteld (art. 11 Wet OB)",
      code: "VATEX-EU-132",
    },
    { label: "exempt (E) with only a text", vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld" }, reason: "Vrijgesteld" },
  ];
  it.each(exemptCases)("$label: no VAT, exemption on the breakdown", ({ vat, reason, code, doc }) => {
    const totals = calculateInvoiceTotals(invoice({ ...doc, lines: [line(1, { vat, quantity: 4, unitPriceMinor: 12345 })] }));
    expect(totals.vatBreakdown).toEqual([
      { category: vat.category, rateBp: 0, taxableMinor: 49380, taxMinor: 0, exemptionReason: reason, ...(code ? { exemptionReasonCode: code } : {}) },
    ]);
    expect(totals.payableMinor).toBe(49380);
  });

  it("zero-rated (Z) and standard lines carry no exemption reason", () => {
    const { vatBreakdown } = calculateInvoiceTotals(invoice({ lines: [line(1, { vat: Z }), line(2)] }));
    for (const b of vatBreakdown) expect(b).not.toHaveProperty("exemptionReason");
  });

  it("a credit note uses the same arithmetic with positive amounts", () => {
    const lines = [line(1, { quantity: 3, unitPriceMinor: 3883 }), line(2, { quantity: 2, unitPriceMinor: 1999, vat: S9 })];
    const cn = calculateInvoiceTotals(creditNote({ lines }));
    expect(cn).toEqual(calculateInvoiceTotals(invoice({ lines })));
    expect(cn).toMatchObject({ lineExtensionMinor: 15647, taxMinor: 2446 + 360, payableMinor: 18453 });
  });

  it("stays exact for large amounts", () => {
    const totals = calculateInvoiceTotals(invoice({ lines: [line(1, { quantity: 9999.9999, unitPriceMinor: 99_999_999 })] }));
    expect(totals.lineExtensionMinor).toBe(999_999_980_000); // 9999.9999 × 999 999.99 = 9 999 999 800.000001
    expect(totals.taxMinor).toBe(209_999_995_800);
  });
});

describe("number formatting", () => {
  it.each([
    [3, "3"],
    [2.5, "2.5"],
    [0.125, "0.125"],
    [-1.5, "-1.5"],
    [0.0001, "0.0001"],
    [1e7, "10000000"],
  ])("quantity %s → %s", (quantity, text) => expect(quantityToString(quantity)).toBe(text));

  it.each([
    [2100, "21"],
    [900, "9"],
    [550, "5.5"],
    [0, "0"],
  ])("percent %s bp → %s", (bp, text) => expect(percentToString(bp)).toBe(text));

  it("rejects quantities with more than 4 decimals", () => {
    expect(() => quantityToString(1.23456)).toThrow(RangeError);
    expect(() => lineNetMinor({ quantity: 0.00001, unitPriceMinor: 1 })).toThrow(RangeError);
  });
});
