import { describe, expect, it } from "vitest";
import { calculateInvoiceTotals } from "@/lib/einvoice/calculate";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { money } from "@/lib/format";
import { renderInvoicePdf, toWinAnsi } from "@/lib/invoices/render-pdf";
import { CUSTOMER_BE, creditNote, invoice, line } from "../einvoice/fixtures";
import { extractPdfText, pdfPlainText } from "./pdf-text";

/** Runs joined with single spaces: a label wrapped over two lines still reads as one phrase. */
const phrases = (pdf: Uint8Array) => pdfPlainText(pdf).replace(/[ \n]+/g, " ");
const render = (doc: InvoiceDocument, locale: "nl" | "en") => renderInvoicePdf({ number: doc.number, kind: doc.kind, document: doc, locale });

const mixed = invoice({
  number: "F2026-00017",
  buyerReference: "AFD-INKOOP-12",
  salesOrderReference: "K100017",
  paymentMeans: { code: "58", iban: "NL91ABNA0417164300", bic: "ABNANL2A" },
  accountingCost: "KP-4410",
  lines: [
    line(1, { sku: "HS-100", name: "Nitril handschoenen maat L", description: "Doos à 100 stuks", quantity: 12, unitCode: "XBX", unitPriceMinor: 1295 }),
    line(2, { sku: "KF-9", name: "Koffiebonen", quantity: 2.5, unitCode: "KGM", unitPriceMinor: 1849, vat: { category: "S", rateBp: 900 } }),
    line(3, { sku: "BT-1", name: "Bouten M8", quantity: 250, unitPriceMinor: 1799, priceBaseQuantity: 100 }),
  ],
  allowancesCharges: [
    { isCharge: true, reason: "Verzendkosten", amountMinor: 995, vat: { category: "S", rateBp: 2100 } },
    { isCharge: false, reason: "Projectkorting", amountMinor: 1250, vat: { category: "S", rateBp: 2100 } },
  ],
});

describe("renderInvoicePdf", () => {
  it("writes an A4 PDF in Dutch with the document data and the totals of calculateInvoiceTotals", async () => {
    const pdf = await render(mixed, "nl");
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(Buffer.from(pdf).toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
    const { pages } = extractPdfText(pdf);
    expect(pages).toHaveLength(1);
    const text = pdfPlainText(pdf);
    const totals = calculateInvoiceTotals(mixed);
    const eur = (minor: number) => money(minor, "nl");
    for (const expected of [
      "FACTUUR",
      "Factuurnummer",
      "F2026-00017",
      "Factuurdatum",
      "28 nov 2025",
      "Vervaldatum",
      "28 dec 2025",
      "Uw referentie",
      "AFD-INKOOP-12",
      "Inkoopordernummer",
      "PO-2025-0001",
      "Ordernummer",
      "K100017",
      "Kostenplaats",
      "KP-4410",
      "Koppel B.V.",
      "KvK 12345678",
      "BTW-nr. NL123456789B01",
      "IBAN NL91ABNA0417164300",
      "BIC ABNANL2A",
      "Bouwbedrijf De Vries B.V.",
      "BTW-nr. NL987654321B01",
      "Omschrijving",
      "Artikelnr.",
      "HS-100",
      "Doos à 100 stuks",
      "doos",
      "2,5",
      "per 100",
      "Toeslag: Verzendkosten",
      "Korting: Projectkorting",
      "BTW 21%",
      "BTW 9%",
      "Totaal excl. BTW",
      "Te betalen",
      "Pagina 1/1",
    ]) {
      expect(text).toContain(expected);
    }
    for (const [index, row] of totals.lines.entries()) expect(text, `line ${index + 1}`).toContain(eur(row.netMinor));
    for (const row of totals.vatBreakdown) {
      expect(text).toContain(eur(row.taxableMinor));
      expect(text).toContain(eur(row.taxMinor));
    }
    expect(text).toContain(eur(totals.lineExtensionMinor));
    expect(text).toContain(eur(-totals.allowanceTotalMinor));
    expect(text).toContain(eur(totals.taxExclusiveMinor));
    expect(text).toContain(eur(totals.taxMinor));
    expect(text).toContain(eur(totals.payableMinor));
    // nl-NL money: "€ 1.234,56" (with a no-break space, which WinAnsi has).
    expect(eur(totals.payableMinor)).toMatch(/^€\u00a0\d{1,3}(\.\d{3})*,\d{2}$/);
    // Payment instruction: amount, due date, IBAN and the invoice number as payment reference.
    expect(phrases(pdf)).toContain(`Gelieve ${eur(totals.payableMinor)} uiterlijk 28 dec 2025 over te maken op NL91ABNA0417164300`);
    expect(text).toContain("F2026-00017.");
  });

  it("writes the same document in English with en-GB amounts", async () => {
    const pdf = await render(mixed, "en");
    const text = pdfPlainText(pdf);
    const totals = calculateInvoiceTotals(mixed);
    for (const expected of ["INVOICE", "Invoice number", "Invoice date", "28 Nov 2025", "Due date", "Your reference", "Purchase order", "PO-2025-0001", "Order number", "K100017", "Cost center", "CoC no. 12345678", "VAT ID NL123456789B01", "Description", "Unit price", "Charge: Verzendkosten", "Allowance: Projectkorting", "VAT 21%", "VAT 9%", "Total excl. VAT", "Amount due", "Page 1/1", "Please transfer"]) {
      expect(text).toContain(expected);
    }
    expect(money(totals.payableMinor, "en")).toMatch(/^€\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(text).toContain(money(totals.payableMinor, "en"));
    expect(text).toContain(money(totals.taxMinor, "en"));
    expect(text).not.toContain("Te betalen");
  });

  it("breaks a 120-line invoice over pages with the table header repeated and page numbers n/N", async () => {
    const doc = invoice({
      number: "F2026-00120",
      lines: Array.from({ length: 120 }, (_, i) => line(i + 1, { sku: `SKU-${1000 + i}`, name: `Artikel ${i + 1}`, quantity: i + 1 })),
    });
    const pdf = await render(doc, "nl");
    const { pages } = extractPdfText(pdf);
    // One-line rows: 27 fit under the first page's address blocks, 36 on each further page (27+36+36+21).
    expect(pages).toHaveLength(4);
    pages.forEach((runs, index) => {
      expect(runs.filter((r) => r === "Omschrijving"), `page ${index + 1}`).toHaveLength(1);
      expect(runs.at(-1)).toBe(`Pagina ${index + 1}/4`);
      if (index > 0) expect(runs).toContain("Factuur F2026-00120 (vervolg)");
    });
    expect(pages[0]).toContain("FACTUUR");
    // Every line exactly once, in order, across the pages.
    const names = pages.flat().filter((r) => /^Artikel \d+$/.test(r));
    expect(names).toEqual(Array.from({ length: 120 }, (_, i) => `Artikel ${i + 1}`));
    // Totals once, on the last page.
    const payable = money(calculateInvoiceTotals(doc).payableMinor, "nl");
    expect(pages.slice(0, 3).flat()).not.toContain("Te betalen");
    expect(pages[3]).toContain("Te betalen");
    expect(pages[3]).toContain(payable);
  });

  it("prints a credit note with the credited invoice and the reverse charge text", async () => {
    const doc = creditNote({ number: "C2026-00003", lines: [line(1, { vat: { category: "AE", rateBp: 0 } })] });
    const en = pdfPlainText(await render(doc, "en"));
    for (const expected of ["CREDIT NOTE", "Credit note number", "C2026-00003", "Credited invoice", "INV-2025-0001 (28 Nov 2025)", "Reverse charge", "Amount credited", "€10.00"]) {
      expect(en).toContain(expected);
    }
    expect(en).not.toContain("Due date");
    const nl = pdfPlainText(await render(doc, "nl"));
    for (const expected of ["CREDITNOTA", "Creditnotanummer", "Betreft factuur", "BTW verlegd", "Te verrekenen", "€\u00a010,00"]) {
      expect(nl).toContain(expected);
    }
  });

  it("names intra-community supply and exemptions in the VAT breakdown", async () => {
    const doc = invoice({
      customer: CUSTOMER_BE,
      delivery: { date: "2025-11-27", address: { countryCode: "BE" } },
      lines: [line(1, { vat: { category: "K", rateBp: 0 } }), line(2, { vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld o.g.v. art. 11 Wet OB" } })],
    });
    const nl = phrases(await render(doc, "nl"));
    expect(nl).toContain("Intracommunautaire levering, BTW 0%");
    expect(nl).toContain("Vrijgesteld van BTW");
    expect(nl).toContain("Vrijgesteld o.g.v. art. 11 Wet OB");
    expect(nl).toContain("Leverdatum");
    expect(nl).toContain("België");
    expect(nl).toContain("BTW-nr. BE0123456749");
    const en = phrases(await render(doc, "en"));
    expect(en).toContain("Intra-community supply, VAT 0%");
    expect(en).toContain("Belgium");
  });

  it.each([
    ["nl", "Uw art.nr.", "Artikelnr."],
    ["en", "Your item no.", "Item no."],
  ] as const)("prints the customer's own article number (BT-156) under our SKU, only where a line has one (%s)", async (locale, label, column) => {
    const doc = invoice({
      lines: [
        line(1, { sku: "HS-100", buyersItemId: "MAT-000471100", name: "Handschoenen" }),
        line(2, { sku: "KF-9", name: "Koffie" }),
        line(3, { buyersItemId: "KLANT 12/B", name: "Zonder SKU" }),
        line(4, { sku: "BT-1", buyersItemId: "EIGEN-NUMMER-MET-VEEL-TEKENS-1234567890", name: "Bouten" }),
      ],
    });
    const pdf = await render(doc, locale);
    const runs = extractPdfText(pdf).pages.flat();
    const text = phrases(pdf);
    expect(runs).toContain(column);
    for (const id of ["MAT-000471100", "KLANT 12/B"]) expect(text).toContain(`${label} ${id}`);
    // A long number wraps inside the SKU column instead of running into the quantity.
    expect(text.replace(/ /g, "")).toContain(`${label.replace(/ /g, "")}EIGEN-NUMMER-MET-VEEL-TEKENS-1234567890`);
    expect(text.split(label)).toHaveLength(4);
    // Each number follows its own line's SKU (or, without one, the line's name).
    expect(text.indexOf("HS-100")).toBeLessThan(text.indexOf("MAT-000471100"));
    expect(text.indexOf("MAT-000471100")).toBeLessThan(text.indexOf("Koffie"));
    expect(text.indexOf("Zonder SKU")).toBeLessThan(text.indexOf("KLANT 12/B"));
    expect(text.indexOf("BT-1")).toBeLessThan(text.indexOf("EIGEN-"));
  });

  it("prints no customer article number label when no line has one", async () => {
    const text = pdfPlainText(await render(mixed, "nl"));
    expect(text).not.toContain("Uw art.nr.");
  });

  it("is deterministic and carries title, author and the issue date as metadata", async () => {
    const a = await render(mixed, "nl");
    const b = await render(mixed, "nl");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const { info } = extractPdfText(a);
    expect(info).toContain("/Title (Factuur F2026-00017)");
    expect(info).toContain("/Author (Koppel B.V.)");
    expect(info).toContain("/CreationDate (D:20251128000000Z)");
    // Another issue date gives another document (the date is not the wall clock).
    const later = await render({ ...mixed, issueDate: "2026-01-05" }, "nl");
    expect(extractPdfText(later).info).toContain("/CreationDate (D:20260105000000Z)");
  });

  it("prints names with characters outside WinAnsi legibly", async () => {
    expect(toWinAnsi("€\u202f1.234,56 \u2212 Łódź ﬁets 中")).toBe("€\u00a01.234,56 - Lódz fiets ?");
    expect(toWinAnsi("a\tb\r\nc\u0007")).toBe("a b\nc?");
    const doc = invoice({ lines: [line(1, { name: "Łódź ﬁets – geel" })] });
    expect(pdfPlainText(await render(doc, "nl"))).toContain("Lódz fiets – geel");
  });
});
