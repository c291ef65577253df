import { describe, expect, it } from "vitest";
import { contentUnitPriceHundredths, contentUnitPriceText, packPhrase, packText, type Pack } from "@/lib/catalog/pack-text";
import { sameUnit } from "@/lib/catalog/unit-names";

const pack = (unit: string, packSize: number, contentUnit: string | null): Pack => ({ unit, packSize, contentUnit });
/** nl-NL puts a no-break space after the euro sign. */
const plain = (text: string | null) => text?.replace(/\u00a0/g, " ") ?? null;

describe("pack text", () => {
  it.each<[string, Pack, string, string, string | null, string | null]>([
    // label, pack, phrase nl, phrase en, product page nl, product page en
    ["a ream of sheets", pack("PK", 250, "XST"), "pak à 250 vel", "pack of 250 sheets", "Pak à 250 vel", "Pack of 250 sheets"],
    ["a box of 2,500 sheets (thousands separator)", pack("BX", 2500, "XST"), "doos à 2.500 vel", "box of 2,500 sheets", "Doos à 2.500 vel", "Box of 2,500 sheets"],
    ["pieces in a pack", pack("PK", 10, "C62"), "pak à 10 stuks", "pack of 10 pieces", "Pak à 10 stuks", "Pack of 10 pieces"],
    ["liters in a carton", pack("CT", 6, "LTR"), "karton à 6 liter", "carton of 6 liters", "Karton à 6 liter", "Carton of 6 liters"],
    ["kilograms in a bag (a symbol)", pack("BG", 25, "KGM"), "zak à 25 kg", "bag of 25 kg", "Zak à 25 kg", "Bag of 25 kg"],
    ["pairs in a box", pack("BX", 100, "PR"), "doos à 100 paar", "box of 100 pairs", "Doos à 100 paar", "Box of 100 pairs"],
    ["rolls in a pack", pack("PK", 24, "RO"), "pak à 24 rollen", "pack of 24 rolls", "Pak à 24 rollen", "Pack of 24 rolls"],
    ["packs in a box", pack("BX", 10, "PK"), "doos à 10 pakken", "box of 10 packs", "Doos à 10 pakken", "Box of 10 packs"],
    ["a symbol as the order unit stays lower case", pack("KGM", 1000, "GRM"), "kg à 1.000 g", "kg of 1,000 g", "kg à 1.000 g", "kg of 1,000 g"],
    ["one liter in a piece (a bottle)", pack("EA", 1, "LTR"), "stuk à 1 liter", "piece of 1 liter", "Stuk à 1 liter", "Piece of 1 liter"],
    ["one sheet", pack("PK", 1, "XST"), "pak à 1 vel", "pack of 1 sheet", "Pak à 1 vel", "Pack of 1 sheet"],
    ["an order unit the shop does not name, as its code", pack("ZZ", 250, "XST"), "ZZ à 250 vel", "ZZ of 250 sheets", "ZZ à 250 vel", "ZZ of 250 sheets"],
    // Null: the old text, which does not say 250 what.
    ["no content unit", pack("PK", 250, null), "pak", "pack", "250 per pak", "250 per pack"],
    ["no content unit, an empty one read as none", pack("PK", 250, ""), "pak", "pack", "250 per pak", "250 per pack"],
    ["no content unit, a unit of one", pack("EA", 1, null), "stuk", "piece", null, null],
    // The same unit for a unit of one says nothing: as if there were none.
    ["the order unit itself for a pack of 1", pack("PK", 1, "PK"), "pak", "pack", null, null],
    ["a piece in a piece under two codes", pack("EA", 1, "C62"), "stuk", "piece", null, null],
  ])("%s", (_label, value, phraseNl, phraseEn, textNl, textEn) => {
    expect(packPhrase(value, "nl")).toBe(phraseNl);
    expect(packPhrase(value, "en")).toBe(phraseEn);
    expect(packText(value, "nl")).toBe(textNl);
    expect(packText(value, "en")).toBe(textEn);
  });

  it.each([
    ["EA", "C62", true],
    ["XBX", "BX", true],
    [" pk ", "PK", true],
    ["PK", "XST", false],
    ["ZZ", "zz", true],
    ["ZZ", "ZY", false],
    ["ZZ", "EA", false],
  ])("sameUnit(%s, %s) is %s", (a, b, same) => {
    expect(sameUnit(a, b)).toBe(same);
    expect(sameUnit(b, a)).toBe(same);
  });
});

describe("price per content unit", () => {
  it.each([
    // priceMinor, packSize, hundredths of a cent: rounded half up in integers
    ["€ 4,90 for 250", 490, 250, 196],
    ["€ 4,99 for 500 (99.8)", 499, 500, 100],
    ["a third of a cent", 1, 3, 33],
    ["half a hundredth rounds up", 1, 200, 1],
    ["just under half rounds down", 1, 201, 0],
    ["a pack of one", 1899, 1, 189_900],
    ["two and a half cents", 5, 2, 250],
    ["a large price", 99_999_999, 7, 1_428_571_414],
  ])("%s", (_label, priceMinor, packSize, hundredths) => {
    expect(contentUnitPriceHundredths(priceMinor, packSize)).toBe(hundredths);
  });

  it.each([
    [-1, 10],
    [1.5, 10],
    [100, 0],
    [100, 2.5],
  ])("refuses price %s for pack size %s", (priceMinor, packSize) => {
    expect(() => contentUnitPriceHundredths(priceMinor, packSize)).toThrow(RangeError);
  });

  it.each<[string, number, Pack, string | null, string | null]>([
    ["paper: four decimals below a cent", 490, pack("PK", 250, "XST"), "€ 0,0196 per vel", "€0.0196 per sheet"],
    ["below one euro: trailing zeros past the cents dropped", 2500, pack("PK", 100, "C62"), "€ 0,25 per stuk", "€0.25 per piece"],
    ["99.8 hundredths of a cent round to one cent", 499, pack("PK", 500, "XST"), "€ 0,01 per vel", "€0.01 per sheet"],
    ["three decimals", 1295, pack("BG", 25, "KGM"), "€ 0,518 per kg", "€0.518 per kg"],
    ["four decimals of a large box", 123_456, pack("BX", 2500, "XST"), "€ 0,4938 per vel", "€0.4938 per sheet"],
    ["just below one euro", 999, pack("PK", 10, "C62"), "€ 0,999 per stuk", "€0.999 per piece"],
    ["from one euro on: in cents", 1000, pack("PK", 10, "C62"), "€ 1,00 per stuk", "€1.00 per piece"],
    ["from one euro on: rounded to the cent, half up", 1299, pack("PK", 7, "C62"), "€ 1,86 per stuk", "€1.86 per piece"],
    ["thousands separator", 250_000, pack("PK", 2, "C62"), "€ 1.250,00 per stuk", "€1,250.00 per piece"],
    ["a pack of one that names its content", 350, pack("EA", 1, "LTR"), "€ 3,50 per liter", "€3.50 per liter"],
    ["the unit word without a count (singular)", 1200, pack("CT", 6, "LTR"), "€ 2,00 per liter", "€2.00 per liter"],
    ["no content unit", 490, pack("PK", 250, null), null, null],
    ["a content unit that repeats a unit of one", 490, pack("PK", 1, "PK"), null, null],
    ["a price of 0", 0, pack("PK", 250, "XST"), null, null],
    ["a price that rounds to nothing at four decimals", 1, pack("BX", 1_000_000, "C62"), null, null],
  ])("%s", (_label, priceMinor, value, nl, en) => {
    expect(plain(contentUnitPriceText(priceMinor, value, "EUR", "nl"))).toBe(nl);
    expect(plain(contentUnitPriceText(priceMinor, value, "EUR", "en"))).toBe(en);
  });
});
