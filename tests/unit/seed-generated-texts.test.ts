import { describe, expect, it } from "vitest";
import { CATALOG, UNIT_NAMES, type PackSpec, type UnitCode } from "@/db/seed/catalog-vocabulary";
import { generateProducts, packContents, soldPer } from "@/db/seed/generate-catalog";
import { CONTENT_UNIT_CODES } from "@/lib/catalog/product-import";
import { sameUnit } from "@/lib/catalog/unit-names";

const SHEETS: PackSpec = { sizes: [500, 2500], nl: "vel", en: "sheets" };
const PIECES: PackSpec = { sizes: [1, 10], nl: "stuks", en: "pieces", one: { nl: "stuk", en: "piece" } };

describe("packContents", () => {
  it.each([
    [PIECES, 1, "1 stuk", "1 piece"],
    [PIECES, 10, "10 stuks", "10 pieces"],
    [SHEETS, 500, "500 vel", "500 sheets"],
  ] as const)("%#: %s", (pack, size, nl, en) => {
    expect(packContents(pack, size, "nl")).toBe(nl);
    expect(packContents(pack, size, "en")).toBe(en);
  });

  it("refuses a pack of one without its singular noun (it would read '1 sheets')", () => {
    expect(() => packContents({ ...SHEETS, sizes: [1] }, 1, "en")).toThrow(/singular/);
  });
});

describe("soldPer", () => {
  const contentsOf = (pack: PackSpec, size: number) => (lang: "nl" | "en") => packContents(pack, size, lang);
  it.each<[UnitCode, PackSpec | null, number, string, string]>([
    ["PK", SHEETS, 500, "Geleverd per pak van 500 vel.", "Sold per pack of 500 sheets."],
    ["BX", SHEETS, 2500, "Geleverd per doos van 2500 vel.", "Sold per box of 2500 sheets."],
    ["EA", PIECES, 1, "Geleverd per stuk.", "Sold per piece."],
    ["PK", PIECES, 10, "Geleverd per pak van 10 stuks.", "Sold per pack of 10 pieces."],
    ["EA", SHEETS, 50, "Geleverd per stuk van 50 vel.", "Sold individually, 50 sheets each."],
    ["LTR", null, 1, "Geleverd per liter.", "Sold per liter."],
  ])("%s with %o × %d", (unit, pack, size, nl, en) => {
    expect(soldPer(unit, size, pack ? contentsOf(pack, size) : () => "")).toEqual({ nl, en });
  });
});

describe("the vocabulary", () => {
  it("gives every pack that may hold one its singular noun", () => {
    const families = CATALOG.flatMap((p) => p.children.flatMap((c) => c.families));
    expect(families.filter((f) => f.pack?.sizes.includes(1) && !f.pack.one).map((f) => f.nl)).toEqual([]);
  });

  it("names units in American English", () => {
    expect(UNIT_NAMES.LTR.en).toBe("liter");
    expect(UNIT_NAMES.MTR.en).toBe("meter");
  });
});

describe("generated product texts (the demo's 5,000)", () => {
  const products = [...generateProducts({ productCount: 5000, seed: 42 })].flat();
  const english = products.flatMap((p) => [p.nameEn, p.descriptionEn]);
  const dutch = products.flatMap((p) => [p.nameNl, p.descriptionNl]);

  it("never counts one in the plural, nor sells 'a piece of 1'", () => {
    expect(english.filter((text) => /\b1 (pieces|sheets|rolls|pairs|bags|pads)\b| of 1 /.test(text))).toEqual([]);
    expect(dutch.filter((text) => /\b1 (stuks|rollen|zakjes|blokken)\b| van 1 /.test(text))).toEqual([]);
    expect(english.some((text) => text.endsWith(", 1 piece") || text.includes(", 1 piece "))).toBe(true);
  });

  it("sells a pack of more than one piece per pack, not per piece", () => {
    expect(products.filter((p) => p.unit === "EA" && / of \d+ pieces\./.test(p.descriptionEn)).map((p) => p.nameEn)).toEqual([]);
  });

  it("says what a pack of more than one holds where its noun has a unit, in a way the product API would take", () => {
    const packed = products.filter((p) => p.contentUnit !== null);
    for (const p of packed) {
      expect(p.packSize, p.sku).toBeGreaterThan(1);
      expect(CONTENT_UNIT_CODES, p.sku).toContain(p.contentUnit);
      // "Pak à 250 pakken" is refused by the import (content_unit_same_as_unit).
      expect(sameUnit(p.contentUnit!, p.unit), `${p.sku} ${p.unit} of ${p.contentUnit}`).toBe(false);
    }
    expect(new Set(packed.map((p) => p.contentUnit))).toEqual(new Set(["XST", "C62", "RO", "PR", "KGM", "GRM"]));
    // Copy paper: "Kopieerpapier …, 500 vel" is a pack of 500 sheets.
    const paper = products.find((p) => p.nameNl.startsWith("Kopieerpapier") && p.packSize === 500)!;
    expect(paper).toMatchObject({ unit: "PK", contentUnit: "XST" });
    // A noun without a unit (pads, tea bags) and a unit of one say nothing.
    expect(products.find((p) => p.nameNl.startsWith("Memoblokjes"))?.contentUnit).toBeNull();
    expect(products.filter((p) => p.packSize === 1).every((p) => p.contentUnit === null)).toBe(true);
  });

  it("writes American English", () => {
    const british = /\b(colour\w*|grey|litres?|metres?|aluminium|fibre\w*|tyres?|organis\w*|galvanis\w*|sanitiser|demineralis\w*|flavour|spanner|bin bags?|trolleys?|castors)\b/i;
    const found = english.filter((text) => british.test(text.replace("Earl Grey", "")));
    expect(found.slice(0, 5)).toEqual([]);
  });

  it("names the country of origin, never its code", () => {
    for (const p of products) if (p.attributes.origin) expect(p.attributes.origin, p.sku).not.toMatch(/^[A-Z]{2}$/);
  });
});
