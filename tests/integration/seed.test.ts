import { and, eq, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useFreshDatabase } from "../support/test-database";
import { attributeDefinitions, categories, companies, companyPriceLists, priceListEntries, priceLists, productDocuments, products, punchoutConnections, supplierProfile, users } from "@/db/schema";
import { productDocumentKey, productDocumentProblem } from "@/lib/catalog/product-document";
import { insertAttributeDefinitions, isDatabaseSeeded, seedDemoData, type SeedSummary } from "@/db/seed/demo-data";
import { BRANDS, CATALOG } from "@/db/seed/catalog-vocabulary";
import { generateAttributeDefinitions, generateProducts, gtinCheckDigit, type GeneratedProduct } from "@/db/seed/generate-catalog";
import { sameUnit } from "@/lib/catalog/unit-names";
import { resolvePrice, type ContractPriceCandidate } from "@/lib/pricing/resolve-price";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { contractAssortmentSql } from "@/lib/data/prices";
import { DEMO_SUPPLIER_PROFILE } from "@/db/seed/demo-invoicing";
import { customerMasterDataSchema, deliveryChargeSettingsSchema, supplierProfileSchema } from "@/lib/admin/invoicing-settings";
import { validateIban, validateKvkNumber, validatePeppolId, validateVatId } from "@/lib/einvoice/identifiers";
import { isTechnical } from "@/lib/account/company-users";

const NOW = new Date("2026-03-15T10:00:00Z");
const DEMO = "Demo Facilities B.V.";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let summary: SeedSummary;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  expect(await isDatabaseSeeded(handle)).toBe(false);
  summary = await seedDemoData(handle, { productCount: 600, hashPassword: async (p) => `test$${p}`, now: NOW });
}, 120_000);
afterAll(() => fresh?.dispose());

const allProducts = () => handle.db.select().from(products).orderBy(products.id);
const isValidGtin = (gtin: string) => /^\d{13}$/.test(gtin) && gtinCheckDigit(gtin.slice(0, 12)) === Number(gtin[12]);

/** Every contract candidate of a company for the given SKUs, as lib/data hands them to resolvePrice. */
async function candidatesFor(companyName: string, skus: string[]) {
  const rows = await handle.db
    .select({
      sku: products.sku,
      listPriceMinor: products.listPriceMinor,
      listPriceTiers: products.listPriceTiers,
      priceListId: priceLists.id,
      priceListCode: priceLists.code,
      priceListName: priceLists.name,
      priority: companyPriceLists.priority,
      listValidFrom: priceLists.validFrom,
      listValidTo: priceLists.validTo,
      entryId: priceListEntries.id,
      kind: priceListEntries.kind,
      priceMinor: priceListEntries.priceMinor,
      discountBasisPoints: priceListEntries.discountBasisPoints,
      tiers: priceListEntries.tiers,
      validFrom: priceListEntries.validFrom,
      validTo: priceListEntries.validTo,
    })
    .from(companyPriceLists)
    .innerJoin(companies, eq(companies.id, companyPriceLists.companyId))
    .innerJoin(priceLists, eq(priceLists.id, companyPriceLists.priceListId))
    .innerJoin(priceListEntries, eq(priceListEntries.priceListId, priceLists.id))
    .innerJoin(products, eq(products.id, priceListEntries.productId))
    .where(and(eq(companies.name, companyName), inArray(products.sku, skus)));
  return rows;
}

describe("seedDemoData", () => {
  it("reports what it seeded", async () => {
    expect(await isDatabaseSeeded(handle)).toBe(true);
    expect(summary.products).toBe(600);
    expect(summary.categories).toBeGreaterThanOrEqual(60);
    expect(summary.companies).toBeGreaterThanOrEqual(5);
    expect(summary.priceLists).toBeGreaterThanOrEqual(5);
  });

  it("builds a two-level category tree of four parents with at least 15 children each", async () => {
    const rows = await handle.db.select().from(categories);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const roots = rows.filter((c) => c.parentId === null);
    expect(roots.map((c) => c.code).sort()).toEqual(["CLN", "LAB", "MRO", "OFF"]);
    for (const root of roots) expect(rows.filter((c) => c.parentId === root.id).length).toBeGreaterThanOrEqual(15);
    const rootIds = new Set(roots.map((c) => c.id));
    for (const child of rows.filter((c) => c.parentId !== null)) expect(rootIds.has(child.parentId!)).toBe(true);
    for (const c of rows) expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("defines every attribute key the seeded products carry", async () => {
    const rows = await handle.db.select().from(attributeDefinitions);
    const expected = generateAttributeDefinitions();
    expect(rows).toHaveLength(expected.length);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    for (const d of expected) expect(byKey.get(d.key), d.key).toMatchObject({ ...d, updatedAt: NOW });
    const missing = new Set<string>();
    for (const p of await allProducts()) for (const key of Object.keys(p.attributes)) if (!byKey.has(key)) missing.add(key);
    expect([...missing]).toEqual([]);
    expect(byKey.get("colour")).toMatchObject({ nameNl: "Kleur", nameEn: "Color", filterable: true });
    expect(byKey.get("colour")!.valueLabelsEn.blauw).toBe("blue");
  });

  it("completes the definitions of a database seeded without them, leaving existing ones alone", async () => {
    // As the benchmark does with a dataset it reuses: only what is missing is added.
    expect(await insertAttributeDefinitions(handle.db)).toBe(0);
    await handle.db.update(attributeDefinitions).set({ nameNl: "Kleur (eigen naam)" }).where(eq(attributeDefinitions.key, "colour"));
    await handle.db.delete(attributeDefinitions).where(eq(attributeDefinitions.key, "size"));
    try {
      expect(await insertAttributeDefinitions(handle.db, NOW)).toBe(1);
      const rows = await handle.db.select().from(attributeDefinitions).where(inArray(attributeDefinitions.key, ["colour", "size"]));
      expect(new Map(rows.map((row) => [row.key, row.nameNl]))).toEqual(new Map([["colour", "Kleur (eigen naam)"], ["size", "Maat"]]));
    } finally {
      await handle.db.update(attributeDefinitions).set({ nameNl: "Kleur" }).where(eq(attributeDefinitions.key, "colour"));
    }
  });

  it("inserts 600 products with unique SKUs and unique, valid GTIN-13s", async () => {
    const rows = await allProducts();
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((p) => p.sku)).size).toBe(600);
    expect(new Set(rows.map((p) => p.gtin)).size).toBe(600);
    for (const p of rows) {
      expect(p.sku).toMatch(/^KP-\d{6}$/);
      expect(isValidGtin(p.gtin!), p.gtin!).toBe(true);
      expect(p.unspsc).toMatch(/^\d{8}$/);
    }
  });

  it("keeps order rules, stock, tiers and attributes consistent", async () => {
    const rows = await allProducts();
    for (const p of rows) {
      expect(p.minOrderQuantity % p.orderMultiple, p.sku).toBe(0);
      expect(p.leadTimeDays).toBeGreaterThanOrEqual(1);
      expect(p.leadTimeDays).toBeLessThanOrEqual(21);
      expect(Object.keys(p.attributes).length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(p.attributes).length).toBeLessThanOrEqual(4);
      let previous = p.listPriceMinor;
      for (const tier of p.listPriceTiers) {
        expect(tier.minQuantity).toBeGreaterThan(1);
        expect(tier.minQuantity % p.orderMultiple).toBe(0);
        expect(tier.priceMinor).toBeLessThan(previous);
        previous = tier.priceMinor;
      }
      expect(p.descriptionNl.split(". ").length).toBeGreaterThanOrEqual(2);
    }
    const share = (f: (p: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
    expect(share((p) => p.minOrderQuantity > 1 || p.orderMultiple > 1)).toBeGreaterThan(0.08);
    expect(share((p) => p.stock === 0)).toBeGreaterThan(0.03);
    expect(share((p) => p.listPriceTiers.length > 0)).toBeGreaterThan(0.05);
    expect(new Set(rows.map((p) => p.vatRateBasisPoints))).toEqual(new Set([0, 900, 2100]));
  });

  it("creates the documented logins with the right roles and companies", async () => {
    const rows = await handle.db
      .select({ email: users.email, role: users.role, passwordHash: users.passwordHash, company: companies.name })
      .from(users)
      .leftJoin(companies, eq(companies.id, users.companyId));
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    const expected = [
      ["buyer@demo.test", "demo-buyer", "buyer", DEMO],
      ["approver@demo.test", "demo-approver", "approver", DEMO],
      ["companyadmin@demo.test", "demo-companyadmin", "company_admin", DEMO],
      ["manager@demo.test", "demo-manager", "account_manager", null],
      ["admin@koppel.test", "demo-admin", "admin", null],
    ] as const;
    for (const [email, password, role, company] of expected) {
      expect(byEmail.get(email)).toEqual({ email, role, passwordHash: `test$${password}`, company });
      expect(summary.logins).toContainEqual({ email, password, role, company });
    }
    for (const login of summary.logins) {
      expect(byEmail.get(login.email)?.passwordHash).toBe(`test$${login.password}`);
      expect(login.password).toBe(`demo-${login.email.split("@")[0]}`);
    }
    const customerCompanies = new Set(rows.filter((r) => r.company !== null).map((r) => r.company));
    expect(customerCompanies.size).toBe(summary.companies);
  });

  it("gives Demo Facilities at least two currently valid price lists with different priorities", async () => {
    const rows = await handle.db
      .select({ code: priceLists.code, priority: companyPriceLists.priority, validFrom: priceLists.validFrom, validTo: priceLists.validTo })
      .from(companyPriceLists)
      .innerJoin(companies, eq(companies.id, companyPriceLists.companyId))
      .innerJoin(priceLists, eq(priceLists.id, companyPriceLists.priceListId))
      .where(eq(companies.name, DEMO));
    const today = "2026-03-15";
    const active = rows.filter((r) => (r.validFrom ?? today) <= today && today <= (r.validTo ?? today));
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(new Set(active.map((r) => r.priority)).size).toBe(active.length);
    expect(rows.some((r) => r.validTo !== null && r.validTo < today)).toBe(true);
    expect(rows.some((r) => r.validFrom !== null && r.validFrom > today)).toBe(true);
  });

  it("prices the contract SKUs from a fixed Demo Facilities entry with a tier at 10", async () => {
    expect(summary.contractSkus).toHaveLength(10);
    const rows = await candidatesFor(DEMO, summary.contractSkus);
    const catalog = new Map((await allProducts()).map((p) => [p.sku, p]));
    for (const sku of summary.contractSkus) {
      const product = catalog.get(sku)!;
      expect([product.minOrderQuantity, product.orderMultiple]).toEqual([1, 1]);
      expect(product.stock).toBeGreaterThan(0);
      const candidates: ContractPriceCandidate[] = rows.filter((r) => r.sku === sku);
      const one = resolvePrice({ product, candidates, quantity: 1, now: NOW });
      const ten = resolvePrice({ product, candidates, quantity: 10, now: NOW });
      expect(one.source).toMatchObject({ kind: "contract", priceListCode: "RC-DEMO", entryKind: "fixed" });
      expect(one.unitPriceMinor).toBeLessThan(product.listPriceMinor);
      expect(ten.source).toMatchObject({ kind: "contract_tier", tierMinQuantity: 10 });
      expect(ten.unitPriceMinor).toBeLessThan(one.unitPriceMinor);
    }
  });

  it("leaves the plain SKUs out of every Demo Facilities price list", async () => {
    expect(summary.plainSkus).toHaveLength(10);
    expect(summary.plainSkus.filter((s) => summary.contractSkus.includes(s))).toEqual([]);
    expect(await candidatesFor(DEMO, summary.plainSkus)).toEqual([]);
    const rows = await handle.db.select().from(products).where(inArray(products.sku, summary.plainSkus));
    for (const p of rows) expect([p.minOrderQuantity, p.orderMultiple, p.stock > 0]).toEqual([1, 1, true]);
  });

  it("gives a public body a contract assortment: its tender's categories, priced, and only those", async () => {
    const [waterland] = await handle.db.select().from(companies).where(eq(companies.name, "Gemeente Waterland"));
    expect(waterland!.assortment).toBe("contract");
    // Every other customer sees the whole catalogue.
    const others = await handle.db.select({ assortment: companies.assortment }).from(companies).where(ne(companies.id, waterland!.id));
    expect(new Set(others.map((c) => c.assortment))).toEqual(new Set(["all"]));
    const inContract = await handle.db
      .select({ id: products.id, category: categories.code })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(and(eq(products.active, true), contractAssortmentSql(products, waterland!.id, calendarDate(NOW))));
    expect(inContract.length).toBeGreaterThan(20);
    expect(new Set(inContract.map((row) => row.category))).toEqual(new Set(["OFF-PAP", "OFF-PEN", "OFF-SMA", "OFF-NTB", "CLN-PAP", "CLN-HYG", "CLN-BAG"]));
  });

  it("inserts our supplier profile with identifiers that pass the validators", async () => {
    const rows = await handle.db.select().from(supplierProfile);
    expect(rows).toHaveLength(1);
    const profile = rows[0]!;
    expect(profile).toMatchObject({ ...DEMO_SUPPLIER_PROFILE, id: 1 });
    expect(validateKvkNumber(profile.kvkNumber)).toBeNull();
    expect(validateVatId(profile.vatId)).toBeNull();
    expect(validatePeppolId(profile.peppolScheme, profile.peppolId)).toBeNull();
    expect(validateIban(profile.iban)).toBeNull();
    // What the admin forms would post for it is accepted unchanged (delivery charges have a form of their own).
    const { id: _id, updatedAt: _updatedAt, deliveryChargeMinor, freeDeliveryFromMinor, ...fields } = profile;
    const posted = (values: object) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? "" : String(v)]));
    const parsed = supplierProfileSchema.safeParse(posted(fields));
    expect(parsed.success ? parsed.data : parsed.error.issues).toEqual(fields);
    const delivery = deliveryChargeSettingsSchema.safeParse(posted({ deliveryChargeMinor: deliveryChargeMinor / 100, freeDeliveryFromMinor: freeDeliveryFromMinor! / 100 }));
    expect(delivery.success ? delivery.data : delivery.error.issues).toEqual({ deliveryChargeMinor, freeDeliveryFromMinor });
  });

  it("runs the demo connections as technical users, whom the company admin's user list leaves out", async () => {
    const technical = await handle.db
      .select({ email: users.email })
      .from(punchoutConnections)
      .innerJoin(users, eq(users.id, punchoutConnections.technicalUserId));
    expect(technical.length).toBeGreaterThan(0);
    for (const user of technical) expect(isTechnical(user), user.email).toBe(true);
  });

  it("gives every customer master data and invoice settings the admin form accepts", async () => {
    const rows = await handle.db.select().from(companies).orderBy(companies.id);
    const cxml = await handle.db.select({ companyId: punchoutConnections.companyId }).from(punchoutConnections).where(eq(punchoutConnections.protocol, "cxml"));
    expect(rows).toHaveLength(summary.companies);
    for (const company of rows) {
      const form: Record<string, string | string[]> = {
        name: company.name,
        countryCode: company.countryCode,
        kvkNumber: company.kvkNumber ?? "",
        vatId: company.vatId ?? "",
        peppolScheme: company.peppolScheme ?? "",
        peppolId: company.peppolId ?? "",
        iban: company.iban ?? "",
        paymentTermsDays: String(company.paymentTermsDays),
        deliveryTerms: company.deliveryTerms ?? "",
        active: company.active ? "on" : "",
        invoiceEmail: company.invoiceEmail ?? "",
        invoiceChannels: company.invoiceChannels,
        invoiceOnShipment: company.invoiceOnShipment ? "on" : "",
        vatTreatment: company.vatTreatment,
        vatExemptionReason: company.vatExemptionReason ?? "",
        documentLocale: company.documentLocale,
        erpCustomerNumber: company.erpCustomerNumber ?? "",
      };
      const parsed = customerMasterDataSchema.safeParse(form);
      expect(parsed.success ? null : parsed.error.issues, company.name).toBeNull();
      // Stored values are already normalized: saving the form unchanged changes nothing.
      // The cost centre and PO number requirements are the customer's own settings (My account), not master data; so is
      // requiring two-step verification of its users (set on the Users pages), and the assortment
      // (set with the customer's pricing).
      const { id: _id, createdAt: _createdAt, costCenterRequired: _costCenterRequired, poNumberRequired: _poNumberRequired, twoStepRequired: _twoStepRequired, assortment: _assortment, ...stored } = company;
      expect(parsed.data, company.name).toEqual(stored);
      expect(company.invoiceChannels.length, company.name).toBeGreaterThan(0);
      if (company.invoiceChannels.includes("cxml")) expect(cxml.map((c) => c.companyId), company.name).toContain(company.id);
    }
    const byName = new Map(rows.map((c) => [c.name, c]));
    expect(byName.get(DEMO)).toMatchObject({ invoiceChannels: ["peppol", "email"], invoiceOnShipment: false, invoiceEmail: "crediteuren@demo.test", documentLocale: "nl" });
    expect(byName.get("Niederrhein Labordienste GmbH")).toMatchObject({ documentLocale: "en" });
    expect(byName.get("Facilitas Antwerpen NV")).toMatchObject({ countryCode: "BE", vatTreatment: "intra_community" });
  });

  it("gives the first lubricants safety data sheets in Dutch and English, and one a datasheet: real PDFs under their own keys", async () => {
    const rows = await handle.db
      .select({ hasDocuments: products.hasDocuments, category: categories.code, kind: productDocuments.kind, language: productDocuments.language, key: productDocuments.key, bytes: productDocuments.bytes, fileName: productDocuments.fileName })
      .from(productDocuments)
      .innerJoin(products, eq(products.id, productDocuments.productId))
      .innerJoin(categories, eq(categories.id, products.categoryId));
    expect(rows.map((row) => `${row.kind}:${row.language ?? "*"}`).sort()).toEqual(
      ["datasheet:*", ...Array.from({ length: 3 }, () => ["safety_data_sheet:en", "safety_data_sheet:nl"]).flat()].sort(),
    );
    for (const row of rows) {
      expect([row.category, row.hasDocuments]).toEqual(["MRO-LUB", true]);
      expect(productDocumentProblem(row.bytes)).toBeNull();
      expect(row.key).toBe(productDocumentKey(row.bytes));
      expect(row.fileName).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
    }
  });

  it("lists SKUs with a minimum order quantity", async () => {
    expect(summary.minimumSkus).toHaveLength(5);
    const rows = await handle.db.select().from(products).where(inArray(products.sku, summary.minimumSkus));
    for (const p of rows) expect(p.minOrderQuantity).toBeGreaterThan(1);
  });
});

describe("catalog vocabulary", () => {
  const children = CATALOG.flatMap((parent) => parent.children.map((child) => ({ parent, child })));

  it("has unique codes and ascii kebab-case slugs", () => {
    const codes = [...CATALOG.map((p) => p.code), ...children.map(({ child }) => child.code)];
    const slugs = [...CATALOG.map((p) => p.slug), ...children.map(({ child }) => child.slug)];
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const { parent, child } of children) expect(child.code.startsWith(`${parent.code}-`)).toBe(true);
  });

  it("describes every category consistently", () => {
    for (const { child } of children) {
      expect(child.unspsc, child.code).toMatch(/^\d{8}$/);
      expect(child.families.length, child.code).toBeGreaterThanOrEqual(2);
      expect(child.families.length, child.code).toBeLessThanOrEqual(4);
      expect(child.price[0]).toBeLessThanOrEqual(child.price[1]);
      for (const family of child.families) {
        for (const unit of [family.unit, ...(family.pack?.units ?? [])]) if (unit) expect(child.units, `${child.code} ${family.nl}`).toContain(unit);
        if (family.pack?.units) expect(family.pack.units).toHaveLength(family.pack.sizes.length);
        for (const d of family.dims) expect(d.values.length).toBeGreaterThan(0);
      }
    }
    expect(children.filter(({ child }) => child.vat === 900).map(({ child }) => child.code)).toEqual(["OFF-PAN"]);
    expect(children.filter(({ child }) => child.vat === 0).map(({ child }) => child.code)).toEqual(["OFF-GFT"]);
  });

  it("has about forty brands with unique names and part-number prefixes", () => {
    expect(BRANDS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(BRANDS.map((b) => b.name)).size).toBe(BRANDS.length);
    expect(new Set(BRANDS.map((b) => b.mpnPrefix)).size).toBe(BRANDS.length);
  });
});

describe("generateProducts", () => {
  const collect = (productCount: number, seed: number) => [...generateProducts({ productCount, seed })].flat();

  it("is deterministic per seed", () => {
    const a = collect(1500, 7);
    expect(collect(1500, 7)).toEqual(a);
    const b = collect(1500, 8);
    expect(b.map((p) => p.sku)).toEqual(a.map((p) => p.sku));
    expect(b.map((p) => p.nameNl)).not.toEqual(a.map((p) => p.nameNl));
  });

  it("yields batches of 1000", () => {
    expect([...generateProducts({ productCount: 2500, seed: 1 })].map((batch) => batch.length)).toEqual([1000, 1000, 500]);
  });

  it("generates 100,000 products quickly with unique SKUs and GTINs", () => {
    const started = performance.now();
    const skus = new Set<string>();
    const gtins = new Set<string>();
    let count = 0;
    let invalid: GeneratedProduct | undefined;
    for (const batch of generateProducts({ productCount: 100_000, seed: 42 })) {
      for (const p of batch) {
        count++;
        skus.add(p.sku);
        gtins.add(p.gtin);
        // A content unit that is the order unit itself ("pak à 250 pakken") is refused by the product import.
        if (!isValidGtin(p.gtin) || p.minOrderQuantity % p.orderMultiple !== 0 || (p.contentUnit !== null && sameUnit(p.contentUnit, p.unit))) invalid ??= p;
      }
    }
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(count).toBe(100_000);
    expect(skus.size).toBe(100_000);
    expect(gtins.size).toBe(100_000);
    expect(invalid).toBeUndefined();
  });
});
