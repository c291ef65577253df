import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPeppolOrderXml, type PeppolOrderDocument } from "@/lib/einvoice/build-peppol-order";
import { PEPPOL_ORDER_VALIDATOR } from "../../support/shared-dir";

const dir = mkdtempSync(path.join(tmpdir(), "koppel-peppol-order-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORDER: PeppolOrderDocument = {
  id: "K100042",
  issueDate: "2026-11-29",
  currency: "EUR",
  customerReference: "PO-4500012345",
  accountingCost: "KP-100",
  note: "Graag voor 10 uur leveren",
  buyer: { name: "Demo Facilities B.V.", endpoint: { scheme: "0106", id: "68750110" }, legalId: { scheme: "0106", id: "68750110" } },
  seller: {
    name: "Koppel Supplies B.V.",
    tradingName: "Koppel",
    endpoint: { scheme: "0106", id: "81734562" },
    legalId: { scheme: "0106", id: "81734562" },
    vatId: "NL864152036B01",
    address: { street: "Vliegend Hertlaan 40", city: "Utrecht", postalCode: "3526 KT", countryCode: "NL" },
  },
  delivery: { address: { street: "Stationsplein 1", city: "Amsterdam", postalCode: "1012 AB", countryCode: "NL" }, requestedDate: "2026-12-05" },
  lines: [
    { id: "1", quantity: 10, unitCode: "XPK", priceMinor: 425, lineExtensionMinor: 4250, name: "Kopieerpapier A4 & co", sku: "KP-000019", gtin: "08712345678906", buyerItemId: "MAT-4711" },
    { id: "2", quantity: 3, unitCode: "C62", priceMinor: 1999, lineExtensionMinor: 5997, name: "Tape", sku: "KP-000020" },
  ],
};

/** The official Peppol BIS Ordering validator (UBL 2.1 XSD + PEPPOL-T01 schematron). */
function validate(name: string, xml: string) {
  const file = path.join(dir, `${name}.xml`);
  writeFileSync(file, xml, "utf8");
  const run = spawnSync("sh", [PEPPOL_ORDER_VALIDATOR, "order", file], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("Peppol BIS Ordering 3 Order (T01)", () => {
  it.skipIf(!existsSync(PEPPOL_ORDER_VALIDATOR))("passes the official XSD and PEPPOL-T01 schematron, full and minimal; a wrong unit code fails it", () => {
    const full = validate("full", buildPeppolOrderXml(ORDER));
    expect(full.status, full.output).toBe(0);
    const minimal = validate(
      "minimal",
      buildPeppolOrderXml({ ...ORDER, customerReference: undefined, accountingCost: undefined, note: undefined, delivery: undefined, lines: [ORDER.lines[1]!] }),
    );
    expect(minimal.status, minimal.output).toBe(0);
    const wrong = validate("wrong", buildPeppolOrderXml({ ...ORDER, lines: [{ ...ORDER.lines[0]!, unitCode: "PK" }] }));
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/B24102|unitCode/);
  }, 30_000);

  it("carries the order's references, parties, lines and totals", () => {
    const xml = buildPeppolOrderXml(ORDER);
    expect(xml).toContain("<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3</cbc:CustomizationID>");
    expect(xml).toContain("<cbc:CustomerReference>PO-4500012345</cbc:CustomerReference>");
    expect(xml).toContain("<cbc:AccountingCost>KP-100</cbc:AccountingCost>");
    expect(xml).toContain('<cbc:EndpointID schemeID="0106">68750110</cbc:EndpointID>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="EUR">102.47</cbc:LineExtensionAmount>');
    expect(xml).toContain('<cbc:Quantity unitCode="XPK">10</cbc:Quantity>');
    expect(xml).toContain("<cac:BuyersItemIdentification>\n");
    expect(xml).toContain("Kopieerpapier A4 &amp; co");
  });

  it("refuses a line whose amount is not quantity × price instead of sending it", () => {
    expect(() => buildPeppolOrderXml({ ...ORDER, lines: [{ ...ORDER.lines[0]!, lineExtensionMinor: 4251 }] })).toThrow(/R024/);
    expect(() => buildPeppolOrderXml({ ...ORDER, lines: [] })).toThrow();
  });
});
