import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildCxmlInvoiceDetailRequest, type CxmlInvoiceEnvelope } from "@/lib/einvoice/build-cxml-invoice";
import { InvoiceValidationError } from "@/lib/einvoice/calculate";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { CUSTOMER_BE, creditNote, invoice, line } from "./fixtures";
import { CXML_VALIDATOR } from "@/tests/support/shared-dir";

const VALIDATOR = CXML_VALIDATOR;

const ENVELOPE: CxmlInvoiceEnvelope = {
  payloadId: "1764579600000.42.inv@koppel.example",
  now: new Date("2025-12-01T09:00:00.000Z"),
  from: { domain: "NetworkID", identity: "AN01000000099" },
  to: { domain: "NetworkID", identity: "AN01000000001" },
  sender: { domain: "NetworkID", identity: "AN01000000099", sharedSecret: "s3cr3t & <geheim>" },
  userAgent: "Koppel 1.0",
  order: { payloadId: "1732867200000.77.po4500012345@buyer.example.com", orderDate: "2025-11-29T08:59:30+01:00" },
};

const withPoLines = (doc: InvoiceDocument): InvoiceDocument => ({
  ...doc,
  orderReference: "4500012345",
  lines: doc.lines.map((l, i) => ({ ...l, orderLineReference: String(i + 1), sku: `ART-${i + 1}` })),
});

const DOCS: Array<[string, InvoiceDocument]> = [
  ["invoice", withPoLines(invoice({ lines: [line(1, { quantity: 10, unitPriceMinor: 1234, unitCode: "XPK", name: `Kabelbinder 200 × 4,8 mm "zwart" & <UV>` }), line(2, { quantity: 3, unitPriceMinor: 38833, priceBaseQuantity: 100, vat: { category: "S", rateBp: 900 } })] }))],
  [
    "invoice with allowance, charge and exempt line",
    withPoLines(
      invoice({
        note: "Levering in twee delen",
        lines: [line(1, { quantity: 4, unitPriceMinor: 2500 }), line(2, { vat: { category: "E", rateBp: 0, exemptionReason: "Vrijgesteld", exemptionReasonCode: "VATEX-EU-132" } })],
        allowancesCharges: [
          { isCharge: false, reason: "Korting", reasonCode: "95", amountMinor: 500, vat: { category: "S", rateBp: 2100 } },
          { isCharge: true, reason: "Vracht", reasonCode: "FC", amountMinor: 695, vat: { category: "S", rateBp: 2100 } },
        ],
      }),
    ),
  ],
  [
    "intra-community invoice",
    withPoLines(invoice({ customer: CUSTOMER_BE, lines: [line(1, { vat: { category: "K", rateBp: 0 } })], delivery: { date: "2025-11-27", address: { countryCode: "BE" } } })),
  ],
  ["credit memo", withPoLines(creditNote({ lines: [line(1, { quantity: 2, unitPriceMinor: 1234 })] }))],
  [
    "invoice with buyer part numbers",
    withPoLines(invoice({ lines: [line(1, { buyersItemId: "MAT-4711" }), line(2), line(3, { buyersItemId: `K&L <"3">` })] })),
  ],
  ["credit memo with buyer part number", withPoLines(creditNote({ lines: [line(1, { quantity: 2, buyersItemId: "MAT-4711" })] }))],
];

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ["InvoiceDetailItem", "InvoicePartner", "TaxDetail", "Modification"].includes(name) });

describe("buildCxmlInvoiceDetailRequest", () => {
  it("references the OrderRequest by orderID and payloadID and reconciles with the UBL totals", () => {
    const [, doc] = DOCS[0]!;
    const xml = buildCxmlInvoiceDetailRequest(doc, ENVELOPE);
    expect(xml).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.037/InvoiceDetail.dtd">');
    const { cXML } = parser.parse(xml);
    expect(cXML["@_payloadID"]).toBe(ENVELOPE.payloadId);
    expect(cXML["@_timestamp"]).toBe("2025-12-01T09:00:00+00:00");
    expect(cXML.Header.Sender.Credential.SharedSecret).toBe("s3cr3t & <geheim>");
    const request = cXML.Request.InvoiceDetailRequest;
    expect(request.InvoiceDetailRequestHeader["@_invoiceID"]).toBe("INV-2025-0001");
    expect(request.InvoiceDetailRequestHeader.InvoiceDetailPaymentTerm["@_payInNumberOfDays"]).toBe("30");
    const reference = request.InvoiceDetailOrder.InvoiceDetailOrderInfo.OrderReference;
    expect(reference["@_orderID"]).toBe("4500012345");
    expect(reference.DocumentReference["@_payloadID"]).toBe(ENVELOPE.order.payloadId);
    const [first, second] = request.InvoiceDetailOrder.InvoiceDetailItem;
    expect(first.InvoiceDetailItemReference["@_lineNumber"]).toBe("1");
    expect(first.InvoiceDetailItemReference.Description["#text"]).toBe(`Kabelbinder 200 × 4,8 mm "zwart" & <UV>`);
    expect(first.SubtotalAmount.Money["#text"]).toBe("123.40");
    expect(second.PriceBasisQuantity["@_quantity"]).toBe("100");
    expect(second.SubtotalAmount.Money["#text"]).toBe("11.65");
    const summary = request.InvoiceDetailSummary;
    expect(summary.SubtotalAmount.Money["#text"]).toBe("135.05");
    expect(summary.Tax.Money["#text"]).toBe("26.96"); // 123.40 × 21 % = 25.91; 11.65 × 9 % = 1.05
    expect(summary.Tax.TaxDetail.map((d: { "@_percentageRate": string }) => d["@_percentageRate"])).toEqual(["21", "9"]);
    expect(summary.DueAmount.Money["#text"]).toBe("162.01");
  });

  it("writes a credit note as a line-level credit memo with negative amounts and the original invoice", () => {
    const { cXML } = parser.parse(buildCxmlInvoiceDetailRequest(DOCS[3]![1], ENVELOPE));
    const request = cXML.Request.InvoiceDetailRequest;
    expect(request.InvoiceDetailRequestHeader["@_purpose"]).toBe("lineLevelCreditMemo");
    expect(request.InvoiceDetailRequestHeader.InvoiceIDInfo["@_invoiceID"]).toBe("INV-2025-0001");
    expect(request.InvoiceDetailOrder.InvoiceDetailItem[0]["@_quantity"]).toBe("-2");
    expect(request.InvoiceDetailOrder.InvoiceDetailItem[0].UnitPrice.Money["#text"]).toBe("12.34");
    expect(request.InvoiceDetailSummary.DueAmount.Money["#text"]).toBe("-29.86");
  });

  it.each([
    ["invoice", DOCS[4]![1], [["ART-1", "MAT-4711"], ["ART-2", undefined], ["ART-3", `K&L <"3">`]]],
    ["credit memo", DOCS[5]![1], [["ART-1", "MAT-4711"]]],
    ["invoice without buyer's item ids", DOCS[0]![1], [["ART-1", undefined], ["ART-2", undefined]]],
  ] as const)("%s: ItemID/BuyerPartID carries the buyer's item id (BT-156) after SupplierPartID, only when present", (_, doc, expected) => {
    const xml = buildCxmlInvoiceDetailRequest(doc, ENVELOPE);
    const items = parser.parse(xml).cXML.Request.InvoiceDetailRequest.InvoiceDetailOrder.InvoiceDetailItem;
    expect(items.map((item: { InvoiceDetailItemReference: { ItemID: Record<string, string> } }) => {
      const id = item.InvoiceDetailItemReference.ItemID;
      return [id.SupplierPartID, id.BuyerPartID];
    })).toEqual(expected);
    // DTD: ItemID (SupplierPartID, SupplierPartAuxiliaryID?, BuyerPartID?, IdReference*).
    for (const match of xml.matchAll(/<ItemID>([\s\S]*?)<\/ItemID>/g)) {
      expect(match[1]!.match(/<(\w+)>/g)).toEqual(match[1]!.includes("BuyerPartID") ? ["<SupplierPartID>", "<BuyerPartID>"] : ["<SupplierPartID>"]);
    }
    expect((xml.match(/<BuyerPartID>/g) ?? []).length).toBe(expected.filter(([, id]) => id !== undefined).length);
  });

  it("needs the orderID and numeric PO line numbers", () => {
    expect(() => buildCxmlInvoiceDetailRequest(invoice({ buyerReference: "X", orderReference: undefined }), ENVELOPE)).toThrow(InvoiceValidationError);
    expect(() => buildCxmlInvoiceDetailRequest(invoice(), ENVELOPE)).toThrow(/PO line number/);
  });

  let missing: string | null = existsSync(VALIDATOR) ? null : `validator script not found at ${VALIDATOR}`;
  try {
    execFileSync("sh", ["-c", "command -v xmllint"], { stdio: "ignore" });
  } catch {
    missing ??= "xmllint is not installed";
  }
  it.skipIf(missing !== null && !process.env.CI)(`${DOCS.length} documents are valid against InvoiceDetail.dtd`, async () => {
    if (missing) throw new Error(`cXML validator unavailable: ${missing}`);
    const dir = mkdtempSync(join(tmpdir(), "koppel-cxml-"));
    const files = DOCS.map(([label, doc], i) => {
      const file = join(dir, `${i + 1}-${label.replace(/\W+/g, "-")}.xml`);
      writeFileSync(file, buildCxmlInvoiceDetailRequest(doc, { ...ENVELOPE, payloadId: `${i}.${ENVELOPE.payloadId}` }));
      return file;
    });
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile("sh", [VALIDATOR, ...files], (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout + stderr }),
      );
    });
    expect(output, output).not.toMatch(/FAIL|CANNOT VALIDATE|note:/);
    expect(code, output).toBe(0);
    expect(output.match(/: OK \(DTD 1\.2\.037\/InvoiceDetail\.dtd, declared\)/g)).toHaveLength(files.length);
    rmSync(dir, { recursive: true, force: true });
  });
});
