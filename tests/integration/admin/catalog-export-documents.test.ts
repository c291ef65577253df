// Product documents in a customer's static catalogue: BMEcat links each one in the product's MIME_INFO
// (after the photo, in the catalogue language's order, valid against the official XSD), read in one
// statement per page of the export; CIF has no place for them and reads none.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { products } from "@/db/schema";
import { catalogExportSchema, exportCustomerCatalog, type CatalogExportInput } from "@/lib/admin/catalog-export";
import { listProductDocumentsOf } from "@/lib/data/product-documents";
import { createProducts, createStaff } from "../../support/admin-fixtures";
import { addTestDocument } from "../../support/document-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { BMECAT_2005_XSD } from "../../support/shared-dir";
import { useFreshDatabase } from "../../support/test-database";

// The real data layer, its documents read counted.
vi.mock("@/lib/data/product-documents", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/data/product-documents")>();
  return { ...actual, listProductDocumentsOf: vi.fn(actual.listProductDocumentsOf) };
});

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-29T10:00:00Z");
const SHOP = "https://shop.example.nl";
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let documented: { id: number; sku: string };
let bulkCount = 0;
const keys: Record<string, string> = {};
const dir = mkdtempSync(path.join(tmpdir(), "koppel-catalog-documents-"));


beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  documented = await createProduct(handle, category.id, { listPriceMinor: 1000, imageKey: "0123456789abcdef01234567" });
  keys["certificaat"] = await addTestDocument(documented.id, "certificaat", "certificate", "en", "CE declaration", NOW);
  keys["sds-en"] = await addTestDocument(documented.id, "sds-en", "safety_data_sheet", "en", "Safety data sheet", NOW);
  keys["sds-nl"] = await addTestDocument(documented.id, "sds-nl", "safety_data_sheet", "nl", "Veiligheidsinformatieblad & etiket", NOW);
  keys["productblad"] = await addTestDocument(documented.id, "productblad", "datasheet", null, "Productblad", NOW);
  // Enough products for a second page of the export (500 per page).
  bulkCount = 520;
  await createProducts(handle, category.id, bulkCount, { prefix: "DOC-EXPORT-" });
  customer = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fresh.dispose();
});
beforeEach(() => {
  vi.mocked(listProductDocumentsOf).mockClear();
});

async function exported(overrides: Partial<CatalogExportInput>, shopUrl: string | null = SHOP) {
  const input = catalogExportSchema.parse({ format: "bmecat", scope: "all", supplierId: "AN01000000042", ...overrides });
  const file = await exportCustomerCatalog(manager, customer.company.id, input, { now: NOW, shopUrl });
  return await new Response(file.body).text();
}

/** The MIME blocks of the documented product, whitespace removed. */
function mimesOf(xml: string): string[] {
  const product = new RegExp(`<PRODUCT mode="new">\\s*<SUPPLIER_PID>${documented.sku}</SUPPLIER_PID>[\\s\\S]*?</PRODUCT>`).exec(xml)?.[0] ?? "";
  return (product.match(/<MIME>[\s\S]*?<\/MIME>/g) ?? []).map((mime) => mime.replace(/>\s+</g, "><"));
}

const pdfMime = (label: string, fileName: string, title: string, purpose: string) =>
  `<MIME><MIME_TYPE>application/pdf</MIME_TYPE><MIME_SOURCE>${SHOP}/product-documents/${documented.sku}/${keys[label]}/${fileName}</MIME_SOURCE><MIME_DESCR>${title}</MIME_DESCR><MIME_PURPOSE>${purpose}</MIME_PURPOSE></MIME>`;

describe("catalogue export with product documents", () => {
  it("BMEcat: the photo, then every document by kind in the catalogue language's order, read once per page of 500", async () => {
    const xml = await exported({ language: "nl" });
    expect(mimesOf(xml)).toEqual([
      `<MIME><MIME_TYPE>image/jpeg</MIME_TYPE><MIME_SOURCE>${SHOP}/product-images/${documented.sku}/0123456789abcdef01234567.jpg</MIME_SOURCE><MIME_PURPOSE>normal</MIME_PURPOSE></MIME>`,
      pdfMime("productblad", "productblad.pdf", "Productblad", "data_sheet"),
      pdfMime("sds-nl", "sds-nl.pdf", "Veiligheidsinformatieblad &amp; etiket", "safety_data_sheet"),
      pdfMime("sds-en", "sds-en.pdf", "Safety data sheet", "safety_data_sheet"),
      pdfMime("certificaat", "certificaat.pdf", "CE declaration", "others"),
    ]);
    // 521 products: two pages, two reads, none larger than a page.
    const calls = vi.mocked(listProductDocumentsOf).mock.calls;
    expect(calls).toHaveLength(2);
    expect(calls.map(([ids]) => ids.length)).toEqual([500, bulkCount + 1 - 500]);
  });

  it("BMEcat in English puts the English safety data sheet first", async () => {
    const sources = mimesOf(await exported({ language: "en" })).map((mime) => /<MIME_SOURCE>[^<]*\/([^/<]+)<\/MIME_SOURCE>/.exec(mime)?.[1]);
    expect(sources).toEqual(["0123456789abcdef01234567.jpg", "productblad.pdf", "sds-en.pdf", "sds-nl.pdf", "certificaat.pdf"]);
  });

  it.skipIf(!existsSync(BMECAT_2005_XSD))("BMEcat with documents is valid against the official XSD", async () => {
    const file = path.join(dir, "documents.xml");
    writeFileSync(file, await exported({ language: "nl" }), "utf8");
    const run = spawnSync("xmllint", ["--noout", "--stream", "--schema", BMECAT_2005_XSD, file], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
  });

  it("without a shop URL there is nothing to link: no MIME, and no documents read", async () => {
    expect(mimesOf(await exported({}, null))).toEqual([]);
    expect(vi.mocked(listProductDocumentsOf)).not.toHaveBeenCalled();
  });

  it("CIF has no attachment field: its rows stay as they were, and no documents are read", async () => {
    const cif = await exported({ format: "cif" });
    expect(cif).not.toContain("product-documents");
    expect(vi.mocked(listProductDocumentsOf)).not.toHaveBeenCalled();
  });

  it("a product taken out of the shop takes its documents out of the file", async () => {
    await handle.db.update(products).set({ active: false }).where(eq(products.id, documented.id));
    try {
      expect(await exported({})).not.toContain("product-documents");
    } finally {
      await handle.db.update(products).set({ active: true }).where(eq(products.id, documented.id));
    }
  });
});
