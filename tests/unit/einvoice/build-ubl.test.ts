import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  buildNlciusCreditNoteXml,
  buildNlciusInvoiceXml,
  buildPeppolCreditNoteXml,
  buildPeppolInvoiceXml,
} from "@/lib/einvoice/build-ubl";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { CUSTOMER_BE, creditNote, invoice, line } from "./fixtures";

/** Child sequences from the UBL 2.1 XSD (maindoc + CommonAggregateComponents), reduced to what we emit. */
const XSD_ORDER: Record<string, string[]> = {
  Invoice: ["CustomizationID", "ProfileID", "ID", "IssueDate", "DueDate", "InvoiceTypeCode", "Note", "TaxPointDate", "DocumentCurrencyCode", "AccountingCost", "BuyerReference", "InvoicePeriod", "OrderReference", "BillingReference", "AccountingSupplierParty", "AccountingCustomerParty", "Delivery", "PaymentMeans", "PaymentTerms", "AllowanceCharge", "TaxTotal", "LegalMonetaryTotal", "InvoiceLine"],
  CreditNote: ["CustomizationID", "ProfileID", "ID", "IssueDate", "TaxPointDate", "CreditNoteTypeCode", "Note", "DocumentCurrencyCode", "AccountingCost", "BuyerReference", "InvoicePeriod", "OrderReference", "BillingReference", "AccountingSupplierParty", "AccountingCustomerParty", "Delivery", "PaymentMeans", "PaymentTerms", "AllowanceCharge", "TaxTotal", "LegalMonetaryTotal", "CreditNoteLine"],
  Party: ["EndpointID", "PartyIdentification", "PartyName", "PostalAddress", "PartyTaxScheme", "PartyLegalEntity", "Contact"],
  PostalAddress: ["StreetName", "AdditionalStreetName", "CityName", "PostalZone", "Country"],
  Address: ["StreetName", "AdditionalStreetName", "CityName", "PostalZone", "Country"],
  PartyTaxScheme: ["CompanyID", "TaxScheme"],
  PartyLegalEntity: ["RegistrationName", "CompanyID"],
  Contact: ["Name", "Telephone", "ElectronicMail"],
  Delivery: ["ActualDeliveryDate", "DeliveryLocation"],
  PaymentMeans: ["PaymentMeansCode", "PaymentDueDate", "PaymentID", "PayeeFinancialAccount", "PaymentMandate"],
  PayeeFinancialAccount: ["ID", "Name", "FinancialInstitutionBranch"],
  AllowanceCharge: ["ChargeIndicator", "AllowanceChargeReasonCode", "AllowanceChargeReason", "MultiplierFactorNumeric", "Amount", "BaseAmount", "TaxCategory"],
  TaxTotal: ["TaxAmount", "TaxSubtotal"],
  TaxSubtotal: ["TaxableAmount", "TaxAmount", "TaxCategory"],
  TaxCategory: ["ID", "Percent", "TaxExemptionReasonCode", "TaxExemptionReason", "TaxScheme"],
  ClassifiedTaxCategory: ["ID", "Percent", "TaxScheme"],
  LegalMonetaryTotal: ["LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount", "PayableRoundingAmount", "PayableAmount"],
  InvoiceLine: ["ID", "Note", "InvoicedQuantity", "LineExtensionAmount", "AccountingCost", "InvoicePeriod", "OrderLineReference", "Item", "Price"],
  CreditNoteLine: ["ID", "Note", "CreditedQuantity", "LineExtensionAmount", "AccountingCost", "InvoicePeriod", "OrderLineReference", "Item", "Price"],
  Item: ["Description", "Name", "BuyersItemIdentification", "SellersItemIdentification", "StandardItemIdentification", "ClassifiedTaxCategory"],
  Price: ["PriceAmount", "BaseQuantity"],
};

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };
const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false });
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (name) => ["InvoiceLine", "CreditNoteLine", "TaxSubtotal", "AllowanceCharge"].includes(name) });

function orderViolations(nodes: OrderedNode[], path = ""): string[] {
  const violations: string[] = [];
  for (const item of nodes) {
    const name = Object.keys(item).find((key) => key !== ":@");
    if (!name || name === "#text" || name === "?xml") continue;
    const children = item[name] as OrderedNode[];
    const childNames = children.map((c) => Object.keys(c).find((k) => k !== ":@")).filter((n): n is string => !!n && n !== "#text");
    const order = XSD_ORDER[name];
    if (order) {
      let last = -1;
      for (const child of childNames) {
        const index = order.indexOf(child);
        if (index < 0) violations.push(`${path}/${name}: unexpected child ${child}`);
        else if (index < last) violations.push(`${path}/${name}: ${child} after ${order[last]}`);
        last = Math.max(last, index);
      }
    }
    violations.push(...orderViolations(children, `${path}/${name}`));
  }
  return violations;
}

const everything = (overrides: Partial<InvoiceDocument> = {}): Partial<InvoiceDocument> => ({
  note: `Let op: "spoed" & <breekbaar>`,
  accountingCost: "KPL-4711",
  billingReference: { invoiceNumber: "INV-2025-0000", issueDate: "2025-10-01" },
  customer: { ...CUSTOMER_BE, tradingName: "Lefèvre", contact: { name: "Marie", phone: "+32 2 123 45 67", email: "ap@lefevre.example" } },
  delivery: { date: "2025-11-27", address: { street: "Quai 1", city: "Antwerpen", postalCode: "2000", countryCode: "BE" } },
  paymentMeans: { code: "30", iban: "NL91ABNA0417164300", bic: "ABNANL2A", paymentId: "INV-2025-0001" },
  lines: [
    line(1, { vat: { category: "K", rateBp: 0 }, orderLineReference: "10", sku: "ART-1", buyersItemId: "KLANT-4711", gtin: "4006381333931", description: "Beschrijving", priceBaseQuantity: 10, quantity: 25 }),
    line(2, { vat: { category: "K", rateBp: 0 }, quantity: 2.5, unitCode: "KGM" }),
  ],
  allowancesCharges: [
    { isCharge: false, reason: "Korting", reasonCode: "95", amountMinor: 100, percentage: { baseAmountMinor: 2000, percentBp: 500 }, vat: { category: "K", rateBp: 0 } },
    { isCharge: true, reason: "Vracht", reasonCode: "FC", amountMinor: 995, vat: { category: "K", rateBp: 0 } },
  ],
  ...overrides,
});

describe("buildPeppolInvoiceXml / buildPeppolCreditNoteXml", () => {
  it.each([
    ["invoice", () => buildPeppolInvoiceXml(invoice(everything()))],
    ["credit note", () => buildPeppolCreditNoteXml(creditNote(everything({ dueDate: "2025-12-20" })))],
    ["NLCIUS invoice", () => buildNlciusInvoiceXml(invoice(everything()))],
    ["NLCIUS credit note", () => buildNlciusCreditNoteXml(creditNote(everything()))],
  ])("%s: every element is in UBL XSD sequence order", (_, build) => {
    expect(orderViolations(orderedParser.parse(build()) as OrderedNode[])).toEqual([]);
  });

  it("writes header, parties, delivery, totals and lines of an intra-community invoice", () => {
    const xml = buildPeppolInvoiceXml(invoice(everything()));
    const { Invoice: doc } = parser.parse(xml);
    expect(doc.CustomizationID).toBe("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    expect(doc.ProfileID).toBe("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
    expect(doc.InvoiceTypeCode).toBe("380");
    expect(doc.DueDate).toBe("2025-12-28");
    expect(doc.Note).toBe(`Let op: "spoed" & <breekbaar>`);
    expect(doc.AccountingSupplierParty.Party.PartyLegalEntity.CompanyID).toEqual({ "#text": "12345678", "@_schemeID": "0106" });
    expect(doc.AccountingCustomerParty.Party.EndpointID).toEqual({ "#text": "0123456749", "@_schemeID": "0208" });
    expect(doc.Delivery).toEqual({
      ActualDeliveryDate: "2025-11-27",
      DeliveryLocation: { Address: { StreetName: "Quai 1", CityName: "Antwerpen", PostalZone: "2000", Country: { IdentificationCode: "BE" } } },
    });
    expect(doc.PaymentMeans.PayeeFinancialAccount).toEqual({ ID: "NL91ABNA0417164300", FinancialInstitutionBranch: { ID: "ABNANL2A" } });
    expect(doc.TaxTotal.TaxSubtotal).toEqual([
      {
        TaxableAmount: { "#text": "58.95", "@_currencyID": "EUR" }, // 25 × 10.00 / 10 + 2.5 × 10.00 − 1.00 + 9.95
        TaxAmount: { "#text": "0.00", "@_currencyID": "EUR" },
        TaxCategory: { ID: "K", Percent: "0", TaxExemptionReasonCode: "VATEX-EU-IC", TaxExemptionReason: "Intra-community supply", TaxScheme: { ID: "VAT" } },
      },
    ]);
    expect(doc.LegalMonetaryTotal.AllowanceTotalAmount["#text"]).toBe("1.00");
    expect(doc.LegalMonetaryTotal.ChargeTotalAmount["#text"]).toBe("9.95");
    expect(doc.LegalMonetaryTotal.PayableAmount["#text"]).toBe("58.95");
    const [first, second] = doc.InvoiceLine;
    expect(first.InvoicedQuantity).toEqual({ "#text": "25", "@_unitCode": "C62" });
    expect(first.Price).toEqual({ PriceAmount: { "#text": "10.00", "@_currencyID": "EUR" }, BaseQuantity: { "#text": "10", "@_unitCode": "C62" } });
    expect(first.Item.StandardItemIdentification.ID).toEqual({ "#text": "4006381333931", "@_schemeID": "0160" });
    expect(first.OrderLineReference.LineID).toBe("10");
    expect(second.InvoicedQuantity).toEqual({ "#text": "2.5", "@_unitCode": "KGM" });
    expect(doc.AllowanceCharge[0]).toMatchObject({ ChargeIndicator: "false", MultiplierFactorNumeric: "5", BaseAmount: { "#text": "20.00" } });
  });

  it("escapes & < > \" ' and keeps umlauts intact", () => {
    const name = `Müller & Söhne <M8> "verzinkt" 'DIN 933' ÄÖÜß`;
    const xml = buildPeppolInvoiceXml(invoice({ lines: [line(1, { name })], customer: { ...invoice().customer, name } }));
    expect(xml).toContain("Müller &amp; Söhne &lt;M8&gt; &quot;verzinkt&quot; &apos;DIN 933&apos; ÄÖÜß");
    const { Invoice: doc } = parser.parse(xml, true);
    expect(doc.InvoiceLine[0].Item.Name).toBe(name);
    expect(doc.AccountingCustomerParty.Party.PartyLegalEntity.RegistrationName).toBe(name);
  });

  it("writes the buyer's PO number as BT-13 (OrderReference/ID) and our order number as BT-14 (SalesOrderID)", () => {
    const both = buildPeppolInvoiceXml(invoice({ orderReference: "PO-EN-1", salesOrderReference: "K100001" }));
    expect(both).toMatch(/<cac:OrderReference>\s*<cbc:ID>PO-EN-1<\/cbc:ID>\s*<cbc:SalesOrderID>K100001<\/cbc:SalesOrderID>\s*<\/cac:OrderReference>/);
    // OrderReference/ID is mandatory in UBL: "NA" when the buyer gave no PO number (Peppol BIS 3).
    const ours = buildPeppolInvoiceXml(invoice({ orderReference: undefined, salesOrderReference: "K100002" }));
    expect(ours).toMatch(/<cac:OrderReference>\s*<cbc:ID>NA<\/cbc:ID>\s*<cbc:SalesOrderID>K100002<\/cbc:SalesOrderID>/);
    expect(buildPeppolInvoiceXml(invoice({ orderReference: undefined, salesOrderReference: undefined }))).not.toContain("OrderReference>");
    const credit = buildPeppolCreditNoteXml(creditNote({ orderReference: "PO-EN-1", salesOrderReference: "K100001" }));
    expect(credit).toContain("<cbc:SalesOrderID>K100001</cbc:SalesOrderID>");
  });

  it("emits no empty elements (PEPPOL-EN16931-R008) and EUR on every amount (R051)", () => {
    const xml = buildPeppolInvoiceXml(invoice({ lines: [line(1)], buyerReference: undefined, orderReference: "PO-1", paymentTerms: undefined }));
    expect(xml).not.toMatch(/<([\w:]+)[^>]*>\s*<\/\1>|<[\w:]+[^>]*\/>/);
    expect(xml).not.toContain("BuyerReference");
    expect(xml.match(/currencyID="(\w+)"/g)?.every((m) => m === 'currencyID="EUR"')).toBe(true);
  });

  it("credit note: 381, CreditNoteLine/CreditedQuantity, no header DueDate, due date in PaymentMeans", () => {
    const xml = buildPeppolCreditNoteXml(creditNote({ dueDate: "2025-12-15", paymentMeans: { code: "30", iban: "NL20INGB0001234567" } }));
    const { CreditNote: doc } = parser.parse(xml);
    expect(doc.CreditNoteTypeCode).toBe("381");
    expect(doc.DueDate).toBeUndefined();
    expect(doc.PaymentMeans.PaymentDueDate).toBe("2025-12-15");
    expect(doc.BillingReference.InvoiceDocumentReference).toEqual({ ID: "INV-2025-0001", IssueDate: "2025-11-28" });
    expect(doc.CreditNoteLine[0].CreditedQuantity).toEqual({ "#text": "1", "@_unitCode": "C62" });
    expect(doc.LegalMonetaryTotal.PayableAmount["#text"]).toBe("12.10");
  });

  it("direct debit carries the mandate (PEPPOL-EN16931-R061)", () => {
    const xml = buildPeppolInvoiceXml(invoice({ paymentMeans: { code: "59", mandateId: "MANDAAT-1", debitedIban: "NL20INGB0001234567" } }));
    expect(parser.parse(xml).Invoice.PaymentMeans).toEqual({
      PaymentMeansCode: "59",
      PaymentMandate: { ID: "MANDAAT-1", PayerFinancialAccount: { ID: "NL20INGB0001234567" } },
    });
  });

  it("refuses a document of the other kind", () => {
    expect(() => buildPeppolInvoiceXml(creditNote())).toThrow(/expected a invoice document/);
    expect(() => buildPeppolCreditNoteXml(invoice())).toThrow(/expected a credit_note document/);
  });
});

/** Child element names (prefix removed) of each line's cac:Item, in document order. */
function itemChildren(xml: string): string[][] {
  const names = (nodes: OrderedNode[]) => nodes.map((n) => Object.keys(n).find((k) => k !== ":@")).filter((n): n is string => !!n && n !== "#text");
  const root = (orderedParser.parse(xml) as OrderedNode[]).find((n) => "Invoice" in n || "CreditNote" in n)!;
  const children = (root.Invoice ?? root.CreditNote) as OrderedNode[];
  return children
    .filter((n) => "InvoiceLine" in n || "CreditNoteLine" in n)
    .map((n) => {
      const lineChildren = (n.InvoiceLine ?? n.CreditNoteLine) as OrderedNode[];
      return names(lineChildren.find((c) => "Item" in c)!.Item as OrderedNode[]);
    });
}

describe("BT-156 Item buyer's identifier (cac:Item/cac:BuyersItemIdentification/cbc:ID)", () => {
  const builders = [
    ["Peppol invoice", (lines: InvoiceDocument["lines"]) => buildPeppolInvoiceXml(invoice({ lines }))],
    ["Peppol credit note", (lines: InvoiceDocument["lines"]) => buildPeppolCreditNoteXml(creditNote({ lines }))],
    ["NLCIUS invoice", (lines: InvoiceDocument["lines"]) => buildNlciusInvoiceXml(invoice({ lines }))],
    ["NLCIUS credit note", (lines: InvoiceDocument["lines"]) => buildNlciusCreditNoteXml(creditNote({ lines }))],
  ] as const;
  const cases = [
    {
      label: "with SKU and GTIN",
      line: line(1, { buyersItemId: "KLANT-4711", sku: "ART-1", gtin: "4006381333931", description: "Doos" }),
      items: ["Description", "Name", "BuyersItemIdentification", "SellersItemIdentification", "StandardItemIdentification", "ClassifiedTaxCategory"],
    },
    { label: "without SKU", line: line(1, { buyersItemId: "KLANT 12/B" }), items: ["Name", "BuyersItemIdentification", "ClassifiedTaxCategory"] },
    { label: "absent", line: line(1, { sku: "ART-1" }), items: ["Name", "SellersItemIdentification", "ClassifiedTaxCategory"] },
  ];

  it.each(builders.flatMap(([builder, build]) => cases.map((c) => [builder, c.label, build, c] as const)))(
    "%s, buyer's item id %s: Item children in UBL 2.1 ItemType order",
    (_builder, _label, build, c) => {
      const xml = build([c.line, line(2, { sku: "ART-2" })]);
      expect(itemChildren(xml)).toEqual([c.items, ["Name", "SellersItemIdentification", "ClassifiedTaxCategory"]]);
      expect(orderViolations(orderedParser.parse(xml) as OrderedNode[])).toEqual([]);
      const parsed = parser.parse(xml);
      const [first, second] = (parsed.Invoice ?? parsed.CreditNote)[xml.includes("<CreditNote") ? "CreditNoteLine" : "InvoiceLine"];
      // Exactly cbc:ID, without schemeID (UBL-CR-667), and only on the line that has one.
      expect(first.Item.BuyersItemIdentification).toEqual(c.line.buyersItemId === undefined ? undefined : { ID: c.line.buyersItemId });
      expect(second.Item.BuyersItemIdentification).toBeUndefined();
      expect((xml.match(/<cac:BuyersItemIdentification>/g) ?? []).length).toBe(c.line.buyersItemId === undefined ? 0 : 1);
    },
  );

  it("refuses a blank buyer's item id instead of writing an empty element (PEPPOL-EN16931-R008)", () => {
    expect(() => buildPeppolInvoiceXml(invoice({ lines: [line(1, { buyersItemId: "  " })] }))).toThrow(/lines\[0\]\.buyersItemId is empty/);
  });

  it("escapes the buyer's item id", () => {
    const xml = buildPeppolInvoiceXml(invoice({ lines: [line(1, { buyersItemId: `A&B <"12">` })] }));
    expect(xml).toContain("<cbc:ID>A&amp;B &lt;&quot;12&quot;&gt;</cbc:ID>");
    expect(parser.parse(xml).Invoice.InvoiceLine[0].Item.BuyersItemIdentification).toEqual({ ID: `A&B <"12">` });
  });
});

describe("NLCIUS variant", () => {
  it("swaps the CustomizationID and drops what SI-UBL 2.0 discourages (BR-NL-24/31/32/34/35)", () => {
    const doc = invoice({
      paymentMeans: { code: "58", iban: "NL91ABNA0417164300", bic: "ABNANL2A" },
      lines: [line(1, { vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld", exemptionReasonCode: "VATEX-EU-132" } })],
      allowancesCharges: [{ isCharge: true, reason: "Vracht", reasonCode: "FC", amountMinor: 100, vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld", exemptionReasonCode: "VATEX-EU-132" } }],
      billingReference: { invoiceNumber: "INV-0", issueDate: "2025-01-01" },
    });
    const nl = buildNlciusInvoiceXml(doc);
    expect(nl).toContain("<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>");
    for (const dropped of ["TaxExemptionReasonCode", "AllowanceChargeReasonCode", "FinancialInstitutionBranch", "<cbc:IssueDate>2025-01-01"]) {
      expect(nl).not.toContain(dropped);
    }
    const peppol = buildPeppolInvoiceXml(doc);
    for (const kept of ["TaxExemptionReasonCode", "AllowanceChargeReasonCode", "FinancialInstitutionBranch", "<cbc:IssueDate>2025-01-01"]) {
      expect(peppol).toContain(kept);
    }
  });

  it("keeps the VATEX code when it is the only exemption reason", () => {
    const nl = buildNlciusInvoiceXml(invoice({ lines: [line(1, { vat: { category: "E", rateBp: 0, exemptionReasonCode: "VATEX-EU-132" } })] }));
    expect(nl).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-132</cbc:TaxExemptionReasonCode>");
  });
});
