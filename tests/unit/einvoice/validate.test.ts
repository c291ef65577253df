import { describe, expect, it } from "vitest";
import { buildPeppolInvoiceXml } from "@/lib/einvoice/build-ubl";
import { InvoiceValidationError, validateInvoiceInput } from "@/lib/einvoice/calculate";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { CUSTOMER_BE, CUSTOMER_CH, CUSTOMER_DE, CUSTOMER_NL, CUSTOMER_NL_GOV, SUPPLIER, creditNote, invoice, line } from "./fixtures";

const K_DELIVERY = { date: "2025-11-27", address: { countryCode: "BE" } };

const cases: Array<{ label: string; doc: InvoiceDocument; expected: string }> = [
  { label: "no lines", doc: invoice({ lines: [] }), expected: "BR-16" },
  { label: "neither buyer reference nor PO number", doc: invoice({ buyerReference: undefined, orderReference: undefined }), expected: "PEPPOL-EN16931-R003" },
  { label: "order line reference without PO number", doc: invoice({ orderReference: undefined, lines: [line(1, { orderLineReference: "10" })] }), expected: "NL-R-009" },
  { label: "credit note without invoice reference", doc: creditNote({ billingReference: undefined }), expected: "NL-R-001" },
  { label: "credit note with negative quantity", doc: creditNote({ lines: [line(1, { quantity: -1 })] }), expected: "credit note quantities must be positive" },
  { label: "credit note with a negative total", doc: creditNote({ allowancesCharges: [{ isCharge: false, reason: "Korting", amountMinor: 5000, vat: { category: "S", rateBp: 2100 } }] }), expected: "credit note total is negative" },
  { label: "amount due without due date or terms", doc: invoice({ dueDate: undefined, paymentTerms: undefined }), expected: "BR-CO-25" },
  { label: "amount due without payment means", doc: invoice({ paymentMeans: undefined }), expected: "NL-R-007" },
  { label: "IBAN with a wrong check sum", doc: invoice({ paymentMeans: { code: "58", iban: "NL91ABNA0417164301" } }), expected: "IBAN" },
  { label: "invalid calendar date", doc: invoice({ issueDate: "2025-02-30" }), expected: "issue date" },
  { label: "due date before issue date", doc: invoice({ dueDate: "2025-11-01" }), expected: "before the issue date" },
  { label: "NL customer without KvK/OIN", doc: invoice({ customer: { ...CUSTOMER_NL, legalId: undefined } }), expected: "NL-R-005" },
  { label: "NL customer address without postal code", doc: invoice({ customer: { ...CUSTOMER_NL, address: { ...CUSTOMER_NL.address, postalCode: "" } } }), expected: "NL-R-004" },
  { label: "supplier without KvK", doc: invoice({ supplier: { ...SUPPLIER, legalId: { scheme: "0208", id: "0123456749" } } }), expected: "NL-R-003" },
  { label: "supplier without VAT id", doc: invoice({ supplier: { ...SUPPLIER, vatId: undefined } }), expected: "BR-S-02" },
  { label: "KvK with 7 digits", doc: invoice({ customer: { ...CUSTOMER_NL, legalId: { scheme: "0106", id: "1234567" } } }), expected: "KvK number" },
  { label: "GLN with a wrong check digit", doc: invoice({ customer: { ...CUSTOMER_DE, endpoint: { scheme: "0088", id: "4006381333932" } } }), expected: "GLN" },
  { label: "BE enterprise number with a wrong check", doc: invoice({ customer: { ...CUSTOMER_BE, endpoint: { scheme: "0208", id: "0123456748" } } }), expected: "BE enterprise number" },
  { label: "VAT id without country prefix", doc: invoice({ customer: { ...CUSTOMER_NL, vatId: "987654321B01" } }), expected: "BR-CO-09" },
  { label: "standard rate of 0", doc: invoice({ lines: [line(1, { vat: { category: "S", rateBp: 0 } })] }), expected: "BR-S-05" },
  { label: "zero-rated line with 9 %", doc: invoice({ lines: [line(1, { vat: { category: "Z", rateBp: 900 } })] }), expected: "BR-Z-05" },
  { label: "zero-rated line with an exemption reason", doc: invoice({ lines: [line(1, { vat: { category: "Z", rateBp: 0, exemptionReason: "Nul" } })] }), expected: "BR-Z-10" },
  { label: "exempt line without a reason", doc: invoice({ lines: [line(1, { vat: { category: "E", rateBp: 0 } })] }), expected: "BR-E-10" },
  { label: "exempt line with the intra-community code", doc: invoice({ lines: [line(1, { vat: { category: "E", rateBp: 0, exemptionReasonCode: "VATEX-EU-IC" } })] }), expected: "not a VATEX exemption code for category E" },
  { label: "reverse charge with a foreign code", doc: invoice({ lines: [line(1, { vat: { category: "AE", rateBp: 0, exemptionReasonCode: "VATEX-EU-132" } })] }), expected: "VATEX-EU-AE" },
  {
    label: "two exempt reasons in one VAT breakdown",
    doc: invoice({ lines: [line(1, { vat: { category: "E", rateBp: 0, exemptionReason: "A" } }), line(2, { vat: { category: "E", rateBp: 0, exemptionReason: "B" } })] }),
    expected: "disagree on the exemption reason",
  },
  { label: "reverse charge (AE) without buyer VAT id", doc: invoice({ customer: CUSTOMER_NL_GOV, lines: [line(1, { vat: { category: "AE", rateBp: 0 } })] }), expected: "BR-AE-02" },
  {
    label: "intra-community (K) to a non-EU buyer",
    doc: invoice({ customer: { ...CUSTOMER_CH, vatId: "CHE123456789" }, lines: [line(1, { vat: { category: "K", rateBp: 0 } })], delivery: { date: "2025-11-27", address: { countryCode: "CH" } } }),
    expected: "another EU member state, not CH",
  },
  { label: "intra-community (K) to a Dutch buyer", doc: invoice({ lines: [line(1, { vat: { category: "K", rateBp: 0 } })], delivery: { date: "2025-11-27", address: { countryCode: "NL" } } }), expected: "not NL" },
  { label: "intra-community (K) without delivery date", doc: invoice({ customer: CUSTOMER_BE, lines: [line(1, { vat: { category: "K", rateBp: 0 } })] }), expected: "BR-IC-11" },
  { label: "intra-community (K) without deliver-to country", doc: invoice({ customer: CUSTOMER_BE, lines: [line(1, { vat: { category: "K", rateBp: 0 } })], delivery: { date: "2025-11-27" } }), expected: "BR-IC-12" },
  { label: "intra-community (K) without buyer VAT id", doc: invoice({ customer: { ...CUSTOMER_BE, vatId: undefined }, lines: [line(1, { vat: { category: "K", rateBp: 0 } })], delivery: K_DELIVERY }), expected: "BR-IC-02" },
  { label: "export (G) to a German buyer", doc: invoice({ customer: CUSTOMER_DE, lines: [line(1, { vat: { category: "G", rateBp: 0 } })] }), expected: "export (G)" },
  { label: "quantity with 5 decimals", doc: invoice({ lines: [line(1, { quantity: 1.00001 })] }), expected: "at most 4 decimals" },
  { label: "base quantity of 0", doc: invoice({ lines: [line(1, { priceBaseQuantity: 0 })] }), expected: "PEPPOL-EN16931-R121" },
  { label: "negative unit price", doc: invoice({ lines: [line(1, { unitPriceMinor: -100 })] }), expected: "BR-27" },
  { label: "fractional cents", doc: invoice({ lines: [line(1, { unitPriceMinor: 388.33 })] }), expected: "BR-27" },
  { label: "package code without X prefix", doc: invoice({ lines: [line(1, { unitCode: "BX" })] }), expected: "XBX" },
  { label: "GTIN with a wrong check digit", doc: invoice({ lines: [line(1, { gtin: "4006381333932" })] }), expected: "GTIN" },
  { label: "duplicate line ids", doc: invoice({ lines: [line(1), line(1)] }), expected: "duplicate line id" },
  { label: "empty item name", doc: invoice({ lines: [line(1, { name: "  " })] }), expected: "lines[0].name is empty" },
  { label: "control character in a name", doc: invoice({ lines: [line(1, { name: "Bel\u0007" })] }), expected: "control characters" },
  {
    label: "allowance percentage that does not match the amount",
    doc: invoice({ allowancesCharges: [{ isCharge: false, reason: "Korting", amountMinor: 60, percentage: { baseAmountMinor: 1000, percentBp: 500 }, vat: { category: "S", rateBp: 2100 } }] }),
    expected: "PEPPOL-EN16931-R040",
  },
  {
    label: "allowance with a charge reason code",
    doc: invoice({ allowancesCharges: [{ isCharge: false, reason: "Korting", reasonCode: "FC", amountMinor: 60, vat: { category: "S", rateBp: 2100 } }] }),
    expected: "UNCL 5189",
  },
];

describe("validateInvoiceInput", () => {
  it("accepts the base fixtures", () => {
    expect(validateInvoiceInput(invoice())).toEqual([]);
    expect(validateInvoiceInput(creditNote())).toEqual([]);
    expect(validateInvoiceInput(invoice({ customer: CUSTOMER_NL_GOV, orderReference: undefined }))).toEqual([]);
  });

  it.each(cases)("rejects: $label", ({ doc, expected }) => {
    const problems = validateInvoiceInput(doc);
    expect(problems.join("\n")).toContain(expected);
  });

  it("reports every problem at once, and the builders refuse invalid input", () => {
    const doc = invoice({ buyerReference: undefined, orderReference: undefined, lines: [line(1, { vat: { category: "E", rateBp: 0 } })] });
    expect(validateInvoiceInput(doc)).toHaveLength(2);
    expect(() => buildPeppolInvoiceXml(doc)).toThrow(InvoiceValidationError);
    try {
      buildPeppolInvoiceXml(doc);
    } catch (error) {
      expect((error as InvoiceValidationError).problems).toEqual(validateInvoiceInput(doc));
    }
  });
});
