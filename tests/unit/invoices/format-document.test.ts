import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InvoiceDocumentView } from "@/components/invoices/invoice-document";
import { calculateInvoiceTotals } from "@/lib/einvoice/calculate";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { money } from "@/lib/format";
import { quantityText as formatQuantity } from "@/lib/catalog/unit-names";
import { formatInvoiceDocument } from "@/lib/invoices/format-document";
import { invoiceLabels } from "@/lib/invoices/labels";
import { renderInvoicePdf } from "@/lib/invoices/render-pdf";
import { invoiceMail } from "@/lib/mail/invoice-mail";
import { CUSTOMER_CH, creditNote, invoice, line } from "../einvoice/fixtures";
import { SCENARIOS } from "../einvoice/scenarios";
import { pdfPlainText } from "./pdf-text";

const printable = (doc: InvoiceDocument, locale: "nl" | "en" = "nl") => ({ number: doc.number, kind: doc.kind, document: doc, locale });

/** Text content of rendered HTML, entities decoded, tags as line breaks. */
function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, "\n")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

describe("formatInvoiceDocument", () => {
  it.each(SCENARIOS.map((s) => [s.label, s.doc] as const))("%s: every amount is calculateInvoiceTotals' amount", (_label, doc) => {
    for (const locale of ["nl", "en"] as const) {
      const view = formatInvoiceDocument(printable(doc, locale));
      const totals = calculateInvoiceTotals(doc);
      const eur = (minor: number) => money(minor, locale, doc.currency);
      expect(view.lines.map((l) => l.net)).toEqual(totals.lines.map((l) => eur(l.netMinor)));
      expect(view.vatRows.map((r) => [r.category, r.taxable, r.tax])).toEqual(totals.vatBreakdown.map((b) => [b.category, eur(b.taxableMinor), eur(b.taxMinor)]));
      expect(view.payable).toBe(eur(totals.payableMinor));
      const byLabel = Object.fromEntries(view.totals.map((t) => [t.label, t.value]));
      const labels = invoiceLabels(locale);
      expect(byLabel[labels.totals.taxExclusive]).toBe(eur(totals.taxExclusiveMinor));
      expect(byLabel[labels.totals.tax]).toBe(eur(totals.taxMinor));
      expect(byLabel[labels.totals.payable[doc.kind]]).toBe(eur(totals.payableMinor));
      expect(view.totals.filter((t) => t.emphasis)).toHaveLength(1);
    }
  });

  it("shows allowances negative, charges positive, and the subtotal only when they exist", () => {
    const plain = formatInvoiceDocument(printable(invoice()));
    expect(plain.totals.map((t) => t.label)).toEqual(["Totaal excl. BTW", "BTW", "Te betalen"]);
    const doc = invoice({
      allowancesCharges: [
        { isCharge: false, reason: "Korting", amountMinor: 150, vat: { category: "S", rateBp: 2100 } },
        { isCharge: true, reason: "Vracht", amountMinor: 995, vat: { category: "S", rateBp: 2100 } },
      ],
    });
    const view = formatInvoiceDocument(printable(doc));
    expect(view.allowancesCharges).toEqual([
      { label: "Korting: Korting", vat: "21%", amount: "€\u00a0-1,50" },
      { label: "Toeslag: Vracht", vat: "21%", amount: "€\u00a09,95" },
    ]);
    expect(view.totals.map((t) => [t.label, t.value])).toEqual([
      ["Subtotaal", "€\u00a010,00"],
      ["Kortingen", "€\u00a0-1,50"],
      ["Toeslagen", "€\u00a09,95"],
      ["Totaal excl. BTW", "€\u00a018,45"],
      ["BTW", "€\u00a03,87"],
      ["Te betalen", "€\u00a022,32"],
    ]);
  });

  it("formats quantities, units and base quantities per locale", () => {
    expect(formatQuantity(1234.5, "nl")).toBe("1.234,5");
    expect(formatQuantity(1234.5, "en")).toBe("1,234.5");
    expect(formatQuantity(0.1234, "nl")).toBe("0,1234");
    const doc = invoice({ lines: [line(1, { quantity: 2.5, unitCode: "KGM" }), line(2, { unitCode: "XBX", priceBaseQuantity: 100, quantity: 200 }), line(3, { unitCode: "ZZ" }), line(4, { unitCode: "EA" }), line(5, { unitCode: "XPR" })] });
    const nl = formatInvoiceDocument(printable(doc, "nl"));
    expect(nl.lines.map((l) => [l.quantity, l.unit, l.priceBase])).toEqual([
      ["2,5", "kg", null],
      ["200", "doos", "per 100"],
      ["1", "ZZ", null],
      // The shop's own code and Peppol's package code read as words like every other unit.
      ["1", "stuk", null],
      ["1", "paar", null],
    ]);
    expect(formatInvoiceDocument(printable(doc, "en")).lines[1]!.unit).toBe("box");
  });

  it("localizes the standard exemption texts and keeps a document's own reason", () => {
    const doc = invoice({
      customer: CUSTOMER_CH,
      lines: [line(1, { vat: { category: "G", rateBp: 0 } }), line(2, { vat: { category: "E", rateBp: 0, exemptionReason: "Medische hulpmiddelen" } })],
    });
    const nl = formatInvoiceDocument(printable(doc, "nl"));
    expect(nl.vatRows.map((r) => [r.label, r.reason])).toEqual([
      ["Export buiten de EU, BTW 0%", null],
      ["Vrijgesteld van BTW", "Medische hulpmiddelen"],
    ]);
    expect(nl.customer.addressLines).toContain("Zwitserland");
    expect(formatInvoiceDocument(printable(doc, "en")).vatRows[0]!.label).toBe("Export outside the EU, VAT 0%");
  });

  it("addresses the customer's contact point under the name, as a letter's attention line", () => {
    const doc = invoice({ customer: { ...CUSTOMER_CH, contact: { name: "Crediteurenadministratie", email: "ap@klant.test" } } });
    expect(formatInvoiceDocument(printable(doc, "nl")).customer.addressLines[0]).toBe("t.a.v. Crediteurenadministratie");
    expect(formatInvoiceDocument(printable(doc, "en")).customer.addressLines[0]).toBe("Attn. Crediteurenadministratie");
    const withoutContact = formatInvoiceDocument(printable(invoice({ customer: { ...CUSTOMER_CH, contact: undefined } })));
    expect(withoutContact.customer.addressLines[0]).toBe(CUSTOMER_CH.address.street);
  });

  it("writes the payment instruction for transfer, direct debit and credit notes", () => {
    const transfer = formatInvoiceDocument(printable(invoice({ number: "F2026-00009", paymentMeans: { code: "30", iban: "NL91ABNA0417164300" } })));
    expect(transfer.paymentInstruction).toBe(
      "Gelieve €\u00a012,10 uiterlijk 28 dec 2025 over te maken op NL91ABNA0417164300 ten name van Koppel B.V., onder vermelding van F2026-00009.",
    );
    const debit = formatInvoiceDocument(printable(invoice({ paymentMeans: { code: "59", mandateId: "MANDAAT-7", debitedIban: "NL02RABO0123456789" } }), "en"));
    expect(debit.paymentInstruction).toBe("The amount of €12.10 will be collected by direct debit from NL02RABO0123456789 (mandate reference MANDAAT-7).");
    expect(debit.supplier.identifiers.map((i) => i.label)).not.toContain("IBAN");
    const credit = formatInvoiceDocument(printable(creditNote()));
    expect(credit.paymentInstruction).toContain("verrekend met factuur INV-2025-0001");
    expect(credit.references).toContainEqual({ label: "Betreft factuur", value: "INV-2025-0001 (28 nov 2025)" });
    expect(credit.title).toBe("Creditnota");
  });

  it.each([
    ["set", "MAT-4711", "MAT-4711"],
    ["absent", undefined, null],
  ] as const)("passes the buyer's item id (BT-156) to the line row when %s", (_, buyersItemId, expected) => {
    const doc = invoice({ lines: [line(1, { sku: "HS-100", ...(buyersItemId ? { buyersItemId } : {}) })] });
    for (const locale of ["nl", "en"] as const) {
      const view = formatInvoiceDocument(printable(doc, locale));
      expect(view.lines.map((l) => [l.sku, l.buyersItemId])).toEqual([["HS-100", expected]]);
    }
    expect(invoiceLabels("nl").buyersItemId).toBe("Uw art.nr.");
    expect(invoiceLabels("en").buyersItemId).toBe("Your item no.");
  });

  it("names the buyer's purchase order and our order number, and the buyer reference only when it differs", () => {
    const doc = invoice({ buyerReference: "PO-EN-1", orderReference: "PO-EN-1", salesOrderReference: "K100001", accountingCost: undefined });
    expect(formatInvoiceDocument(printable(doc, "en")).references).toEqual([
      { label: "Purchase order", value: "PO-EN-1" },
      { label: "Order number", value: "K100001" },
    ]);
    expect(formatInvoiceDocument(printable(doc, "nl")).references).toEqual([
      { label: "Inkoopordernummer", value: "PO-EN-1" },
      { label: "Ordernummer", value: "K100001" },
    ]);
    // Without a PO number the buyer reference falls back to our order number: printed once.
    const noPo = invoice({ buyerReference: "K100002", orderReference: undefined, salesOrderReference: "K100002", accountingCost: undefined });
    expect(formatInvoiceDocument(printable(noPo, "en")).references).toEqual([{ label: "Order number", value: "K100002" }]);
    // A government buyer's own reference beside its PO number says something of its own.
    const gov = invoice({ buyerReference: "OIN-REF-77", orderReference: "4500012345", salesOrderReference: "K100003", accountingCost: undefined });
    expect(formatInvoiceDocument(printable(gov, "nl")).references.map((r) => r.label)).toEqual(["Uw referentie", "Inkoopordernummer", "Ordernummer"]);
  });

  it("has the same label keys in Dutch and English", () => {
    const keys = (value: unknown): string[] =>
      value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v).map((sub) => `${k}.${sub}`)]).sort() : [];
    expect(keys(invoiceLabels("en"))).toEqual(keys(invoiceLabels("nl")));
  });
});

describe("InvoiceDocumentView (HTML)", () => {
  const doc = invoice({
    number: "F2026-00031",
    salesOrderReference: "K100031",
    lines: [line(1, { sku: "HS-100", name: "Handschoenen", quantity: 3, unitPriceMinor: 3883 }), line(2, { name: "Koffie", vat: { category: "S", rateBp: 900 }, unitPriceMinor: 1849 })],
    allowancesCharges: [{ isCharge: true, reason: "Vracht", amountMinor: 995, vat: { category: "S", rateBp: 2100 } }],
  });

  it.each(["nl", "en"] as const)("shows the same texts and amounts as the PDF (%s)", async (locale) => {
    const html = renderToStaticMarkup(createElement(InvoiceDocumentView, { invoice: printable(doc, locale) }));
    const htmlRuns = new Set(htmlText(html).split("\n").map((s) => s.trim()).filter(Boolean));
    const pdfRuns = pdfPlainText(await renderInvoicePdf(printable(doc, locale))).split("\n");
    const view = formatInvoiceDocument(printable(doc, locale));
    const amounts = [...view.lines.map((l) => l.net), ...view.lines.map((l) => l.unitPrice), ...view.vatRows.flatMap((r) => [r.taxable, r.tax]), ...view.totals.map((t) => t.value), ...view.allowancesCharges.map((a) => a.amount)];
    for (const amount of amounts) {
      expect(htmlRuns.has(amount), `HTML shows ${amount}`).toBe(true);
      expect(pdfRuns, `PDF shows ${amount}`).toContain(amount);
    }
    for (const label of [...view.meta, ...view.references].flatMap((m) => [m.label, m.value])) {
      expect(htmlRuns.has(label), `HTML shows ${label}`).toBe(true);
      expect(pdfRuns, `PDF shows ${label}`).toContain(label);
    }
    expect(html).toContain(`lang="${locale}"`);
    expect(html).toContain("@media print");
    expect(htmlRuns.has(locale === "nl" ? "Te betalen" : "Amount due")).toBe(true);
  });

  it("renders in the document's language, not in a mix with the viewer's", () => {
    const html = renderToStaticMarkup(createElement(InvoiceDocumentView, { invoice: printable(doc, "nl") }));
    expect(html).toContain("Factuurnummer");
    expect(html).not.toContain("Invoice number");
  });
});

describe("invoiceMail", () => {
  it("writes subject and body in the invoice language and attaches the PDF it is given", async () => {
    const doc = invoice({ number: "F2026-00044", paymentMeans: { code: "58", iban: "NL91ABNA0417164300" } });
    const pdf = await renderInvoicePdf(printable(doc));
    const nl = invoiceMail({ email: "crediteuren@devries.test", name: "Bouwbedrijf De Vries B.V." }, { ...printable(doc), pdf }, "nl");
    expect(nl).toMatchObject({ toEmail: "crediteuren@devries.test", kind: "invoice", subject: "Factuur F2026-00044 van Koppel B.V." });
    expect(nl.bodyText).toContain("Beste Bouwbedrijf De Vries B.V.,");
    expect(nl.bodyText).toContain("Het totaalbedrag is €\u00a012,10, te betalen uiterlijk 28 dec 2025.");
    expect(nl.bodyText).toContain("NL91ABNA0417164300");
    expect(nl.attachments).toEqual([{ filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", content: pdf }]);

    const cn = creditNote({ number: "C2026-00002" });
    const en = invoiceMail({ email: "ap@example.test", name: "AP" }, printable(cn), "en");
    expect(en.subject).toBe("Credit note C2026-00002 from Koppel B.V.");
    expect(en.kind).toBe("credit_note");
    expect(en.bodyText).toContain("credit note C2026-00002 of 28 Nov 2025 for an amount of €12.10");
    expect(en.attachments).toBeUndefined();
  });
});
