import { describe, expect, it } from "vitest";
import type { Company, Invoice, InvoiceLineRow, Order, OrderLine, OrderShipment, SupplierProfile } from "@/db/schema";
import type { CreditNoteContext, InvoiceDraft, OrderInvoicingContext } from "@/lib/data/invoices";
import { validateInvoiceInput } from "@/lib/einvoice/calculate";
import {
  addDays,
  planCreditNote,
  planOrderInvoice,
  quantitiesToInvoice,
  resolveVatRegime,
  toPeppolUnitCode,
  vatFor,
} from "@/lib/invoices/document-from-order";

const NOW = new Date("2026-11-28T10:00:00Z");

const supplier: SupplierProfile = {
  id: 1,
  legalName: "Koppel Kantoorartikelen B.V.",
  tradingName: "Koppel",
  kvkNumber: "87654321",
  vatId: "NL862345678B01",
  peppolScheme: "0106",
  peppolId: "87654321",
  street: "Kanaalweg 12",
  postalCode: "3526 KL",
  city: "Utrecht",
  countryCode: "NL",
  iban: "NL91 ABNA 0417 1643 00",
  bic: null,
  email: "facturen@koppel.test",
  phone: null,
  paymentTermsDays: 30,
  deliveryChargeMinor: 0,
  freeDeliveryFromMinor: null,
  updatedAt: NOW,
};

function company(overrides: Partial<Company> = {}): Company {
  return {
    id: 7,
    name: "Klant B.V.",
    kvkNumber: "12345678",
    vatId: "NL123456789B01",
    peppolScheme: "0106",
    peppolId: "12345678",
    countryCode: "NL",
    paymentTermsDays: 30,
    deliveryTerms: null,
    iban: null,
    invoiceEmail: null,
    invoiceChannels: ["peppol"],
    invoiceOnShipment: false,
    vatTreatment: "auto",
    vatExemptionReason: null,
    documentLocale: "nl",
    costCenterRequired: false,
    poNumberRequired: false,
    creditLimitMinor: null,
    deliveryChargeMode: "default",
    deliveryChargeMinor: null,
    freeDeliveryFromMinor: null,
    twoStepRequired: false,
    assortment: "all",
    erpCustomerNumber: null,
    active: true,
    createdAt: NOW,
    ...overrides,
  };
}

const address = (countryCode: string) => ({ name: "Klant", attention: null, street: "Straat 1", postalCode: "1000", city: "Stad", countryCode });

function orderLine(lineNumber: number, overrides: Partial<OrderInvoicingContext["lines"][number]> = {}): OrderInvoicingContext["lines"][number] {
  return {
    id: lineNumber,
    orderId: 1,
    lineNumber,
    productId: lineNumber,
    sku: `SKU-${lineNumber}`,
    name: `Artikel ${lineNumber}`,
    unit: "EA",
    quantity: 10,
    unitPriceMinor: 1000,
    listPriceMinor: 1000,
    lineTotalMinor: 10_000,
    vatRateBasisPoints: 2100,
    priceSource: { kind: "list" },
    customerArticleNumber: null,
    confirmedDeliveryDate: null,
    gtin: null,
    ...overrides,
  };
}

function context(overrides: Partial<OrderInvoicingContext> = {}, orderOverrides: Partial<Order> = {}): OrderInvoicingContext {
  const c = overrides.company ?? company();
  const order: Order = {
    id: 1,
    orderNumber: "K100001",
    companyId: c.id,
    userId: 3,
    source: "web",
    status: "confirmed",
    poNumber: "PO-1",
    costCenter: null,
    costCenterId: null,
    approvalReasons: [],
    requestedDeliveryDate: null,
    note: null,
    shipTo: address(c.countryCode),
    billTo: null,
    currency: "EUR",
    subtotalMinor: 0,
    deliveryChargeMinor: 0,
    vatMinor: 0,
    totalMinor: 0,
    vatBreakdown: [],
    placedAt: NOW,
    erpReference: null,
    erpReferenceAt: null,
    ...orderOverrides,
  };
  return {
    order,
    lines: [orderLine(1), orderLine(2, { vatRateBasisPoints: 900, unit: "PK" }), orderLine(3, { vatRateBasisPoints: 0, quantity: 2 })],
    company: c,
    defaultBillTo: null,
    orderingUser: { name: "Jan Inkoper", email: "jan@klant.test" },
    supplier,
    purchaseOrder: null,
    shipments: [],
    shipment: null,
    invoicedByLine: new Map(),
    shipmentInvoiced: false,
    deliveryChargeInvoiced: false,
    ...overrides,
  };
}

const options = { shipmentId: null, userId: 5, charges: [] as { reason: string; amountMinor: number; vatRateBp: number }[], now: NOW };

function draftOf(outcome: ReturnType<typeof planOrderInvoice>): InvoiceDraft {
  if (!outcome.ok) throw new Error(`${outcome.failure.error}: ${outcome.failure.detail}`);
  return outcome.draft;
}

describe("helpers", () => {
  it.each([
    ["EA", "EA"],
    ["PK", "XPK"],
    ["bx", "XBX"],
    ["RO", "XRO"],
    ["KGM", "KGM"],
    ["PCE", "H87"],
    ["ST", "H87"],
    ["???", "C62"],
  ])("maps unit %s to %s", (unit, code) => expect(toPeppolUnitCode(unit)).toBe(code));

  it("adds calendar days across months and years", () => {
    expect(addDays("2026-11-28", 30)).toBe("2026-12-28");
    expect(addDays("2026-12-20", 14)).toBe("2027-01-03");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it.each([
    [{ vatTreatment: "auto", countryCode: "NL", vatId: null }, "domestic"],
    [{ vatTreatment: "auto", countryCode: "BE", vatId: "BE0123456749" }, "intra_community"],
    [{ vatTreatment: "auto", countryCode: "BE", vatId: null }, "domestic"],
    [{ vatTreatment: "auto", countryCode: "NO", vatId: "NO923609016MVA" }, "export"],
    [{ vatTreatment: "reverse_charge", countryCode: "NL", vatId: "NL123456789B01" }, "reverse_charge"],
    [{ vatTreatment: "exempt", countryCode: "BE", vatId: null }, "exempt"],
  ] as const)("resolves %o to %s", (c, regime) => expect(resolveVatRegime(c, "NL")).toBe(regime));

  it("maps rates to categories per regime", () => {
    expect(vatFor("domestic", 2100, null)).toEqual({ category: "S", rateBp: 2100 });
    expect(vatFor("domestic", 900, null)).toEqual({ category: "S", rateBp: 900 });
    expect(vatFor("domestic", 0, null)).toEqual({ category: "Z", rateBp: 0 });
    expect(vatFor("reverse_charge", 2100, null)).toEqual({ category: "AE", rateBp: 0 });
    expect(vatFor("intra_community", 900, null)).toEqual({ category: "K", rateBp: 0 });
    expect(vatFor("export", 2100, null)).toEqual({ category: "G", rateBp: 0 });
    expect(vatFor("exempt", 2100, "Art. 11")).toEqual({ category: "E", rateBp: 0, exemptionReason: "Art. 11" });
  });

  it("bills open quantities, or a shipment's quantities capped by what is open", () => {
    const lines = [orderLine(1, { quantity: 10 }), orderLine(2, { quantity: 5 })];
    expect(quantitiesToInvoice({ lines, shipment: null, invoicedByLine: new Map([[1, 4]]) })).toEqual(new Map([[1, 6], [2, 5]]));
    expect(quantitiesToInvoice({ lines, shipment: null, invoicedByLine: new Map([[1, 10], [2, 5]]) })).toEqual(new Map());
    const shipment = { lines: [{ lineNumber: 1, quantity: 8 }, { lineNumber: 2, quantity: 2 }] } as OrderShipment;
    expect(quantitiesToInvoice({ lines, shipment, invoicedByLine: new Map([[1, 4]]) })).toEqual(new Map([[1, 6], [2, 2]]));
  });
});

describe("planOrderInvoice", () => {
  it("builds a valid domestic invoice: rates, units, references, due date, payment means, numbered by the transaction", () => {
    const draft = draftOf(planOrderInvoice(context({}, { costCenter: "CC-1" }), { ...options, charges: [{ reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 }] }));
    expect(draft).toMatchObject({ kind: "invoice", series: "F", year: 2026, issueDate: "2026-11-28", dueDate: "2026-12-28", locale: "nl", createdByUserId: 5, channels: ["peppol"] });
    const doc = draft.documentFor("F2026-00042");
    expect(validateInvoiceInput(doc)).toEqual([]);
    expect(doc).toMatchObject({ number: "F2026-00042", buyerReference: "PO-1", orderReference: "PO-1", salesOrderReference: "K100001", accountingCost: "CC-1" });
    expect(doc.paymentMeans).toEqual({ code: "58", iban: "NL91ABNA0417164300", paymentId: "F2026-00042" });
    expect(doc.lines.map((l) => [l.id, l.unitCode, l.vat.category, l.vat.rateBp])).toEqual([
      ["1", "EA", "S", 2100],
      ["2", "XPK", "S", 900],
      ["3", "EA", "Z", 0],
    ]);
    expect(doc.customer).toMatchObject({ legalId: { scheme: "0106", id: "12345678" }, vatId: "NL123456789B01", contact: { name: "Jan Inkoper", email: "jan@klant.test" } });
    expect(doc.supplier).toMatchObject({ legalId: { scheme: "0106", id: "87654321" }, tradingName: "Koppel" });
    // 100.00 + 6.95 at 21 % = 22.4595 → 22.46; 100.00 at 9 % = 9.00; 20.00 at 0 %.
    expect(draft.totals).toMatchObject({ lineExtensionMinor: 22_000, chargeTotalMinor: 695, taxMinor: 2246 + 900, payableMinor: 22_695 + 3146 });
    expect(draft.lines.map((l) => [l.lineId, l.orderLineNumber, l.quantity, l.netMinor])).toEqual([
      ["1", 1, 10, 10_000],
      ["2", 2, 10, 10_000],
      ["3", 3, 2, 2000],
    ]);
  });

  it("bills to the order's BillTo, or the customer's bill-to on file when the buyer's BillTo has no street (NL-R-004)", () => {
    const onFile = { ...address("NL"), street: "Factuurweg 9", city: "Utrecht", id: 7, companyId: 1, kind: "bill_to" as const, label: "Hoofdkantoor", isDefault: true, externalId: null };
    const billed = (billTo: Order["billTo"], defaultBillTo: OrderInvoicingContext["defaultBillTo"]) =>
      draftOf(planOrderInvoice(context({ defaultBillTo }, { billTo }), options)).documentFor("F2026-00001").customer.address;
    expect(billed({ ...address("NL"), street: "Orderstraat 1" }, onFile)).toMatchObject({ street: "Orderstraat 1" });
    expect(billed({ name: "Inkoop", attention: null, street: "", postalCode: "", city: "", countryCode: "NL" }, onFile)).toMatchObject({ street: "Factuurweg 9", city: "Utrecht" });
    expect(billed({ name: "Inkoop", attention: null, street: "", postalCode: "", city: "", countryCode: "NL" }, null)).toMatchObject({ street: "Straat 1" });
  });

  it("names the bill-to address's attention line as the buyer's contact point (BT-56), else whoever ordered", () => {
    const contactOf = (billTo: Order["billTo"]) => draftOf(planOrderInvoice(context({}, { billTo }), options)).documentFor("F2026-00001").customer.contact;
    expect(contactOf({ ...address("NL"), attention: "Crediteurenadministratie" })).toEqual({ name: "Crediteurenadministratie", email: "jan@klant.test" });
    expect(contactOf({ ...address("NL"), attention: "  " })).toEqual({ name: "Jan Inkoper", email: "jan@klant.test" });
    expect(contactOf(null)).toEqual({ name: "Jan Inkoper", email: "jan@klant.test" });
  });

  it("takes document-level discounts per VAT rate, never more than is billed at that rate", () => {
    const draft = draftOf(planOrderInvoice(context(), { ...options, allowances: [{ reason: "Volumekorting", amountMinor: 1000, vatRateBp: 2100 }] }));
    const doc = draft.documentFor("F2026-00043");
    expect(validateInvoiceInput(doc)).toEqual([]);
    expect(doc.allowancesCharges).toEqual([{ isCharge: false, reason: "Volumekorting", reasonCode: "95", amountMinor: 1000, vat: { category: "S", rateBp: 2100 } }]);
    // 100.00 − 10.00 at 21 % = 18.90; 100.00 at 9 % = 9.00; 20.00 at 0 %.
    expect(draft.totals).toMatchObject({ lineExtensionMinor: 22_000, allowanceTotalMinor: 1000, taxExclusiveMinor: 21_000, taxMinor: 1890 + 900 });
    expect(planOrderInvoice(context(), { ...options, allowances: [{ reason: "Te veel", amountMinor: 10_001, vatRateBp: 900 }] })).toMatchObject({
      ok: false,
      failure: { error: "invalid_input" },
    });
  });

  it("refuses statuses that may not be invoiced and nothing left to invoice", () => {
    for (const status of ["awaiting_approval", "rejected", "cancelled", "needs_review"] as const) {
      expect(planOrderInvoice(context({}, { status }), options)).toMatchObject({ ok: false, failure: { error: "invalid_status" } });
    }
    for (const status of ["placed", "accepted", "confirmed", "shipped"] as const) {
      expect(planOrderInvoice(context({}, { status }), options).ok).toBe(true);
    }
    const invoiced = new Map([[1, 10], [2, 10], [3, 2]]);
    expect(planOrderInvoice(context({ invoicedByLine: invoiced }), options)).toMatchObject({ ok: false, failure: { error: "nothing_to_invoice" } });
  });

  it("uses cXML references: orderID as order and buyer reference, PO line numbers", () => {
    const draft = draftOf(
      planOrderInvoice(
        context({ purchaseOrder: { buyerOrderId: "4500012345", payloadId: "p@x", orderDate: null } }, { poNumber: null, source: "cxml" }),
        options,
      ),
    );
    const doc = draft.documentFor("F2026-00001");
    expect(doc).toMatchObject({ buyerReference: "4500012345", orderReference: "4500012345" });
    expect(doc.lines.map((l) => l.orderLineReference)).toEqual(["1", "2", "3"]);
  });

  it.each([
    ["a customer article number", "KLANT-4711", "KLANT-4711"],
    ["one with surrounding blanks", "  KLANT 12/B ", "KLANT 12/B"],
    ["none", null, undefined],
    ["a blank one", "   ", undefined],
  ] as const)("takes the buyer's item id (BT-156) from the order line: %s", (_, customerArticleNumber, expected) => {
    const lines = [orderLine(1, { customerArticleNumber }), orderLine(2)];
    const doc = draftOf(planOrderInvoice(context({ lines }), options)).documentFor("F2026-00001");
    expect(validateInvoiceInput(doc)).toEqual([]);
    expect(doc.lines.map((l) => [l.sku, l.buyersItemId])).toEqual([
      ["SKU-1", expected],
      ["SKU-2", undefined],
    ]);
    expect("buyersItemId" in doc.lines[1]!).toBe(false);
  });

  it("intra-community supply: K on every line with delivery date and country", () => {
    const be = company({ countryCode: "BE", kvkNumber: "0123456749", vatId: "BE0123456749", peppolScheme: "0208", peppolId: "0123456749" });
    const shipment = { id: 9, shipmentNumber: "K1-S1", createdAt: new Date("2026-11-26T15:00:00Z"), lines: [{ lineNumber: 1, quantity: 3 }] } as OrderShipment;
    const draft = draftOf(planOrderInvoice(context({ company: be, shipments: [shipment], shipment }), { ...options, shipmentId: 9 }));
    const doc = draft.documentFor("F2026-00001");
    expect(doc.lines.map((l) => [l.quantity, l.vat.category])).toEqual([[3, "K"]]);
    expect(doc.delivery).toMatchObject({ date: "2026-11-26", address: { countryCode: "BE" } });
    expect(doc.customer.legalId).toEqual({ scheme: "0208", id: "0123456749" });
    expect(draft.shipmentId).toBe(9);
  });

  it("reports missing master data", () => {
    expect(planOrderInvoice(context({ supplier: null }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing" } });
    const exempt = company({ vatTreatment: "exempt" });
    expect(planOrderInvoice(context({ company: exempt }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing" } });
    const reverse = company({ vatTreatment: "reverse_charge", vatId: null });
    expect(planOrderInvoice(context({ company: reverse }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing" } });
    const noPeppol = company({ peppolScheme: null, peppolId: null });
    expect(planOrderInvoice(context({ company: noPeppol }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing" } });
    const noKvk = company({ kvkNumber: null, peppolScheme: "9944", peppolId: "NL123456789B01" });
    expect(planOrderInvoice(context({ company: noKvk }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing", detail: expect.stringMatching(/NL-R-005/) } });
    const badIban = { ...supplier, iban: "NL00ABNA0000000000" };
    expect(planOrderInvoice(context({ supplier: badIban }), options)).toMatchObject({ ok: false, failure: { error: "master_data_missing", detail: expect.stringMatching(/IBAN/) } });
  });

  it("is in the customer's document language, whoever ordered, and states the payment terms in it", () => {
    const dutch = draftOf(planOrderInvoice(context(), options));
    expect(dutch.locale).toBe("nl");
    expect(dutch.documentFor("F2026-00001").paymentTerms).toBe("Betaling binnen 30 dagen na factuurdatum");
    const draft = draftOf(planOrderInvoice(context({ company: company({ documentLocale: "en" }) }), options));
    expect(draft.locale).toBe("en");
    expect(draft.documentFor("F2026-00001").paymentTerms).toBe("Payment within 30 days of the invoice date");
    expect(draftOf(planOrderInvoice(context({ orderingUser: null, company: company({ documentLocale: "en" }) }), options)).locale).toBe("en");
  });

  it("names a line as the catalog does in the document's language; a name not from the catalog as ordered", () => {
    const names = { nl: "Nitril handschoenen", en: "Nitrile gloves" };
    const lines = [
      orderLine(1, { name: "Nitrile gloves", productNames: names }),
      orderLine(2, { name: "Gloves per buyer's PO text", productNames: names }),
      orderLine(3, { name: "Verdwenen artikel", productNames: null }),
      // No English name yet (stored empty): the English document has the Dutch one, never an empty name.
      orderLine(4, { name: "Kettingolie", productNames: { nl: "Kettingolie", en: "" } }),
    ];
    const nl = draftOf(planOrderInvoice(context({ lines }), options)).documentFor("F2026-00001");
    expect(nl.lines.map((line) => line.name)).toEqual(["Nitril handschoenen", "Gloves per buyer's PO text", "Verdwenen artikel", "Kettingolie"]);
    const en = draftOf(planOrderInvoice(context({ lines, company: company({ documentLocale: "en" }) }), options)).documentFor("F2026-00001");
    expect(en.lines.map((line) => line.name)).toEqual(["Nitrile gloves", "Gloves per buyer's PO text", "Verdwenen artikel", "Kettingolie"]);
  });
});

describe("planCreditNote", () => {
  const invoiceDraft = draftOf(planOrderInvoice(context(), { ...options, charges: [{ reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 }] }));
  const invoice = {
    id: 11,
    kind: "invoice",
    number: "F2026-00042",
    issueDate: "2026-11-28",
    companyId: 7,
    orderId: 1,
    currency: "EUR",
    locale: "nl",
    document: invoiceDraft.documentFor("F2026-00042"),
  } as Invoice;
  const lines = invoiceDraft.lines.map((l, i) => ({ ...l, id: i + 1, invoiceId: 11 })) as InvoiceLineRow[];
  const creditContext = (overrides: Partial<CreditNoteContext> = {}): CreditNoteContext => ({
    invoice,
    lines,
    creditedByLineId: new Map(),
    allowancesChargesCredited: false,
    company: company(),
    ...overrides,
  });
  const creditOptions = { reason: "Retour", userId: null, now: new Date("2026-12-02T10:00:00Z") };

  it("credits everything incl. the charge with a reference to the invoice and the same parties", () => {
    const outcome = planCreditNote(creditContext(), { ...creditOptions, lines: "all" });
    if (!outcome.ok) throw new Error(outcome.failure.detail);
    const doc = outcome.draft.documentFor("C2026-00001");
    expect(validateInvoiceInput(doc)).toEqual([]);
    expect(doc).toMatchObject({ kind: "credit_note", issueDate: "2026-12-02", billingReference: { invoiceNumber: "F2026-00042", issueDate: "2026-11-28" }, note: "Retour" });
    expect(doc.customer).toEqual(invoice.document.customer);
    expect(doc.dueDate).toBeUndefined();
    expect(outcome.draft).toMatchObject({ series: "C", creditedInvoiceId: 11, dueDate: null, locale: "nl" });
    expect(outcome.draft.totals.payableMinor).toBe(invoiceDraft.totals.payableMinor);
  });

  it("is in the customer's document language at the time of the credit note", () => {
    const outcome = planCreditNote(creditContext({ company: company({ documentLocale: "en" }) }), { ...creditOptions, lines: "all" });
    if (!outcome.ok) throw new Error(outcome.failure.detail);
    expect(outcome.draft.locale).toBe("en");
  });

  it("repeats the invoice line's buyer's item id (BT-156) on the credited line", () => {
    const lines1 = [orderLine(1, { customerArticleNumber: "KLANT-1" }), orderLine(2)];
    const withIds = draftOf(planOrderInvoice(context({ lines: lines1 }), options));
    const original = { ...invoice, document: withIds.documentFor("F2026-00042") } as Invoice;
    const outcome = planCreditNote(creditContext({ invoice: original }), { ...creditOptions, lines: [{ lineId: "1", quantity: 2 }, { lineId: "2", quantity: 1 }] });
    if (!outcome.ok) throw new Error(outcome.failure.detail);
    expect(outcome.draft.documentFor("C2026-00001").lines.map((l) => [l.id, l.quantity, l.buyersItemId])).toEqual([
      ["1", 2, "KLANT-1"],
      ["2", 1, undefined],
    ]);
  });

  it("credits single lines within what is not yet credited, without the charges", () => {
    const ctx = creditContext({ creditedByLineId: new Map([["1", 7]]) });
    expect(planCreditNote(ctx, { ...creditOptions, lines: [{ lineId: "1", quantity: 4 }] })).toMatchObject({ ok: false, failure: { error: "invalid_input" } });
    const outcome = planCreditNote(ctx, { ...creditOptions, lines: [{ lineId: "1", quantity: 3 }] });
    if (!outcome.ok) throw new Error(outcome.failure.detail);
    expect(outcome.draft.lines).toEqual([{ lineId: "1", orderLineNumber: 1, quantity: 3, netMinor: 3000 }]);
    expect(outcome.draft.totals.chargeTotalMinor).toBe(0);
    const rest = planCreditNote(ctx, { ...creditOptions, lines: "all" });
    expect(rest.ok && rest.draft.lines.map((l) => [l.lineId, l.quantity])).toEqual([["1", 3], ["2", 10], ["3", 2]]);
  });

  it("refuses a fully credited invoice and crediting a credit note", () => {
    const credited = creditContext({ creditedByLineId: new Map([["1", 10], ["2", 10], ["3", 2]]), allowancesChargesCredited: true });
    expect(planCreditNote(credited, { ...creditOptions, lines: "all" })).toMatchObject({ ok: false, failure: { error: "nothing_to_invoice" } });
    const creditNote = creditContext({ invoice: { ...invoice, kind: "credit_note" } });
    expect(planCreditNote(creditNote, { ...creditOptions, lines: "all" })).toMatchObject({ ok: false, failure: { error: "invalid_input" } });
  });
});
