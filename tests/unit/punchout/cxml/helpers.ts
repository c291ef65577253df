import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { CxmlHeaderParties } from "@/lib/punchout/cxml/build-header";
import { parseCxmlConnectionSettings } from "@/lib/punchout/cxml/connection-settings";
import { type CxmlDocument, type CxmlResult, parseCxml } from "@/lib/punchout/cxml/xml";
import type { PunchoutCart, PunchoutItem } from "@/lib/punchout/types";
import { CXML_VALIDATOR, SHARED_DIR } from "@/tests/support/shared-dir";

export const SHARED_CXML = path.join(SHARED_DIR, "cxml");
export const VALIDATOR = CXML_VALIDATOR;

function listXml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listXml(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .filter((file) => file.endsWith(".xml"))
    .sort();
}

/** Every example and sample, as [path relative to shared/cxml, bytes]. */
export const SHARED_FILES: [string, Buffer][] = listXml(SHARED_CXML).map((file) => [
  path.relative(SHARED_CXML, file),
  readFileSync(file),
]);

export function sharedFile(relative: string): Buffer {
  return readFileSync(path.join(SHARED_CXML, relative));
}

/** Unwraps an ok result or fails the test with the error. */
export function unwrap<T>(result: CxmlResult<T>): T {
  if (!result.ok) expect.fail(`${result.error.kind} (${result.error.code}): ${result.error.message}`);
  return result.value;
}

export function parseDoc(input: string | Buffer): CxmlDocument {
  return unwrap(parseCxml(input));
}

export const NOW = new Date("2025-11-28T09:00:00Z");

export const SUPPLIER_PARTIES: CxmlHeaderParties = {
  from: [{ domain: "DUNS", identity: "123456789" }],
  to: [{ domain: "NetworkID", identity: "AN01000000001" }],
  sender: { domain: "DUNS", identity: "123456789" },
  userAgent: "Koppel cXML 1.0",
};

export const DEFAULT_SETTINGS = parseCxmlConnectionSettings({});

export function item(overrides: Partial<PunchoutItem> = {}): PunchoutItem {
  return {
    lineReference: "cart:8842;line:1",
    sku: "ART-10001",
    buyerPartNumber: null,
    productKey: "p-10001",
    description: "Kabelbinder 200mm zwart",
    longText: "Kabelbinder 200 x 4,8 mm, zwart, UV-bestendig, zak à 100 stuks",
    language: "nl",
    quantity: 10,
    unit: "PK",
    unitPriceMinor: 1234,
    priceBasisQuantity: 1,
    currency: "EUR",
    vatRateBasisPoints: 2100,
    leadTimeDays: 2,
    manufacturerName: "HellermannTyton",
    manufacturerPartNumber: "T50R-PA66W-BK",
    gtin: "8712345678906",
    unspsc: "39131711",
    categoryCode: "CAT-1",
    brand: "HT",
    imageUrl: null,
    attributes: { color: "zwart" },
    quote: null,
    documents: [],
    ...overrides,
  };
}

/** Cart whose total is computed like the pricing module does (quantity × price / basis). */
export function cart(items: PunchoutItem[]): PunchoutCart {
  return {
    items,
    currency: "EUR",
    totalMinor: items.reduce((sum, i) => sum + Math.round((i.quantity * i.unitPriceMinor) / i.priceBasisQuantity), 0),
  };
}
