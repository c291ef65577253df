import { describe, expect, it } from "vitest";
import { buildOciFields, type BuildOciFieldsOptions } from "@/lib/punchout/oci/build-fields";
import {
  ociConnectionSettingsSchema,
  type OciConnectionSettingsInput,
} from "@/lib/punchout/oci/connection-settings";
import type { OciField } from "@/lib/punchout/oci/fields";
import type { PunchoutItem } from "@/lib/punchout/types";
import { DUTCH_READERS_DOCUMENTS, punchoutDocument } from "../document-fixture";
import { punchoutCart, punchoutItem } from "./cart-fixture";

const UTF8: BuildOciFieldsOptions = { charset: "utf-8", hookUrl: null };

function build(
  items: PunchoutItem[],
  settings: OciConnectionSettingsInput = {},
  options: BuildOciFieldsOptions = UTF8,
): OciField[] {
  return buildOciFields(punchoutCart(items), ociConnectionSettingsSchema.parse(settings), options);
}

/** Field values of line `index` by field name (`NEW_ITEM-PRICE[2]` → `PRICE`). */
function lineFields(fields: OciField[], index: number): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap(([name, value]) => {
      const match = /^NEW_ITEM-(?:([A-Z0-9_]+)\[(\d+)\]|(LONGTEXT)_(\d+):132\[\])$/.exec(name);
      return match && Number(match[2] ?? match[4]) === index ? [[match[1] ?? match[3] ?? "", value]] : [];
    }),
  );
}

const line1 = (fields: OciField[]) => lineFields(fields, 1);

describe("buildOciFields", () => {
  it("builds the PROTOCOLS.md §1.4 example: HOOK_URL query first, then NEW_ITEM-*[1]", () => {
    const fields = build([punchoutItem()], { units: { base: "rec20" } }, {
      charset: "utf-8",
      hookUrl: {
        query: [
          ["sap-client", "100"],
          ["sid", "X1"],
        ],
      },
    });
    expect(fields).toEqual([
      ["sap-client", "100"],
      ["sid", "X1"],
      ["NEW_ITEM-DESCRIPTION[1]", "Kabelbinder 200x4,8 zwart (100 st)"],
      ["NEW_ITEM-QUANTITY[1]", "10"],
      ["NEW_ITEM-UNIT[1]", "PK"],
      ["NEW_ITEM-PRICE[1]", "12.34"],
      ["NEW_ITEM-PRICEUNIT[1]", "1"],
      ["NEW_ITEM-CURRENCY[1]", "EUR"],
      ["NEW_ITEM-LEADTIME[1]", "2"],
      ["NEW_ITEM-VENDORMAT[1]", "ART-10001"],
      ["NEW_ITEM-MANUFACTMAT[1]", "T50R-PA66W-BK"],
      ["NEW_ITEM-EXT_PRODUCT_ID[1]", "p_8f3a2c"],
      ["NEW_ITEM-EXT_CATEGORY_ID[1]", "39131711"],
      ["NEW_ITEM-EXT_SCHEMA_TYPE[1]", "UNSPSC"],
      ["NEW_ITEM-LONGTEXT_1:132[]", "Kabelbinder PA66, UV-bestendig. Zak a 100 stuks."],
    ]);
    expect(fields.some(([name]) => name.startsWith("NEW_ITEM-MATNR"))).toBe(false);
  });

  it("echoes OCI 3.0 legacy fields after the HOOK_URL query, skipping names the query already has", () => {
    const fields = build([], {}, {
      charset: "utf-8",
      hookUrl: { query: [["~OkCode", "ADDI"]] },
      legacyReturnFields: [
        ["~okcode", "ADDI"],
        ["~CALLER", "CTLG"],
      ],
    });
    expect(fields).toEqual([
      ["~OkCode", "ADDI"],
      ["~CALLER", "CTLG"],
    ]);
  });

  it("numbers lines from 1 and puts the index inside the LONGTEXT name", () => {
    const names = build([punchoutItem(), punchoutItem({ sku: "ART-2" })]).map(([name]) => name);
    expect(names).toContain("NEW_ITEM-DESCRIPTION[1]");
    expect(names).toContain("NEW_ITEM-DESCRIPTION[2]");
    expect(names).toContain("NEW_ITEM-LONGTEXT_1:132[]");
    expect(names).toContain("NEW_ITEM-LONGTEXT_2:132[]");
    expect(names.some((name) => /\[0\]|LONGTEXT_0/.test(name))).toBe(false);
  });

  describe("PRICE and PRICEUNIT", () => {
    it.each<[string, Partial<PunchoutItem>, OciConnectionSettingsInput, string, string | undefined]>([
      ["net, per 1", {}, {}, "12.34", "1"],
      ["per pack of 100, sent per pack", { priceBasisQuantity: 100 }, { priceBasis: "pack" }, "12.34", "100"],
      ["per pack of 100, sent per unit (3 decimals)", { priceBasisQuantity: 100 }, { priceBasis: "unit" }, "0.123", "1"],
      ["per unit rounds half away from zero", { unitPriceMinor: 1235, priceBasisQuantity: 100 }, { priceBasis: "unit" }, "0.124", "1"],
      ["per unit keeps at least the currency's decimals", { unitPriceMinor: 1200, priceBasisQuantity: 10 }, { priceBasis: "unit" }, "1.20", "1"],
      ["gross adds 21 % VAT in minor units", {}, { priceType: "gross" }, "14.93", "1"],
      ["gross per unit of a pack", { unitPriceMinor: 1000, priceBasisQuantity: 3 }, { priceType: "gross", priceBasis: "unit" }, "4.033", "1"],
      ["no thousands separators", { unitPriceMinor: 123_456_789 }, {}, "1234567.89", "1"],
      ["zero price", { unitPriceMinor: 0 }, {}, "0.00", "1"],
      ["PRICEUNIT 1 left out when switched off", {}, { optionalFields: [] }, "12.34", undefined],
      ["PRICEUNIT ≠ 1 sent even when switched off", { priceBasisQuantity: 100 }, { optionalFields: [] }, "12.34", "100"],
    ])("%s", (_label, item, settings, price, priceUnit) => {
      const line = line1(build([punchoutItem(item)], settings));
      expect(line.PRICE).toBe(price);
      expect(line.PRICEUNIT).toBe(priceUnit);
      expect(line.CURRENCY).toBe("EUR");
    });

    it("refuses prices with more than 11 digits before the decimal point", () => {
      expect(() => build([punchoutItem({ unitPriceMinor: 1_000_000_000_000_00 })])).toThrow(RangeError);
    });

    it("refuses a price basis that is not a positive integer", () => {
      expect(() => build([punchoutItem({ priceBasisQuantity: 0 })])).toThrow(RangeError);
    });
  });

  it.each<[string, number, string]>([
    ["integer", 10, "10"],
    ["fraction", 2.5, "2.5"],
    ["more than 3 decimals", 1.23456, "1.235"],
    ["large, no separators", 1_234_567, "1234567"],
  ])("formats QUANTITY: %s", (_label, quantity, expected) => {
    expect(line1(build([punchoutItem({ quantity })])).QUANTITY).toBe(expected);
  });

  it("refuses a QUANTITY with more than 11 integer digits", () => {
    expect(() => build([punchoutItem({ quantity: 1e12 })])).toThrow(RangeError);
  });

  it.each<[string, string, OciConnectionSettingsInput["units"], string]>([
    ["Rec 20 as stored", "EA", { base: "rec20" }, "EA"],
    ["ISO: each → PCE", "EA", { base: "iso" }, "PCE"],
    ["ISO: C62 → PCE", "C62", { base: "iso" }, "PCE"],
    ["ISO: KGM unchanged", "KGM", { base: "iso" }, "KGM"],
    ["ISO: stored code in lower case", "ea", { base: "iso" }, "PCE"],
    ["map on ISO code: PCE → ST", "EA", { base: "iso", map: { PCE: "ST" } }, "ST"],
    ["map keys case-insensitive: pk → PAK", "PK", { base: "iso", map: { pk: "pak" } }, "PAK"],
    ["map on Rec 20 code: BX → KAR", "BX", { base: "rec20", map: { BX: "KAR" } }, "KAR"],
    ["unmapped code falls through", "MTR", { base: "iso", map: { PCE: "ST" } }, "MTR"],
  ])("maps UNIT: %s", (_label, unit, units, expected) => {
    expect(line1(build([punchoutItem({ unit })], { units })).UNIT).toBe(expected);
  });

  describe("DESCRIPTION and LONGTEXT", () => {
    const long = "Kabelbinder polyamide 6.6, UV-bestendig, 200 x 4,8 mm, zwart";

    it("cuts DESCRIPTION to 40 characters between words and puts the full text first in LONGTEXT", () => {
      const line = line1(build([punchoutItem({ description: long })]));
      expect(line.DESCRIPTION).toBe("Kabelbinder polyamide 6.6, UV-bestendig");
      expect(line.DESCRIPTION?.length).toBeLessThanOrEqual(40);
      expect(line.LONGTEXT).toBe(`${long}\nKabelbinder PA66, UV-bestendig. Zak a 100 stuks.`);
    });

    it("does not repeat the description when the long text already starts with it", () => {
      const line = line1(build([punchoutItem({ description: long, longText: `${long}. Zak a 100.` })]));
      expect(line.LONGTEXT).toBe(`${long}. Zak a 100.`);
    });

    it.each<[string, string, string]>([
      ["emoji on the boundary is not split", `${"x".repeat(39)}😀 tail`, "x".repeat(39)],
      ["emoji that fits counts as 2 units", `${"x".repeat(38)}😀 tail`, `${"x".repeat(38)}😀`],
      ["combining mark stays with its letter", `${"x".repeat(39)}q\u0303 tail`, "x".repeat(39)],
      ["decomposed é is composed first and fits", `${"x".repeat(39)}e\u0301 tail`, `${"x".repeat(39)}é`],
      ["a combining mark just past the 40th character takes that letter out", `${"x".repeat(40)}\u0331 tail`, "x".repeat(39)],
      ["Latin Extended letters are one character each", `Łódź ${"ł".repeat(40)}`, `Łódź ${"ł".repeat(35)}`],
      ["a space at the cut is trimmed", `${"x".repeat(39)} yz`, "x".repeat(39)],
      ["whitespace and line breaks collapse", "Kabel\nbinder\t  200", "Kabel binder 200"],
      ["control characters are dropped", "Bout\u0000 M8\u0007", "Bout M8"],
      ["markup stays raw for the renderer to escape", 'Bout "M8" <A&B>', 'Bout "M8" <A&B>'],
      ["empty description falls back to the SKU", "  ", "ART-10001"],
    ])("%s", (_label, description, expected) => {
      expect(line1(build([punchoutItem({ description })])).DESCRIPTION).toBe(expected);
    });

    // The shortening itself is tested in tests/unit/punchout/short-description.test.ts; here what the
    // buyer's system receives in each charset: SAP counts characters after the charset conversion.
    it.each<[string, string, string, string]>([
      ["a pack suffix that does not fit goes whole", "Latex gloves size L examination grade, 100 pieces", "Latex gloves size L examination grade", "Latex gloves size L examination grade"],
      ["a Dutch one too", "Kabelbinders 2,5 x 100 mm zwart, 100 stuks", "Kabelbinders 2,5 x 100 mm zwart", "Kabelbinders 2,5 x 100 mm zwart"],
      [
        "Latin-1 letters are one character in either charset",
        "Präzisions-Meßbecher für Café-Labor, 250 ml, hitzebeständig borosilicaatglas",
        "Präzisions-Meßbecher für Café-Labor",
        "Präzisions-Meßbecher für Café-Labor",
      ],
      // "€" becomes "EUR" in Latin-1: two more characters, so a name that fits in UTF-8 is cut there.
      ["a transliteration that grows moves the cut", "Cadeaubon € 25 kantine Zwolle Zuid, 2026", "Cadeaubon € 25 kantine Zwolle Zuid, 2026", "Cadeaubon EUR 25 kantine Zwolle Zuid"],
      ["no space in the first 40 characters: cut after a hyphen", "Veiligheidshandschoenen-snijbestendig-niveau-C-maat-9, 12 paar", "Veiligheidshandschoenen-snijbestendig", "Veiligheidshandschoenen-snijbestendig"],
      // Latin-1 has no Japanese: transliterated to "?" (render-transfer-form.ts), one character each.
      ["Japanese without spaces", "ニトリル手袋パウダーフリー青色Mサイズ百枚入り使い捨て手袋食品衛生法適合品ニトリル製極薄タイプ", "ニトリル手袋パウダーフリー青色Mサイズ百枚入り使い捨て手袋食品衛生法適合品ニトリ", `${"?".repeat(15)}M${"?".repeat(24)}`],
    ])("DESCRIPTION: %s", (_label, description, utf8, latin1) => {
      const sent = (charset: BuildOciFieldsOptions["charset"]) => line1(build([punchoutItem({ description })], {}, { charset, hookUrl: null }));
      expect(sent("utf-8").DESCRIPTION).toBe(utf8);
      expect(sent("iso-8859-1").DESCRIPTION).toBe(latin1);
      // Whatever was cut is in full at the start of LONGTEXT (in Latin-1 transliterated, as everywhere).
      if (utf8 !== description) expect(sent("utf-8").LONGTEXT?.split("\n")[0]).toBe(description);
      if (latin1 !== description) expect(sent("iso-8859-1").LONGTEXT?.split("\n")[0]?.startsWith(latin1)).toBe(true);
    });

    it("counts the 40 characters after Latin-1 transliteration", () => {
      const line = line1(
        build([punchoutItem({ description: "Prijs € 12 per “doos” — Müller Straße geleverd" })], {}, {
          charset: "iso-8859-1",
          hookUrl: null,
        }),
      );
      expect(line.DESCRIPTION).toBe('Prijs EUR 12 per "doos" - Müller Straße');
      expect(line.DESCRIPTION?.length).toBeLessThanOrEqual(40);
    });

    it("keeps line breaks in LONGTEXT and normalises CR LF", () => {
      expect(line1(build([punchoutItem({ longText: "Regel 1\r\nRegel 2\n" })])).LONGTEXT).toBe("Regel 1\nRegel 2");
    });
  });

  it("sends only the required fields when every optional field is off", () => {
    const line = line1(build([punchoutItem()], { optionalFields: [], extCategoryId: { source: "none" } }));
    expect(Object.keys(line)).toEqual(["DESCRIPTION", "QUANTITY", "UNIT", "PRICE", "CURRENCY"]);
  });

  it.each<[string, Partial<PunchoutItem>, string]>([
    ["SKU longer than 40 leaves VENDORMAT out", { sku: "A".repeat(41) }, "VENDORMAT"],
    ["product key longer than 40 leaves EXT_PRODUCT_ID out", { productKey: "p".repeat(41) }, "EXT_PRODUCT_ID"],
    ["manufacturer part number longer than 40 leaves MANUFACTMAT out", { manufacturerPartNumber: "M".repeat(41) }, "MANUFACTMAT"],
  ])("never cuts codes: %s", (_label, item, field) => {
    expect(line1(build([punchoutItem(item)]))[field]).toBeUndefined();
  });

  describe("MATNR: the customer's own article number (buyerMaterialNumber)", () => {
    const number = "MAT-0004711";
    const forty = "M".repeat(40);

    it.each<[string, OciConnectionSettingsInput, string | null, Record<string, string | undefined>]>([
      ["off by default: no MATNR even with a number", {}, number, { MATNR: undefined, DESCRIPTION: "Kabelbinder 200x4,8 zwart (100 st)" }],
      ["off explicitly: no MATNR", { buyerMaterialNumber: false }, number, { MATNR: undefined, DESCRIPTION: "Kabelbinder 200x4,8 zwart (100 st)" }],
      ["on with a number: MATNR instead of DESCRIPTION", { buyerMaterialNumber: true }, number, { MATNR: number, DESCRIPTION: undefined }],
      ["on without a number: DESCRIPTION only", { buyerMaterialNumber: true }, null, { MATNR: undefined, DESCRIPTION: "Kabelbinder 200x4,8 zwart (100 st)" }],
      ["on, 40 characters fit", { buyerMaterialNumber: true }, forty, { MATNR: forty, DESCRIPTION: undefined }],
      ["on, 41 characters: left out, never cut, DESCRIPTION instead", { buyerMaterialNumber: true }, `${forty}9`, { MATNR: undefined, DESCRIPTION: "Kabelbinder 200x4,8 zwart (100 st)" }],
      ["on, a blank number counts as none", { buyerMaterialNumber: true }, "  ", { MATNR: undefined, DESCRIPTION: "Kabelbinder 200x4,8 zwart (100 st)" }],
    ])("%s", (_label, settings, buyerPartNumber, expected) => {
      const fields = line1(build([punchoutItem({ buyerPartNumber })], settings));
      expect(Object.fromEntries(Object.keys(expected).map((field) => [field, fields[field]]))).toEqual(expected);
    });

    it("fills MATNR[n] per line only for lines with a number, DESCRIPTION[n] for the others", () => {
      const fields = build(
        [
          punchoutItem({ buyerPartNumber: "MAT-1" }),
          punchoutItem({ sku: "ART-2", description: "Isolatietape rood" }),
          punchoutItem({ sku: "ART-3", buyerPartNumber: "MAT-3" }),
          punchoutItem({ sku: "ART-4", description: "Krimpkous", buyerPartNumber: "X".repeat(41) }),
        ],
        { buyerMaterialNumber: true },
      );
      expect([1, 2, 3, 4].map((n) => [lineFields(fields, n).MATNR, lineFields(fields, n).DESCRIPTION])).toEqual([
        ["MAT-1", undefined],
        [undefined, "Isolatietape rood"],
        ["MAT-3", undefined],
        [undefined, "Krimpkous"],
      ]);
      expect(fields.filter(([name]) => name.startsWith("NEW_ITEM-MATNR")).map(([name]) => name)).toEqual([
        "NEW_ITEM-MATNR[1]",
        "NEW_ITEM-MATNR[3]",
      ]);
    });

    it("keeps every other field, our SKU in VENDORMAT and the long text, when MATNR replaces DESCRIPTION", () => {
      const sent = line1(build([punchoutItem({ buyerPartNumber: number })], { buyerMaterialNumber: true, units: { base: "rec20" } }));
      expect(Object.keys(sent)).toEqual([
        "MATNR", "QUANTITY", "UNIT", "PRICE", "PRICEUNIT", "CURRENCY", "LEADTIME", "VENDORMAT", "MANUFACTMAT",
        "EXT_PRODUCT_ID", "EXT_CATEGORY_ID", "EXT_SCHEMA_TYPE", "LONGTEXT",
      ]);
      expect(sent).toMatchObject({ UNIT: "PK", VENDORMAT: "ART-10001", LONGTEXT: "Kabelbinder PA66, UV-bestendig. Zak a 100 stuks." });
    });

    it("still moves a description longer than 40 characters into LONGTEXT", () => {
      const description = "Kabelbinder polyamide 6.6, UV-bestendig, 200 x 4,8 mm, zwart";
      const sent = line1(build([punchoutItem({ description, buyerPartNumber: number })], { buyerMaterialNumber: true }));
      expect(sent.DESCRIPTION).toBeUndefined();
      expect(sent.LONGTEXT).toBe(`${description}\nKabelbinder PA66, UV-bestendig. Zak a 100 stuks.`);
    });
  });

  describe("classification", () => {
    it.each<[string, OciConnectionSettingsInput, Partial<PunchoutItem>, Record<string, string | undefined>]>([
      ["defaults: UNSPSC in EXT_CATEGORY_ID, no MATGROUP", {}, {}, { MATGROUP: undefined, EXT_CATEGORY_ID: "39131711", EXT_SCHEMA_TYPE: "UNSPSC" }],
      ["UNSPSC in MATGROUP", { matGroup: { source: "unspsc" } }, {}, { MATGROUP: "39131711" }],
      ["own category code in MATGROUP", { matGroup: { source: "category" } }, {}, { MATGROUP: "KB" }],
      ["category code too long for MATGROUP is left out", { matGroup: { source: "category" } }, { categoryCode: "kabelbinders-xl" }, { MATGROUP: undefined }],
      [
        "explicit map by category",
        { matGroup: { source: "map", key: "category", map: { KB: "M-0042" } } },
        {},
        { MATGROUP: "M-0042" },
      ],
      [
        "explicit map falls back",
        { matGroup: { source: "map", key: "unspsc", map: {}, fallback: "DEFAULT" } },
        {},
        { MATGROUP: "DEFAULT" },
      ],
      ["eCl@ss schema type", { extSchemaType: "ECLASS", extCategoryId: { source: "category" } }, {}, { EXT_CATEGORY_ID: "KB", EXT_SCHEMA_TYPE: "ECLASS" }],
      ["no category, no schema type", {}, { unspsc: null }, { EXT_CATEGORY_ID: undefined, EXT_SCHEMA_TYPE: undefined }],
      ["source none, no schema type", { extCategoryId: { source: "none" } }, {}, { EXT_CATEGORY_ID: undefined, EXT_SCHEMA_TYPE: undefined }],
    ])("%s", (_label, settings, item, expected) => {
      const line = line1(build([punchoutItem(item)], settings));
      expect(Object.fromEntries(Object.keys(expected).map((field) => [field, line[field]]))).toEqual(expected);
    });
  });

  it("fills VENDOR and MANUFACTCODE from the connection (manufacturer matched case-insensitively)", () => {
    const line = line1(build([punchoutItem()], { vendorNumber: "100042", manufacturerCodes: { hellermanntyton: "HT01" } }));
    expect(line.VENDOR).toBe("100042");
    expect(line.MANUFACTCODE).toBe("HT01");
    expect(line1(build([punchoutItem({ manufacturerName: null })], { manufacturerCodes: { x: "1" } })).MANUFACTCODE).toBeUndefined();
  });

  it("fills custom fields from attributes, item properties and constants within their lengths", () => {
    const line = line1(
      build([punchoutItem({ attributes: { colour: "zwart", material: "polyamide 6.6" }, imageUrl: "https://shop.example/product-images/A/0123456789abcdef01234567.jpg" })], {
        customFields: [
          { name: "CUST_FIELD1", value: { from: "attribute", name: "colour" } },
          { name: "CUST_FIELD2", value: { from: "attribute", name: "material" } },
          { name: "CUST_FIELD4", value: { from: "item", property: "gtin" } },
          { name: "CUST_FIELD5", value: { from: "constant", value: "Koppel" }, maxLength: 3 },
          { name: "ZZ_COSTCENTER", value: { from: "attribute", name: "costCenter" } },
          { name: "zz_brand", value: { from: "item", property: "brand" } },
          { name: "ZZ_IMAGE", value: { from: "item", property: "imageUrl" } },
        ],
      }),
    );
    expect(line).toMatchObject({
      CUST_FIELD1: "zwart",
      CUST_FIELD2: "polyamide",
      CUST_FIELD4: "8711111222233",
      CUST_FIELD5: "Kop",
      ZZ_BRAND: "HellermannTyton",
      ZZ_IMAGE: "https://shop.example/product-images/A/0123456789abcdef01234567.jpg",
    });
    expect(line.ZZ_COSTCENTER).toBeUndefined();
  });

  describe("EXT_QUOTE_ID / EXT_QUOTE_ITEM: a line priced at our quote (OCI 5.0 §3.2.3)", () => {
    it.each<[string, PunchoutItem["quote"], Record<string, string | undefined>]>([
      ["no quote: neither field", null, { EXT_QUOTE_ID: undefined, EXT_QUOTE_ITEM: undefined }],
      ["a quote: its number and line", { number: "Q2001", item: 3 }, { EXT_QUOTE_ID: "Q2001", EXT_QUOTE_ITEM: "3" }],
      ["35 characters fit", { number: "Q".repeat(35), item: 1 }, { EXT_QUOTE_ID: "Q".repeat(35), EXT_QUOTE_ITEM: "1" }],
      // EXT_QUOTE_ITEM needs EXT_QUOTE_ID (§3.2.1): a number too long is left out, and so is its item.
      ["36 characters: left out with its item, never cut", { number: "Q".repeat(36), item: 1 }, { EXT_QUOTE_ID: undefined, EXT_QUOTE_ITEM: undefined }],
    ])("%s", (_label, quote, expected) => {
      const fields = line1(build([punchoutItem({ quote })]));
      expect(Object.fromEntries(Object.keys(expected).map((field) => [field, fields[field]]))).toEqual(expected);
    });
  });

  describe("ATTACHMENT: the product's one document (connection setting attachment)", () => {
    const sds = punchoutDocument();
    const datasheet = punchoutDocument({ key: "b00000000000000000000001", kind: "datasheet", title: "Productblad", fileName: "productblad.pdf" });
    const url = (length: number) => {
      const base = "https://shop.example.nl/product-documents/ART-10001/0123456789abcdef01234567/";
      return `${base}${"x".repeat(length - base.length - 4)}.pdf`;
    };
    const attachmentFields = (fields: Record<string, string>) => ({
      ATTACHMENT: fields.ATTACHMENT,
      ATTACHMENT_TITLE: fields.ATTACHMENT_TITLE,
      ATTACHMENT_PURPOSE: fields.ATTACHMENT_PURPOSE,
    });
    it.each<[string, OciConnectionSettingsInput, Partial<PunchoutItem>, BuildOciFieldsOptions, Record<string, string | undefined>]>([
      ["off by default: no attachment field at all", {}, { documents: [sds] }, UTF8, { ATTACHMENT: undefined, ATTACHMENT_TITLE: undefined, ATTACHMENT_PURPOSE: undefined }],
      ["none: no attachment field", { attachment: "none" }, { documents: [sds] }, UTF8, { ATTACHMENT: undefined, ATTACHMENT_TITLE: undefined, ATTACHMENT_PURPOSE: undefined }],
      ["primary: the safety data sheet before the datasheet; no PURPOSE (C = configuration)", { attachment: "primary" }, { documents: [datasheet, sds] }, UTF8, { ATTACHMENT: sds.url, ATTACHMENT_TITLE: sds.title, ATTACHMENT_PURPOSE: undefined }],
      ["primary: the datasheet when there is no safety data sheet", { attachment: "primary" }, { documents: [datasheet] }, UTF8, { ATTACHMENT: datasheet.url, ATTACHMENT_TITLE: "Productblad", ATTACHMENT_PURPOSE: undefined }],
      ["primary: the reader's language first", { attachment: "primary" }, { documents: DUTCH_READERS_DOCUMENTS.toReversed(), language: "en" }, UTF8, { ATTACHMENT: DUTCH_READERS_DOCUMENTS[2]!.url, ATTACHMENT_TITLE: "Safety data sheet", ATTACHMENT_PURPOSE: undefined }],
      ["primary: a manual or certificate alone is no attachment", { attachment: "primary" }, { documents: [DUTCH_READERS_DOCUMENTS[3]!, punchoutDocument({ kind: "certificate" })] }, UTF8, { ATTACHMENT: undefined, ATTACHMENT_TITLE: undefined, ATTACHMENT_PURPOSE: undefined }],
      ["primary: no documents, no fields", { attachment: "primary" }, { documents: [] }, UTF8, { ATTACHMENT: undefined, ATTACHMENT_TITLE: undefined, ATTACHMENT_PURPOSE: undefined }],
      ["a URL of exactly 255 characters is sent", { attachment: "primary" }, { documents: [punchoutDocument({ url: url(255) })] }, UTF8, { ATTACHMENT: url(255), ATTACHMENT_TITLE: sds.title, ATTACHMENT_PURPOSE: undefined }],
      ["a URL of 256 characters is left out, never cut, and its title with it", { attachment: "primary" }, { documents: [punchoutDocument({ url: url(256) })] }, UTF8, { ATTACHMENT: undefined, ATTACHMENT_TITLE: undefined, ATTACHMENT_PURPOSE: undefined }],
      ["a title over 255 characters is cut within 255 (trailing space dropped)", { attachment: "primary" }, { documents: [punchoutDocument({ title: `${"Blad ".repeat(60)}einde` })] }, UTF8, { ATTACHMENT: sds.url, ATTACHMENT_TITLE: "Blad ".repeat(51).trimEnd(), ATTACHMENT_PURPOSE: undefined }],
      ["the title on one line, in the page's Latin-1", { attachment: "primary" }, { documents: [punchoutDocument({ title: "Veiligheidsblad\n„Größe“ – 50 €" })] }, { charset: "iso-8859-1", hookUrl: null }, { ATTACHMENT: sds.url, ATTACHMENT_TITLE: 'Veiligheidsblad "Größe" - 50 EUR', ATTACHMENT_PURPOSE: undefined }],
    ])("%s", (_label, settings, item, options, expected) => {
      expect(attachmentFields(line1(build([punchoutItem(item)], settings, options)))).toEqual(expected);
    });

    it("numbers the attachment with its line, and a line without documents gets none", () => {
      const fields = build([punchoutItem({ documents: [] }), punchoutItem({ sku: "ART-2", documents: [sds] })], { attachment: "primary" });
      expect(fields.filter(([name]) => name.startsWith("NEW_ITEM-ATTACHMENT"))).toEqual([
        ["NEW_ITEM-ATTACHMENT[2]", sds.url],
        ["NEW_ITEM-ATTACHMENT_TITLE[2]", sds.title],
      ]);
    });
  });
});
