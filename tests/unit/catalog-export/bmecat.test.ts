import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { buildBmecat } from "@/lib/catalog-export/bmecat";
import { BMECAT_2005_XSD } from "../../support/shared-dir";
import type { AttributeMeaning } from "@/lib/catalog/attributes";
import { catalogFeatureLabeller, type CatalogDocument, type CatalogFeature } from "@/lib/catalog-export/types";
import { CONTENT_UNIT_CODES } from "@/lib/catalog/product-import";
import { HEADER, item } from "./fixtures";

const document = (overrides: Partial<CatalogDocument> = {}): CatalogDocument => ({
  key: "c00000000000000000000001",
  kind: "safety_data_sheet",
  title: "Veiligheidsinformatieblad",
  fileName: "veiligheidsblad.pdf",
  language: "nl",
  ...overrides,
});

/** One of each kind, in the order lib/admin/catalog-export.ts hands them over (the reader's). */
const DOCUMENTS: CatalogDocument[] = [
  document({ key: "c00000000000000000000001", kind: "datasheet", title: "Productblad", fileName: "productblad.pdf", language: null }),
  document({ key: "c00000000000000000000002" }),
  document({ key: "c00000000000000000000003", kind: "manual", title: "Handleiding", fileName: "handleiding.pdf" }),
  document({ key: "c00000000000000000000004", kind: "certificate", title: "FSC-certificaat", fileName: "fsc.pdf", language: "en" }),
  document({ key: "c00000000000000000000005", kind: "other", title: "Tekening", fileName: "tekening.pdf" }),
];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => ["PRODUCT", "PRODUCT_PRICE", "DESCRIPTION_SHORT", "DESCRIPTION_LONG", "LANGUAGE", "MIME", "FEATURE", "FNAME", "FVALUE"].includes(name) });
const dir = mkdtempSync(path.join(tmpdir(), "koppel-bmecat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The official BMEcat 2005 XSD (namespace as used in the wild), through xmllint; all files in one call. */
function validate(documents: Record<string, string>): { status: number | null; output: string } {
  const files = Object.entries(documents).map(([name, xml]) => {
    const file = path.join(dir, `${name}.xml`);
    writeFileSync(file, xml, "utf8");
    return file;
  });
  const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, ...files], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const products = (xml: string) => parser.parse(xml).BMECAT.T_NEW_CATALOG.PRODUCT as Record<string, any>[];

/** Definitions as attribute_definitions holds them, deliberately not in position order. */
const DEFINITIONS: AttributeMeaning[] = [
  { key: "size", nameNl: "Maat", nameEn: "Size", position: 2, filterable: true, valueLabelsEn: {} },
  { key: "colour", nameNl: "Kleur", nameEn: "Colour", position: 1, filterable: true, valueLabelsEn: { blauw: "blue" } },
  { key: "material", nameNl: "Materiaal", nameEn: "Material", position: 3, filterable: false, valueLabelsEn: { katoen: "cotton", wol: "" } },
  { key: "cable", nameNl: `Lengte van de aansluitkabel inclusief ${"stekker ".repeat(8)}`, nameEn: "L".repeat(75), position: 4, filterable: false, valueLabelsEn: {} },
];
const features = catalogFeatureLabeller(DEFINITIONS);
/** colour, size (defined, position order), then batch and finish (undefined, key order). */
const ATTRIBUTES = { size: "43", finish: "mat", colour: "blauw", batch: "B-7" };

/** A product's FEATUREs as [FORDER, FNAME by lang, FVALUE by lang]. */
const featuresOf = (product: Record<string, any>): [string, Record<string, string>, Record<string, string>][] =>
  ((product.PRODUCT_FEATURES?.FEATURE ?? []) as Record<string, any>[]).map((feature) => [
    feature.FORDER,
    Object.fromEntries(feature.FNAME.map((name: Record<string, string>) => [name["@lang"], name["#text"]])),
    Object.fromEntries(feature.FVALUE.map((value: Record<string, string>) => [value["@lang"], value["#text"]])),
  ]);

describe("BMEcat 2005 T_NEW_CATALOG", () => {
  it.skipIf(!existsSync(BMECAT_2005_XSD))("is valid against the official XSD: full items, bare items, every unit we sell, long texts, English default", () => {
    const units = ["EA", "PK", "BX", "CT", "PR", "KGM", "MTR", "LTR", "RO", "SET", "C62"];
    const documents = {
      full: buildBmecat(HEADER, [
        item({
          imageKey: "0123456789abcdef01234567",
          documents: DOCUMENTS,
          related: [
            { kind: "accessory", sku: "KP-000020" },
            { kind: "alternative", sku: "KP-000021" },
          ],
        }),
      ]),
      bare: buildBmecat(HEADER, [item({ gtin: null, unspsc: null, manufacturerName: null, manufacturerPartNumber: null, buyerPartNumber: null, priceValidTo: null, packSize: 1, minOrderQuantity: 1, orderMultiple: 1, ladder: [{ minQuantity: 1, unitPriceMinor: 0 }] })]),
      units: buildBmecat(HEADER, units.map((unit, index) => item({ sku: `KP-U${index}`, unit }))),
      // Every unit the shop names, as the order unit and as the content unit (lib/catalog/product-import.ts
      // CONTENT_UNIT_CODES): each is written in the XSD's dtPUNIT list (bmecatUnit), XST as ST, PCE as C62.
      contentUnits: buildBmecat(
        HEADER,
        CONTENT_UNIT_CODES.flatMap((code, index) => [item({ sku: `KP-C${index}`, unit: "BX", packSize: 10, contentUnit: code }), item({ sku: `KP-O${index}`, unit: code, packSize: 1, contentUnit: null })]),
      ),
      long: buildBmecat({ ...HEADER, language: "en", catalogName: "x".repeat(300) }, [
        item({ name: { nl: "Ä".repeat(400), en: "word ".repeat(100) }, manufacturerName: "M".repeat(80), description: { nl: "<b>&amp;</b> \u0007", en: "" } }),
      ]),
      duns: buildBmecat({ ...HEADER, supplier: { name: "Koppel", id: { domain: "DUNS", identity: "123456789" } } }, [item()]),
      // Documents without a photo, a title at MIME_DESCR's 250 and markup in it.
      documents: buildBmecat(HEADER, [item({ documents: [...DOCUMENTS, document({ key: "c00000000000000000000009", title: `<Blad> & "titel" ${"x".repeat(300)}` })] })]),
      // Attributes as FEATUREs: with and without UNSPSC, both default languages, over-long names and values, markup.
      features: buildBmecat(HEADER, [
        item({ features: features({ ...ATTRIBUTES, cable: `${"lang ".repeat(20)}`, material: "<wol> & \"katoen\"" }) }),
        item({ sku: "KP-F2", unspsc: null, features: features({ colour: "blauw", ["x".repeat(40)]: "y".repeat(200) }) }),
      ]),
      featuresEnglish: buildBmecat({ ...HEADER, language: "en" }, [item({ unspsc: null, features: features(ATTRIBUTES) })]),
    };
    const { status, output } = validate(documents);
    expect(output).not.toMatch(/fails to validate|error/i);
    expect(status, output).toBe(0);
    // The check itself can fail: a unit outside UN/ECE Rec 20 (BOX, seen in the wild) is refused.
    const wrong = validate({ wrong: buildBmecat(HEADER, [item({ unit: "BOX" })]) });
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/ORDER_UNIT/);
    // And it checks the features: an FVALUE over 60 characters (as written without `fit`) is refused.
    const long = validate({ longValue: buildBmecat(HEADER, [item({ features: features({ colour: "blauw" }) })]).replace(">blauw</FVALUE>", `>${"b".repeat(61)}</FVALUE>`) });
    expect(long.status).not.toBe(0);
    expect(long.output).toMatch(/FVALUE/);
  });

  it("links the main photo (MIME_PURPOSE normal, the JPEG) after the prices, only with a shop URL", () => {
    const key = "0123456789abcdef01234567";
    const [product] = products(buildBmecat(HEADER, [item({ imageKey: key })]));
    expect(product!.MIME_INFO.MIME).toEqual([{ MIME_TYPE: "image/jpeg", MIME_SOURCE: `https://shop.example.nl/product-images/KP-000019/${key}.jpg`, MIME_PURPOSE: "normal" }]);
    expect(products(buildBmecat({ ...HEADER, shopUrl: null }, [item({ imageKey: key })]))[0]!.MIME_INFO).toBeUndefined();
    expect(products(buildBmecat(HEADER, [item()]))[0]!.MIME_INFO).toBeUndefined();
  });

  it("names accessories and alternatives as PRODUCT_REFERENCE (accessories, similar) after the photo", () => {
    const [product] = products(buildBmecat(HEADER, [item({ imageKey: "0123456789abcdef01234567", related: [{ kind: "accessory", sku: "KP-000020" }, { kind: "alternative", sku: "KP-000021" }] })]));
    expect([product!.PRODUCT_REFERENCE].flat().map((reference: Record<string, string>) => [reference["@type"], reference.PROD_ID_TO])).toEqual([
      ["accessories", "KP-000020"],
      ["similar", "KP-000021"],
    ]);
    expect(products(buildBmecat(HEADER, [item()]))[0]!.PRODUCT_REFERENCE).toBeUndefined();
  });

  it("carries the customer's prices per quantity step, the list price, VAT as a fraction and the contract's end", () => {
    const [product] = products(buildBmecat(HEADER, [item()]));
    const prices = product!.PRODUCT_PRICE_DETAILS.PRODUCT_PRICE.map((p: Record<string, any>) => [p["@price_type"], p.PRICE_AMOUNT, p.LOWER_BOUND, p.TAX]);
    expect(prices).toEqual([
      ["net_customer", "4.25", "1", "0.21"],
      ["net_customer", "3.95", "50", "0.21"],
      ["net_list", "5.10", "1", "0.21"],
    ]);
    expect(product!.PRODUCT_PRICE_DETAILS.VALID_START_DATE).toBe("2026-11-29T00:00:00+01:00");
    // Summer time in Amsterdam is +02:00.
    expect(products(buildBmecat({ ...HEADER, priceDate: "2026-07-01" }, [item({ priceValidTo: "2026-07-31" })]))[0]!.PRODUCT_PRICE_DETAILS.VALID_END_DATE).toBe("2026-07-31T23:59:59+02:00");
    expect(products(buildBmecat(HEADER, [item({ vatRateBasisPoints: 900 })]))[0]!.PRODUCT_PRICE_DETAILS.PRODUCT_PRICE[0].TAX).toBe("0.09");
    expect(products(buildBmecat(HEADER, [item({ vatRateBasisPoints: 0 })]))[0]!.PRODUCT_PRICE_DETAILS.PRODUCT_PRICE[0].TAX).toBe("0.0");
  });

  it.each([
    ["a pack of 500 sold per pack, min 5 in fives", {}, { ORDER_UNIT: "PK", CONTENT_UNIT: "C62", NO_CU_PER_OU: "500", QUANTITY_MIN: "5", QUANTITY_INTERVAL: "5" }],
    ["a piece", { unit: "EA", packSize: 1, minOrderQuantity: 1, orderMultiple: 1 }, { ORDER_UNIT: "EA", CONTENT_UNIT: "EA", NO_CU_PER_OU: "1", QUANTITY_MIN: "1", QUANTITY_INTERVAL: "1" }],
    // Our rule: at least the minimum AND a multiple: the smallest valid quantity is 12, not 10.
    ["min 10 in sixes", { unit: "EA", packSize: 1, minOrderQuantity: 10, orderMultiple: 6 }, { ORDER_UNIT: "EA", CONTENT_UNIT: "EA", NO_CU_PER_OU: "1", QUANTITY_MIN: "12", QUANTITY_INTERVAL: "6" }],
    // The product's content unit, where it says one: our sheet (Rec 21 XST) is the XSD list's ST.
    ["a ream of 500 sheets sold per pack", { contentUnit: "XST" }, { ORDER_UNIT: "PK", CONTENT_UNIT: "ST", NO_CU_PER_OU: "500" }],
    ["6 liters in a carton", { unit: "CT", packSize: 6, contentUnit: "LTR" }, { ORDER_UNIT: "CT", CONTENT_UNIT: "LTR", NO_CU_PER_OU: "6" }],
    ["25 kg in a bag", { unit: "BG", packSize: 25, contentUnit: "KGM" }, { ORDER_UNIT: "BG", CONTENT_UNIT: "KGM", NO_CU_PER_OU: "25" }],
    ["a bottle of 1 liter", { unit: "EA", packSize: 1, contentUnit: "LTR" }, { ORDER_UNIT: "EA", CONTENT_UNIT: "LTR", NO_CU_PER_OU: "1" }],
    ["10 packs in a box", { unit: "BX", packSize: 10, contentUnit: "PK" }, { ORDER_UNIT: "BX", CONTENT_UNIT: "PK", NO_CU_PER_OU: "10" }],
    ["pieces spelt PCE", { unit: "PK", packSize: 10, contentUnit: "PCE" }, { ORDER_UNIT: "PK", CONTENT_UNIT: "C62", NO_CU_PER_OU: "10" }],
    // ST is a piece in the shop (German Stück), a sheet in the XSD's list: written as C62.
    ["a piece spelt ST", { unit: "ST", packSize: 1, contentUnit: null }, { ORDER_UNIT: "C62", CONTENT_UNIT: "C62", NO_CU_PER_OU: "1" }],
    ["a Rec 21 pack code", { unit: "XPK", packSize: 10, contentUnit: "C62" }, { ORDER_UNIT: "PK", CONTENT_UNIT: "C62", NO_CU_PER_OU: "10" }],
  ])("order details: %s", (_label, overrides, expected) => {
    const [product] = products(buildBmecat(HEADER, [item(overrides)]));
    expect(product!.PRODUCT_ORDER_DETAILS).toMatchObject(expected);
  });

  it("names both languages, the default first; the buyer's own number as BUYER_PID; UNSPSC as the classification", () => {
    const document = parser.parse(buildBmecat({ ...HEADER, language: "en" }, [item()])).BMECAT;
    expect(document.HEADER.CATALOG.LANGUAGE).toEqual([{ "#text": "eng", "@default": "true" }, "nld"]);
    const details = document.T_NEW_CATALOG.PRODUCT[0].PRODUCT_DETAILS;
    expect(details.DESCRIPTION_SHORT.map((d: Record<string, string>) => d["@lang"])).toEqual(["eng", "nld"]);
    expect(details.BUYER_PID).toEqual({ "#text": "MAT-4711", "@type": "buyer_specific" });
    expect(details.INTERNATIONAL_PID).toEqual({ "#text": "08712345678906", "@type": "gtin" });
    expect(document.T_NEW_CATALOG.PRODUCT[0].PRODUCT_FEATURES).toEqual({ REFERENCE_FEATURE_SYSTEM_NAME: "UNSPSC", REFERENCE_FEATURE_GROUP_ID: "14111507" });
    expect(document.HEADER.SUPPLIER.SUPPLIER_ID).toEqual({ "#text": "AN01000000042", "@type": "supplier_specific" });
  });

  it.each([
    ["a description over 150 characters is cut at a word", { name: { nl: `${"woord ".repeat(30)}einde`, en: "x" } }, (p: Record<string, any>) => p.PRODUCT_DETAILS.DESCRIPTION_SHORT[0]["#text"].length <= 150 && !p.PRODUCT_DETAILS.DESCRIPTION_SHORT[0]["#text"].endsWith(" ")],
    ["a code too long is left out, never cut", { manufacturerPartNumber: "M".repeat(51), buyerPartNumber: "B".repeat(51) }, (p: Record<string, any>) => p.PRODUCT_DETAILS.MANUFACTURER_PID === undefined && p.PRODUCT_DETAILS.BUYER_PID === undefined],
    ["no GTIN, no INTERNATIONAL_PID; no UNSPSC, no PRODUCT_FEATURES", { gtin: null, unspsc: " " }, (p: Record<string, any>) => p.PRODUCT_DETAILS.INTERNATIONAL_PID === undefined && p.PRODUCT_FEATURES === undefined],
    ["text is escaped", { name: { nl: 'A & B <"C">', en: "x" } }, (p: Record<string, any>) => p.PRODUCT_DETAILS.DESCRIPTION_SHORT[0]["#text"] === 'A & B <"C">'],
  ])("%s", (_label, overrides, check) => {
    expect(check(products(buildBmecat(HEADER, [item(overrides as never)]))[0]!)).toBe(true);
  });

  describe("documents in MIME_INFO", () => {
    const shop = "https://shop.example.nl/product-documents/KP-000019";
    const mimes = (overrides: Parameters<typeof item>[0], header = HEADER) => products(buildBmecat(header, [item(overrides)]))[0]!.MIME_INFO?.MIME as Record<string, string>[] | undefined;

    it("after the photo, one PDF each in the given order: type, source, title, purpose by kind (data_sheet, safety_data_sheet, others)", () => {
      const all = mimes({ imageKey: "0123456789abcdef01234567", documents: DOCUMENTS })!;
      expect(all[0]).toEqual({ MIME_TYPE: "image/jpeg", MIME_SOURCE: "https://shop.example.nl/product-images/KP-000019/0123456789abcdef01234567.jpg", MIME_PURPOSE: "normal" });
      expect(all.slice(1)).toEqual([
        { MIME_TYPE: "application/pdf", MIME_SOURCE: `${shop}/c00000000000000000000001/productblad.pdf`, MIME_DESCR: "Productblad", MIME_PURPOSE: "data_sheet" },
        { MIME_TYPE: "application/pdf", MIME_SOURCE: `${shop}/c00000000000000000000002/veiligheidsblad.pdf`, MIME_DESCR: "Veiligheidsinformatieblad", MIME_PURPOSE: "safety_data_sheet" },
        { MIME_TYPE: "application/pdf", MIME_SOURCE: `${shop}/c00000000000000000000003/handleiding.pdf`, MIME_DESCR: "Handleiding", MIME_PURPOSE: "others" },
        { MIME_TYPE: "application/pdf", MIME_SOURCE: `${shop}/c00000000000000000000004/fsc.pdf`, MIME_DESCR: "FSC-certificaat", MIME_PURPOSE: "others" },
        { MIME_TYPE: "application/pdf", MIME_SOURCE: `${shop}/c00000000000000000000005/tekening.pdf`, MIME_DESCR: "Tekening", MIME_PURPOSE: "others" },
      ]);
    });

    it("writes each MIME's children in the XSD's order", () => {
      const xml = buildBmecat(HEADER, [item({ documents: [document()] })]);
      expect(xml).toMatch(/<MIME>\s*<MIME_TYPE>application\/pdf<\/MIME_TYPE>\s*<MIME_SOURCE>[^<]+<\/MIME_SOURCE>\s*<MIME_DESCR>[^<]+<\/MIME_DESCR>\s*<MIME_PURPOSE>safety_data_sheet<\/MIME_PURPOSE>\s*<\/MIME>/);
    });

    it.each<[string, Parameters<typeof item>[0], typeof HEADER, number]>([
      ["no documents, no photo: no MIME_INFO", { documents: [] }, HEADER, 0],
      ["documents without a photo", { documents: DOCUMENTS }, HEADER, 5],
      ["no shop URL: nothing to link", { imageKey: "0123456789abcdef01234567", documents: DOCUMENTS }, { ...HEADER, shopUrl: null }, 0],
      // SKUs that make the URL (87 characters + the SKU) exactly 255 and 256 characters long.
      ["a URL of 255 characters is linked", { sku: "K".repeat(168), documents: [document()] }, HEADER, 1],
      ["a URL of 256 characters is left out, never cut", { sku: "K".repeat(169), documents: [document()] }, HEADER, 0],
    ])("%s", (_label, overrides, header, count) => {
      expect(mimes(overrides, header)?.length ?? 0).toBe(count);
    });

    it("escapes the title and fits it in MIME_DESCR's 250 characters", () => {
      const [mime] = mimes({ documents: [document({ title: `<Blad> & "titel" ${"woord ".repeat(60)}` })] })!;
      expect(mime!.MIME_DESCR!.startsWith('<Blad> & "titel" woord')).toBe(true);
      expect(mime!.MIME_DESCR!.length).toBeLessThanOrEqual(250);
      expect(buildBmecat(HEADER, [item({ documents: [document({ title: "A & <B>" })] })])).toContain("<MIME_DESCR>A &amp; &lt;B&gt;</MIME_DESCR>");
    });
  });

  describe("attributes as FEATUREs in PRODUCT_FEATURES", () => {
    it("labels them like the shop: definition order, Dutch names and stored values, English names and labels, undefined keys by key under the key", () => {
      expect(features(ATTRIBUTES)).toEqual<CatalogFeature[]>([
        { key: "colour", name: { nl: "Kleur", en: "Colour" }, value: { nl: "blauw", en: "blue" } },
        { key: "size", name: { nl: "Maat", en: "Size" }, value: { nl: "43", en: "43" } },
        { key: "batch", name: { nl: "batch", en: "batch" }, value: { nl: "B-7", en: "B-7" } },
        { key: "finish", name: { nl: "finish", en: "finish" }, value: { nl: "mat", en: "mat" } },
      ]);
      // A value without an English label (or with an empty one) is the stored value in English too; blank values are no attribute.
      expect(features({ material: "wol", colour: "groen", size: "  " }).map((feature) => feature.value)).toEqual([
        { nl: "groen", en: "groen" },
        { nl: "wol", en: "wol" },
      ]);
      expect(features({})).toEqual([]);
      expect(catalogFeatureLabeller([])({ colour: "blauw" })).toEqual([{ key: "colour", name: { nl: "colour", en: "colour" }, value: { nl: "blauw", en: "blauw" } }]);
    });

    it.each<[string, Parameters<typeof item>[0], typeof HEADER, Record<string, unknown> | undefined]>([
      ["UNSPSC and attributes: the classification first, then the features", { features: features({ colour: "blauw" }) }, HEADER, {
        REFERENCE_FEATURE_SYSTEM_NAME: "UNSPSC",
        REFERENCE_FEATURE_GROUP_ID: "14111507",
        FEATURE: [{ FNAME: [{ "#text": "Kleur", "@lang": "nld" }, { "#text": "Colour", "@lang": "eng" }], FVALUE: [{ "#text": "blauw", "@lang": "nld" }, { "#text": "blue", "@lang": "eng" }], FORDER: "1" }],
      }],
      ["attributes without UNSPSC: only the features", { unspsc: null, features: features({ colour: "blauw" }) }, HEADER, {
        FEATURE: [{ FNAME: [{ "#text": "Kleur", "@lang": "nld" }, { "#text": "Colour", "@lang": "eng" }], FVALUE: [{ "#text": "blauw", "@lang": "nld" }, { "#text": "blue", "@lang": "eng" }], FORDER: "1" }],
      }],
      ["English catalogue: English first", { unspsc: null, features: features({ colour: "blauw" }) }, { ...HEADER, language: "en" }, {
        FEATURE: [{ FNAME: [{ "#text": "Colour", "@lang": "eng" }, { "#text": "Kleur", "@lang": "nld" }], FVALUE: [{ "#text": "blue", "@lang": "eng" }, { "#text": "blauw", "@lang": "nld" }], FORDER: "1" }],
      }],
      ["UNSPSC without attributes: the classification alone", { features: [] }, HEADER, { REFERENCE_FEATURE_SYSTEM_NAME: "UNSPSC", REFERENCE_FEATURE_GROUP_ID: "14111507" }],
      ["UNSPSC, no features field at all", {}, HEADER, { REFERENCE_FEATURE_SYSTEM_NAME: "UNSPSC", REFERENCE_FEATURE_GROUP_ID: "14111507" }],
      ["neither: no PRODUCT_FEATURES", { unspsc: null, features: [] }, HEADER, undefined],
      ["only attributes empty after cleaning: no PRODUCT_FEATURES", { unspsc: null, features: features({ colour: "\u0007", size: "\u0001\u0002" }) }, HEADER, undefined],
    ])("%s", (_label, overrides, header, expected) => {
      expect(products(buildBmecat(header, [item(overrides)]))[0]!.PRODUCT_FEATURES).toEqual(expected);
    });

    it("one FEATURE per attribute in the item's order, FORDER 1, 2, … over those written (one empty after cleaning is skipped)", () => {
      const [product] = products(buildBmecat(HEADER, [item({ features: features({ ...ATTRIBUTES, size: "\u0007" }) })]));
      expect(featuresOf(product!)).toEqual([
        ["1", { nld: "Kleur", eng: "Colour" }, { nld: "blauw", eng: "blue" }],
        ["2", { nld: "batch", eng: "batch" }, { nld: "B-7", eng: "B-7" }],
        ["3", { nld: "finish", eng: "finish" }, { nld: "mat", eng: "mat" }],
      ]);
    });

    it("writes FNAMEs, FVALUEs, FORDER in the XSD's order, after the classification and before the order details, escaped", () => {
      const xml = buildBmecat(HEADER, [item({ features: features({ finish: 'A & <"B">' }) })]);
      expect(xml).toMatch(
        /<PRODUCT_FEATURES>\s*<REFERENCE_FEATURE_SYSTEM_NAME>UNSPSC<\/REFERENCE_FEATURE_SYSTEM_NAME>\s*<REFERENCE_FEATURE_GROUP_ID>14111507<\/REFERENCE_FEATURE_GROUP_ID>\s*<FEATURE>\s*<FNAME lang="nld">finish<\/FNAME>\s*<FNAME lang="eng">finish<\/FNAME>\s*<FVALUE lang="nld">A &amp; &lt;&quot;B&quot;&gt;<\/FVALUE>\s*<FVALUE lang="eng">A &amp; &lt;&quot;B&quot;&gt;<\/FVALUE>\s*<FORDER>1<\/FORDER>\s*<\/FEATURE>\s*<\/PRODUCT_FEATURES>\s*<PRODUCT_ORDER_DETAILS>/,
      );
    });

    it("cuts names and values over FNAME's and FVALUE's 60 characters (at a word where one is near), never to nothing", () => {
      const [product] = products(buildBmecat(HEADER, [item({ unspsc: null, features: features({ cable: `${"heel ".repeat(20)}lang`, ["k".repeat(40)]: "v".repeat(200) }) })]));
      const [cable, key] = featuresOf(product!);
      const [, cableName, cableValue] = cable!;
      const [, keyName, keyValue] = key!;
      for (const text of [...Object.values(cableName), ...Object.values(cableValue), ...Object.values(keyValue)]) {
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(60);
      }
      expect(cableName.nld).toBe("Lengte van de aansluitkabel inclusief stekker stekker");
      expect(cableName.eng).toBe("L".repeat(60));
      expect(cableValue.nld).toBe(`${"heel ".repeat(12)}`.trim());
      expect(keyName).toEqual({ nld: "k".repeat(40), eng: "k".repeat(40) });
      expect(keyValue).toEqual({ nld: "v".repeat(60), eng: "v".repeat(60) });
    });
  });
});
