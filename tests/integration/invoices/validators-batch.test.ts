/**
 * Issues 30+ invoices and credit notes from real orders (web checkout and cXML OrderRequest intake)
 * for every VAT situation we support, renders them as Peppol BIS 3 and NLCIUS UBL and as cXML
 * InvoiceDetailRequest, and runs ALL of them through the official validators in one call each
 * (EINVOICE.md §1). Zero fatal findings allowed; every finding is printed on failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getInvoiceById } from "@/lib/data/invoices";
import { buildCxmlInvoiceDetailRequest } from "@/lib/einvoice/build-cxml-invoice";
import { buildUblXml } from "@/lib/einvoice/build-ubl";
import type { InvoiceDocument, VatCategory } from "@/lib/einvoice/types";
import { issueCreditNote, issueInvoiceForOrder, type IssueResult } from "@/lib/invoices/issue-invoice";
import { createCategory, createProduct } from "../../support/fixtures";
import {
  CXML_VALIDATOR,
  UBL_VALIDATOR,
  createInvoiceCustomer,
  createSupplierProfile,
  gtin13,
  placeCxmlOrder,
  placeWebOrder,
  runValidatorBatch,
  setCustomerArticleNumbers,
  shipOrder,
  validatorsMissing,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");

type Product = Awaited<ReturnType<typeof createProduct>>;
const documents: { label: string; doc: InvoiceDocument; cxml?: { payloadId: string } }[] = [];

async function collect(label: string, result: IssueResult, cxml?: { payloadId: string }): Promise<number> {
  if (!result.ok) throw new Error(`${label}: ${result.error} ${result.detail ?? ""}`);
  const invoice = await getInvoiceById(result.invoice.id);
  documents.push({ label, doc: invoice!.document, ...(cxml ? { cxml } : {}) });
  return result.invoice.id;
}

const SHIPPING = { reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  const make = (overrides: Parameters<typeof createProduct>[2]) => createProduct(handle, category.id, { stock: 10_000, ...overrides });
  const paper: Product = await make({ listPriceMinor: 599, vatRateBasisPoints: 2100, gtin: gtin13("871010391752") });
  const coffee: Product = await make({ listPriceMinor: 899, vatRateBasisPoints: 900, unit: "PK" });
  const book: Product = await make({ listPriceMinor: 2450, vatRateBasisPoints: 0 });
  const folders: Product = await make({ listPriceMinor: 1333, vatRateBasisPoints: 2100, unit: "BX" });
  const tape: Product = await make({ listPriceMinor: 249, vatRateBasisPoints: 2100, unit: "RO" });
  const web = (c: InvoiceCustomer, items: [Product, number][], poNumber?: string, costCenter?: string) =>
    placeWebOrder(c, items.map(([p, quantity]) => ({ sku: p.sku, quantity })), { poNumber, costCenter, now: NOW }).then((o) => o.id);
  const invoice = (label: string, orderId: number, extra: { shipmentId?: number; charges?: (typeof SHIPPING)[]; allowances?: (typeof SHIPPING)[] } = {}, cxml?: { payloadId: string }) =>
    issueInvoiceForOrder({ orderId, userId: null, now: NOW, ...extra }).then((r) => collect(label, r, cxml));
  const credit = (label: string, invoiceId: number, lines: "all" | { lineId: string; quantity: number }[], cxml?: { payloadId: string }) =>
    issueCreditNote({ invoiceId, lines, reason: `Creditering: ${label}`, userId: null, now: NOW }).then((r) => collect(label, r, cxml));

  // NL domestic (S 21 / S 9 / Z), Peppol + e-mail.
  const nl = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01", peppolScheme: "0106", peppolId: "12345678", invoiceChannels: ["peppol", "email"] });
  const nlEn = await createInvoiceCustomer(handle, { kvkNumber: "11223344", invoiceChannels: ["nlcius"], paymentTermsDays: 14, documentLocale: "en" }, { locale: "en" });
  const nl1 = await invoice("NL three rates + shipping", await web(nl, [[paper, 10], [coffee, 3], [book, 2]], "PO-1001", "CC-FAC"), { charges: [SHIPPING] });
  const nl2 = await invoice("NL 21% only, no PO (order number as buyer reference)", await web(nl, [[paper, 1], [folders, 2], [tape, 7]]));
  await invoice("NL 9% only", await web(nl, [[coffee, 12]], "PO-1003"));
  const discounted = await invoice("NL shipping charge and discounts at 21 % and 9 %", await web(nl, [[paper, 20], [coffee, 5]], "PO-1006"), {
    charges: [SHIPPING],
    allowances: [
      { reason: "Volumekorting", amountMinor: 1500, vatRateBp: 2100 },
      { reason: "Korting koffie", amountMinor: 199, vatRateBp: 900 },
    ],
  });
  await credit("NL full credit of a discounted invoice", discounted, "all");
  await invoice("NL zero-rated only + zero-rated charge", await web(nl, [[book, 4]], "PO-1004"), { charges: [{ reason: "Administratiekosten", amountMinor: 250, vatRateBp: 0 }] });
  await invoice("NL english buyer, derived KvK endpoint", await web(nlEn, [[paper, 3], [coffee, 1]], "PO-EN-1"), { charges: [SHIPPING] });
  const partialOrder = await web(nl, [[paper, 10], [coffee, 6], [book, 1]], "PO-1005", "CC-LOG");
  await invoice("NL shipment 1 of 2", partialOrder, { shipmentId: await shipOrder(partialOrder, [{ lineNumber: 1, quantity: 4 }, { lineNumber: 2, quantity: 6 }]), charges: [SHIPPING] });
  const nlRest = await invoice("NL shipment 2 of 2", partialOrder, { shipmentId: await shipOrder(partialOrder, null) });
  await credit("NL credit per line (partial quantity)", nl1, [{ lineId: "1", quantity: 3 }]);
  await credit("NL credit rest incl. shipping", nl1, "all");
  await credit("NL full credit", nl2, "all");
  await credit("NL credit of shipment invoice, two lines", nlRest, [{ lineId: "1", quantity: 2 }, { lineId: "3", quantity: 1 }]);

  // NL customer on cXML (Ariba-style): orderID, PO line numbers, cost center from the distribution.
  const ariba = await createInvoiceCustomer(handle, { kvkNumber: "22334455", vatId: "NL223344556B01", peppolScheme: "0106", peppolId: "22334455", invoiceChannels: ["cxml", "peppol"] });
  const cx = (p: Product, quantity: number) => ({ productId: p.id, sku: p.sku, quantity, unitPriceMinor: p.listPriceMinor, vatRateBasisPoints: p.vatRateBasisPoints, unit: p.unit });
  const po1 = await placeCxmlOrder(handle, ariba, [cx(paper, 20), cx(coffee, 4), cx(book, 1)], { orderId: "4500010001", now: NOW, costCenter: "KST-4711" });
  const cx1 = await invoice("cXML order, three rates + shipping", po1.orderId, { charges: [SHIPPING] }, po1);
  await credit("cXML per-line credit", cx1, [{ lineId: "2", quantity: 1 }], po1);
  await credit("cXML credit rest", cx1, "all", po1);
  const po2 = await placeCxmlOrder(handle, ariba, [cx(folders, 5), cx(tape, 12)], { orderId: "4500010002", now: NOW });
  await invoice("cXML shipment 1", po2.orderId, { shipmentId: await shipOrder(po2.orderId, [{ lineNumber: 2, quantity: 5 }]) }, po2);
  const cx3 = await invoice("cXML shipment 2", po2.orderId, { shipmentId: await shipOrder(po2.orderId, null) }, po2);
  await credit("cXML shipment credit", cx3, [{ lineId: "1", quantity: 5 }], po2);

  // Buyer's item ids (BT-156): a web customer's own article numbers (customer_article_numbers,
  // snapshot on the order lines at checkout) and a cXML PO's ItemID/BuyerPartID.
  const own = await createInvoiceCustomer(handle, { kvkNumber: "55667788", vatId: "NL556677889B01", peppolScheme: "0106", peppolId: "55667788", invoiceChannels: ["peppol", "nlcius"] });
  await setCustomerArticleNumbers(handle, own, [
    { productId: paper.id, articleNumber: "MAT-000471100" },
    { productId: coffee.id, articleNumber: "K&L <koffie> 12/B" },
  ]);
  const own1 = await invoice("NL customer article numbers on two of three lines", await web(own, [[paper, 4], [book, 1], [coffee, 2]], "PO-OWN-1"), { charges: [SHIPPING] });
  await credit("NL credit of a line with a customer article number", own1, [{ lineId: "1", quantity: 1 }]);
  const poOwn = await placeCxmlOrder(handle, ariba, [{ ...cx(paper, 6), buyerPartId: "ARIBA-MAT-1001" }, cx(folders, 2), { ...cx(tape, 3), buyerPartId: "ARIBA-MAT-1003" }], { orderId: "4500010003", now: NOW });
  const cxOwn = await invoice("cXML order with BuyerPartIDs", poOwn.orderId, {}, poOwn);
  await credit("cXML credit with BuyerPartID", cxOwn, [{ lineId: "3", quantity: 1 }], poOwn);

  // BE customer with VAT id: intra-community supply (K), delivered in Belgium.
  const be = await createInvoiceCustomer(handle, { countryCode: "BE", kvkNumber: "0123456749", vatId: "BE0123456749", peppolScheme: "0208", peppolId: "0123456749", invoiceChannels: ["peppol"] });
  const be1 = await invoice("BE intra-community + shipping", await web(be, [[paper, 50], [coffee, 10], [book, 3]], "BE-PO-77"), { charges: [SHIPPING] });
  await invoice("BE intra-community, one line", await web(be, [[folders, 1]], "BE-PO-78"));
  await credit("BE intra-community credit per line", be1, [{ lineId: "1", quantity: 10 }]);
  await credit("BE intra-community credit rest", be1, "all");
  // BE customer without VAT id: taxed as domestic (NL VAT).
  const beNoVat = await createInvoiceCustomer(handle, { countryCode: "BE", kvkNumber: "0403150509", invoiceChannels: ["email"] });
  await invoice("BE without VAT id: domestic rates", await web(beNoVat, [[paper, 2], [coffee, 2]], "BE-NOVAT"));

  // DE customer on cXML: intra-community supply with PO line references.
  const de = await createInvoiceCustomer(handle, { countryCode: "DE", vatId: "DE123456789", peppolScheme: "9930", peppolId: "DE123456789", invoiceChannels: ["cxml"] });
  const poDe = await placeCxmlOrder(handle, de, [cx(paper, 100), cx(tape, 24)], { orderId: "DE-2026-0042", now: NOW });
  const de1 = await invoice("DE cXML intra-community", poDe.orderId, { charges: [SHIPPING] }, poDe);
  await credit("DE cXML intra-community credit", de1, "all", poDe);

  // Export outside the EU (G): Norway (org number endpoint) and Switzerland (GLN endpoint).
  const no = await createInvoiceCustomer(handle, { countryCode: "NO", kvkNumber: "923609016", vatId: "NO923609016MVA", peppolScheme: "0192", peppolId: "923609016", invoiceChannels: ["peppol"], documentLocale: "en" }, { locale: "en" });
  const no1 = await invoice("NO export + shipping", await web(no, [[paper, 5], [book, 2], [coffee, 1]], "NO-PO-5"), { charges: [SHIPPING] });
  await invoice("NO export, one line", await web(no, [[folders, 3]], "NO-PO-6"));
  await credit("NO export credit", no1, [{ lineId: "2", quantity: 2 }]);
  const ch = await createInvoiceCustomer(handle, { countryCode: "CH", peppolScheme: "0088", peppolId: gtin13("761234567890"), invoiceChannels: ["email"], documentLocale: "en" }, { locale: "en" });
  await invoice("CH export (GLN endpoint)", await web(ch, [[paper, 2], [tape, 4]], "CH-1"));

  // Reverse charge (AE) for an NL customer with a VAT id.
  const rc = await createInvoiceCustomer(handle, { kvkNumber: "33445566", vatId: "NL334455667B01", peppolScheme: "9944", peppolId: "NL334455667B01", vatTreatment: "reverse_charge", invoiceChannels: ["peppol"] });
  const rc1 = await invoice("NL reverse charge + shipping", await web(rc, [[paper, 8], [coffee, 8]], "RC-1"), { charges: [SHIPPING] });
  await invoice("NL reverse charge, one line", await web(rc, [[folders, 2]], "RC-2"));
  await credit("NL reverse charge credit", rc1, "all");

  // Exempt (E) with the customer's exemption reason.
  const ex = await createInvoiceCustomer(handle, {
    kvkNumber: "44556677",
    vatTreatment: "exempt",
    vatExemptionReason: "Vrijgesteld van btw (art. 11 lid 1 Wet OB 1968)",
    invoiceChannels: ["email"],
  });
  const ex1 = await invoice("NL exempt + shipping", await web(ex, [[paper, 2], [book, 1]], "EX-1"), { charges: [SHIPPING] });
  await invoice("NL exempt, 9% product", await web(ex, [[coffee, 5]], "EX-2"));
  await credit("NL exempt credit per line", ex1, [{ lineId: "1", quantity: 1 }]);
}, 300_000);
afterAll(() => db.dispose());

describe("invoices and credit notes from real orders pass the official validators", () => {
  it("covers the required variety", () => {
    expect(documents.length).toBeGreaterThanOrEqual(30);
    const categories = new Set<VatCategory>(documents.flatMap(({ doc }) => doc.lines.map((l) => l.vat.category)));
    expect([...categories].sort()).toEqual(["AE", "E", "G", "K", "S", "Z"]);
    expect(new Set(documents.flatMap(({ doc }) => doc.lines.filter((l) => l.vat.category === "S").map((l) => l.vat.rateBp)))).toEqual(new Set([2100, 900]));
    expect(documents.filter(({ doc }) => doc.kind === "credit_note").length).toBeGreaterThanOrEqual(10);
    expect(documents.some(({ doc }) => doc.allowancesCharges?.length)).toBe(true);
    expect(documents.filter((d) => d.cxml).length).toBeGreaterThanOrEqual(8);
  });

  it("carries the buyer's item id (BT-156) from the order lines onto invoices and their credit notes", () => {
    const ids = (label: string) => {
      const found = documents.find((d) => d.label === label);
      if (!found) throw new Error(`no document "${label}"`);
      return found.doc.lines.map((l) => [l.id, l.buyersItemId]);
    };
    expect(ids("NL customer article numbers on two of three lines")).toEqual([["1", "MAT-000471100"], ["2", undefined], ["3", "K&L <koffie> 12/B"]]);
    expect(ids("NL credit of a line with a customer article number")).toEqual([["1", "MAT-000471100"]]);
    expect(ids("cXML order with BuyerPartIDs")).toEqual([["1", "ARIBA-MAT-1001"], ["2", undefined], ["3", "ARIBA-MAT-1003"]]);
    expect(ids("cXML credit with BuyerPartID")).toEqual([["3", "ARIBA-MAT-1003"]]);
    // Orders without article numbers stay without the element.
    expect(documents.filter(({ doc }) => doc.lines.some((l) => l.buyersItemId !== undefined))).toHaveLength(4);
  });

  it.skipIf(validatorsMissing !== null && !process.env.CI)(`UBL (Peppol BIS 3 and NLCIUS) in one validate-ubl.sh call${validatorsMissing ? ` — SKIPPED: ${validatorsMissing}` : ""}`, () => {
    const files: Record<string, string> = {};
    documents.forEach(({ label, doc }, index) => {
      const name = `${String(index + 1).padStart(2, "0")}-${doc.number}-${label}`;
      files[`${name}-peppol`] = buildUblXml(doc, "peppol");
      files[`${name}-nlcius`] = buildUblXml(doc, "nlcius");
    });
    // BT-156 is in the batch: Peppol and NLCIUS, invoices and credit notes (4 documents × 2 profiles).
    expect(Object.values(files).filter((xml) => xml.includes("<cac:BuyersItemIdentification>"))).toHaveLength(8);
    const result = runValidatorBatch(UBL_VALIDATOR, files);
    if (result.fatal.length > 0 || result.status !== 0) console.error(`validate-ubl.sh findings:\n${result.fatal.join("\n") || result.output}`);
    expect(result.files).toBeGreaterThanOrEqual(60);
    expect(result.fatal).toEqual([]);
    expect(result.status).toBe(0);
  }, 300_000);

  it.skipIf(validatorsMissing !== null && !process.env.CI)(`cXML InvoiceDetailRequest in one validate-cxml.sh call${validatorsMissing ? ` — SKIPPED: ${validatorsMissing}` : ""}`, () => {
    const files: Record<string, string> = {};
    documents.forEach(({ label, doc, cxml }, index) => {
      if (!cxml) return;
      files[`${String(index + 1).padStart(2, "0")}-${doc.number}-${label}`] = buildCxmlInvoiceDetailRequest(doc, {
        payloadId: `${doc.number}@koppel.test`,
        now: NOW,
        from: { domain: "NetworkID", identity: "AN-KOPPEL" },
        to: { domain: "NetworkID", identity: "AN-BUYER" },
        sender: { domain: "NetworkID", identity: "AN-KOPPEL", sharedSecret: "dummy-secret" },
        userAgent: "Koppel test",
        order: { payloadId: cxml.payloadId, orderDate: "2026-11-28T10:59:00+01:00" },
      });
    });
    // The cXML invoice and credit memo of the PO with BuyerPartIDs carry them on InvoiceDetailItemReference/ItemID.
    expect(Object.values(files).filter((xml) => xml.includes("<BuyerPartID>ARIBA-MAT-1003</BuyerPartID>"))).toHaveLength(2);
    const result = runValidatorBatch(CXML_VALIDATOR, files);
    if (result.fatal.length > 0 || result.status !== 0) console.error(`validate-cxml.sh findings:\n${result.fatal.join("\n") || result.output}`);
    expect(result.files).toBeGreaterThanOrEqual(8);
    expect(result.fatal).toEqual([]);
    expect(result.status).toBe(0);
  }, 120_000);
});
