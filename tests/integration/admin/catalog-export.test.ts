// Static catalogues for a customer's procurement system: their prices and own numbers, streamed as
// CIF 3.0 or BMEcat 2005 (the latter through the official XSD), only for staff who manage them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attributeDefinitions, customerArticleNumbers, productRelations, products } from "@/db/schema";
import { catalogExportDefaults, catalogExportSchema, exportCustomerCatalog, type CatalogExportInput } from "@/lib/admin/catalog-export";
import { AppError } from "@/lib/errors";
import { createProducts, createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { BMECAT_2005_XSD } from "../../support/shared-dir";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-29T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
let contract: { id: number; sku: string };
let plain: { id: number; sku: string };
const dir = mkdtempSync(path.join(tmpdir(), "koppel-catalog-"));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  contract = await createProduct(handle, category.id, { listPriceMinor: 1000, unit: "PK", packSize: 500, gtin: "08712345678906", unspsc: "14111507" });
  plain = await createProduct(handle, category.id, { listPriceMinor: 250, unit: "EA" });
  const gone = await createProduct(handle, category.id, { listPriceMinor: 99 });
  await handle.db.update(products).set({ active: false }).where(eq(products.id, gone.id));
  customer = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [
    { productId: contract.id, kind: "fixed", priceMinor: 800, tiers: [{ minQuantity: 10, priceMinor: 750 }], validTo: "2026-12-31" },
  ]);
  await handle.db.insert(customerArticleNumbers).values({ companyId: customer.company.id, productId: contract.id, articleNumber: "MAT-4711" });
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", []);
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fresh.dispose();
});

const input = (overrides: Partial<CatalogExportInput> = {}): CatalogExportInput =>
  catalogExportSchema.parse({ format: "cif", supplierId: "AN01000000042", ...overrides });

async function exported(overrides: Partial<CatalogExportInput> = {}, companyId = customer.company.id, staff = manager) {
  const file = await exportCustomerCatalog(staff, companyId, input(overrides), { now: NOW, shopUrl: "https://shop.example.nl" });
  return { ...file, text: await new Response(file.body).text() };
}

const cifRows = (text: string) => {
  const lines = text.split("\r\n");
  return lines.slice(lines.indexOf("DATA") + 1, lines.indexOf("ENDOFDATA"));
};

describe("catalogue export", () => {
  it("CIF, contract products only: the customer's price at their smallest quantity, ITEMCOUNT true, inactive products never", async () => {
    const file = await exported();
    expect(file.filename).toMatch(/^catalogus-klant-.*-2026-11-29\.cif$/);
    expect(file.itemCount).toBe(1);
    expect(file.text).toContain("ITEMCOUNT: 1\r\n");
    const [row] = cifRows(file.text);
    expect(row).toMatch(new RegExp(`^"AN01000000042","${contract.sku}",`));
    expect(row).toContain(",8.00,");
    expect(row).toContain(`"https://shop.example.nl/products/${contract.sku}"`);
  });

  it("CIF, the whole assortment: list prices where no contract applies", async () => {
    const file = await exported({ scope: "all", language: "en" });
    expect(file.itemCount).toBe(2);
    const rows = cifRows(file.text);
    expect(rows.map((r) => r.split(",")[1])).toEqual([`"${contract.sku}"`, `"${plain.sku}"`]);
    expect(rows[1]).toContain(",2.50,");
    expect(rows[1]).toContain(",en_GB,");
  });

  it.skipIf(!existsSync(BMECAT_2005_XSD))("BMEcat: valid against the official XSD, with the tiers, the contract's end and the customer's own number", async () => {
    const file = await exported({ format: "bmecat", scope: "all" });
    expect(file.contentType).toBe("application/xml; charset=utf-8");
    const xmlFile = path.join(dir, "catalog.xml");
    writeFileSync(xmlFile, file.text, "utf8");
    const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, xmlFile], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(file.text).toContain('<BUYER_PID type="buyer_specific">MAT-4711</BUYER_PID>');
    expect(file.text).toMatch(/<PRODUCT_PRICE price_type="net_customer">\s*<PRICE_AMOUNT>8.00<\/PRICE_AMOUNT>[\s\S]*?<LOWER_BOUND>1<\/LOWER_BOUND>/);
    expect(file.text).toMatch(/<PRICE_AMOUNT>7.50<\/PRICE_AMOUNT>[\s\S]*?<LOWER_BOUND>10<\/LOWER_BOUND>/);
    expect(file.text).toContain("<VALID_END_DATE>2026-12-31T23:59:59+01:00</VALID_END_DATE>");
    expect(file.text).toContain("<NO_CU_PER_OU>500</NO_CU_PER_OU>");
    expect(file.text.match(/<PRODUCT mode="new">/g)).toHaveLength(2);
  });

  it.skipIf(!existsSync(BMECAT_2005_XSD))("BMEcat: CONTENT_UNIT and NO_CU_PER_OU from the product's content unit (our sheet XST as the XSD's ST), still valid; CIF has no column for it", async () => {
    const orderDetails = (text: string, sku: string) =>
      text
        .slice(text.indexOf(`<SUPPLIER_PID>${sku}</SUPPLIER_PID>`))
        .split("</PRODUCT_ORDER_DETAILS>")[0]!
        .match(/<(ORDER_UNIT|CONTENT_UNIT|NO_CU_PER_OU)>[^<]*</g)
        ?.map((element) => element.slice(1, -1));
    const cifBefore = cifRows((await exported({ scope: "all" })).text);
    // Without a content unit a pack of more than one is read as pieces, as before.
    expect(orderDetails((await exported({ format: "bmecat" })).text, contract.sku)).toEqual(["ORDER_UNIT>PK", "CONTENT_UNIT>C62", "NO_CU_PER_OU>500"]);
    await handle.db.update(products).set({ contentUnit: "XST" }).where(eq(products.id, contract.id));
    await handle.db.update(products).set({ contentUnit: "LTR" }).where(eq(products.id, plain.id));
    try {
      const file = await exported({ format: "bmecat", scope: "all" });
      const xmlFile = path.join(dir, "content-units.xml");
      writeFileSync(xmlFile, file.text, "utf8");
      const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, xmlFile], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(orderDetails(file.text, contract.sku)).toEqual(["ORDER_UNIT>PK", "CONTENT_UNIT>ST", "NO_CU_PER_OU>500"]);
      // A piece holding one liter (a bottle).
      expect(orderDetails(file.text, plain.sku)).toEqual(["ORDER_UNIT>EA", "CONTENT_UNIT>LTR", "NO_CU_PER_OU>1"]);
      // CIF 3.0's columns are fixed (Unit of Measure is the order unit): the rows stay as they were.
      expect(cifRows((await exported({ scope: "all" })).text)).toEqual(cifBefore);
    } finally {
      await handle.db.update(products).set({ contentUnit: null }).where(eq(products.id, contract.id));
      await handle.db.update(products).set({ contentUnit: null }).where(eq(products.id, plain.id));
    }
  });

  it.skipIf(!existsSync(BMECAT_2005_XSD))("BMEcat names accessories and alternatives that are in the same file, never others", async () => {
    const category = await createCategory(handle);
    const hidden = await createProduct(handle, category.id, { listPriceMinor: 120 });
    await handle.db.update(products).set({ active: false }).where(eq(products.id, hidden.id));
    await handle.db.insert(productRelations).values([
      { productId: contract.id, kind: "accessory", relatedProductId: plain.id, position: 0 },
      { productId: contract.id, kind: "alternative", relatedProductId: hidden.id, position: 0 },
    ]);
    try {
      const all = await exported({ format: "bmecat", scope: "all" });
      const xmlFile = path.join(dir, "related.xml");
      writeFileSync(xmlFile, all.text, "utf8");
      const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, xmlFile], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(all.text.match(/<PRODUCT_REFERENCE[^>]*>\s*<PROD_ID_TO>[^<]*<\/PROD_ID_TO>/g)?.map((reference) => reference.replace(/\s+/g, ""))).toEqual([
        `<PRODUCT_REFERENCEtype="accessories"><PROD_ID_TO>${plain.sku}</PROD_ID_TO>`,
      ]);
      // Only the contract product is in this file: its accessory is not, so no reference.
      expect((await exported({ format: "bmecat" })).text).not.toContain("PRODUCT_REFERENCE");
    } finally {
      await handle.db.delete(productRelations).where(eq(productRelations.productId, contract.id));
    }
  });

  it.skipIf(!existsSync(BMECAT_2005_XSD))("BMEcat carries the products' attributes as FEATUREs named in both languages, from the definitions, and still validates", async () => {
    await handle.db.insert(attributeDefinitions).values([
      { key: "size", nameNl: "Maat", nameEn: "Size", position: 2 },
      { key: "colour", nameNl: "Kleur", nameEn: "Colour", position: 1, filterable: true, valueLabelsEn: { blauw: "blue" } },
    ]);
    await handle.db.update(products).set({ attributes: { size: "43", colour: "blauw", finish: "mat" } }).where(eq(products.id, contract.id));
    await handle.db.update(products).set({ attributes: { colour: "rood" } }).where(eq(products.id, plain.id));
    try {
      const file = await exported({ format: "bmecat", scope: "all", language: "en" });
      const xmlFile = path.join(dir, "features.xml");
      writeFileSync(xmlFile, file.text, "utf8");
      const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, xmlFile], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const features = (sku: string) =>
        file.text
          .slice(file.text.indexOf(`<SUPPLIER_PID>${sku}</SUPPLIER_PID>`))
          .split("</PRODUCT>")[0]!
          .match(/<FEATURE>[\s\S]*?<\/FEATURE>/g)
          ?.map((feature) => feature.replace(/\s+/g, ""));
      // The catalogue's language (English) first; the definitions' order; an undefined key under itself, after them.
      expect(features(contract.sku)).toEqual([
        '<FEATURE><FNAMElang="eng">Colour</FNAME><FNAMElang="nld">Kleur</FNAME><FVALUElang="eng">blue</FVALUE><FVALUElang="nld">blauw</FVALUE><FORDER>1</FORDER></FEATURE>',
        '<FEATURE><FNAMElang="eng">Size</FNAME><FNAMElang="nld">Maat</FNAME><FVALUElang="eng">43</FVALUE><FVALUElang="nld">43</FVALUE><FORDER>2</FORDER></FEATURE>',
        '<FEATURE><FNAMElang="eng">finish</FNAME><FNAMElang="nld">finish</FNAME><FVALUElang="eng">mat</FVALUE><FVALUElang="nld">mat</FVALUE><FORDER>3</FORDER></FEATURE>',
      ]);
      // Its classification stays in the same block, before the features.
      expect(file.text).toMatch(/<REFERENCE_FEATURE_GROUP_ID>14111507<\/REFERENCE_FEATURE_GROUP_ID>\s*<FEATURE>/);
      // No English label for "rood": the stored value in both languages.
      expect(features(plain.sku)).toEqual(['<FEATURE><FNAMElang="eng">Colour</FNAME><FNAMElang="nld">Kleur</FNAME><FVALUElang="eng">rood</FVALUE><FVALUElang="nld">rood</FVALUE><FORDER>1</FORDER></FEATURE>']);
    } finally {
      await handle.db.update(products).set({ attributes: {} }).where(eq(products.id, contract.id));
      await handle.db.update(products).set({ attributes: {} }).where(eq(products.id, plain.id));
      await handle.db.delete(attributeDefinitions);
    }
  });

  it("an empty English name or description is the Dutch one in an English catalog (CIF and BMEcat), never an empty text", async () => {
    const [stored] = await handle.db.select({ nameNl: products.nameNl, nameEn: products.nameEn }).from(products).where(eq(products.id, plain.id));
    await handle.db.update(products).set({ nameEn: "", descriptionNl: "Gewoon gereedschap", descriptionEn: "" }).where(eq(products.id, plain.id));
    try {
      const cif = cifRows((await exported({ scope: "all", language: "en" })).text).find((r) => r.includes(`"${plain.sku}"`))!;
      expect(cif).toContain(`${stored!.nameNl} – Gewoon gereedschap`);
      const bmecat = (await exported({ format: "bmecat", scope: "all", language: "en" })).text;
      const item = bmecat.slice(bmecat.indexOf(`<SUPPLIER_PID>${plain.sku}</SUPPLIER_PID>`)).split("</PRODUCT>")[0]!;
      expect(item).toContain(`<DESCRIPTION_SHORT lang="eng">${stored!.nameNl}</DESCRIPTION_SHORT>`);
      expect(item).toContain('<DESCRIPTION_LONG lang="eng">Gewoon gereedschap</DESCRIPTION_LONG>');
      expect(item).toContain('<DESCRIPTION_LONG lang="nld">Gewoon gereedschap</DESCRIPTION_LONG>');
    } finally {
      await handle.db.update(products).set({ nameEn: stored!.nameEn, descriptionNl: "Omschrijving", descriptionEn: "Description" }).where(eq(products.id, plain.id));
    }
  });

  it("streams page by page: 1,201 more products arrive whole, in order, and ITEMCOUNT counts them", async () => {
    const category = await createCategory(handle);
    await createProducts(handle, category.id, 1201, { prefix: "CAT-EXPORT-" });
    const file = await exported({ scope: "all" });
    const rows = cifRows(file.text);
    expect(file.itemCount).toBe(1203);
    expect(rows).toHaveLength(1203);
    expect(file.text).toContain("ITEMCOUNT: 1203\r\n");
    expect(rows.at(-1)).toContain('"CAT-EXPORT-001200"');
    expect(file.text.endsWith("ENDOFDATA\r\n")).toBe(true);
  });

  it("only for staff who manage the customer; the form starts from what their cXML system calls us", async () => {
    const refused = await exportCustomerCatalog(otherManager, customer.company.id, input(), { now: NOW, shopUrl: null }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("not_found");
    expect(await catalogExportDefaults(manager, customer.company.id)).toEqual({ supplierIdDomain: "NetworkID", supplierId: "KOPPEL" });
    await createCxmlConnection(handle, customer.company.id, { from: [{ domain: "NetworkID", identity: "AN-BUYER" }], sender: [{ domain: "NetworkID", identity: "AN-BUYER" }], to: { domain: "DUNS", identity: "987654321" }, secret: "s", origins: [] });
    expect(await catalogExportDefaults(manager, customer.company.id)).toEqual({ supplierIdDomain: "DUNS", supplierId: "987654321" });
  });

  it("refuses a supplier id CIF cannot carry, rather than altering it", () => {
    expect(catalogExportSchema.safeParse({ format: "cif", supplierId: "AN01,42" }).success).toBe(false);
    expect(catalogExportSchema.safeParse({ format: "cif", supplierId: 'AN"01' }).success).toBe(false);
    expect(catalogExportSchema.safeParse({ format: "xls", supplierId: "AN01" }).success).toBe(false);
  });
});
