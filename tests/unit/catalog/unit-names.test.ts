import { describe, expect, it } from "vitest";
import { UNIT_NAMES as SEED_UNIT_NAMES } from "@/db/seed/catalog-vocabulary";
import { capitalizedUnitName, isNamedUnit, NAMED_UNIT_CODES, unitName, unitQuantity } from "@/lib/catalog/unit-names";
import { LOCALES } from "@/lib/i18n/locales";

describe("unit names", () => {
  it.each(Object.keys(SEED_UNIT_NAMES))("names the seed's unit %s in both languages, never as its code", (code) => {
    expect(isNamedUnit(code)).toBe(true);
    for (const locale of LOCALES) {
      for (const quantity of [undefined, 1, 10]) {
        const text = unitName(code, locale, quantity);
        expect(text, `${code} ${locale} ${quantity}`).not.toBe(code);
        expect(text).toMatch(/\S/);
      }
    }
  });

  it.each(NAMED_UNIT_CODES)("names %s in both languages", (code) => {
    for (const locale of LOCALES) expect(unitName(code, locale)).not.toBe(code);
  });

  it.each([
    ["EA", "stuk", "piece"],
    ["C62", "stuk", "piece"],
    ["H87", "stuk", "piece"],
    ["PK", "pak", "pack"],
    ["BX", "doos", "box"],
    ["PR", "paar", "pair"],
    ["CT", "karton", "carton"],
    ["RO", "rol", "roll"],
    ["SET", "set", "set"],
    ["KGM", "kg", "kg"],
    ["LTR", "liter", "liter"],
    ["TNE", "ton", "metric ton"],
    ["MTR", "meter", "meter"],
    ["XPK", "pak", "pack"],
    ["XBX", "doos", "box"],
    ["XPR", "paar", "pair"],
    ["XRO", "rol", "roll"],
    ["XCT", "karton", "carton"],
    ["XPA", "pakket", "packet"],
    // Rec 21's sheet; ST stays a piece (German catalogs' Stück), so the sheet cannot be ST.
    ["XST", "vel", "sheet"],
    ["ST", "stuk", "piece"],
  ])("%s is ‘%s’ / ‘%s’ without a quantity (per …, Eenheid)", (code, nl, en) => {
    expect(unitName(code, "nl")).toBe(nl);
    expect(unitName(code, "en")).toBe(en);
  });

  it.each([
    [1, "BX", "1 doos", "1 box"],
    [10, "BX", "10 dozen", "10 boxes"],
    [1, "PK", "1 pak", "1 pack"],
    [3, "PK", "3 pakken", "3 packs"],
    [2, "PR", "2 paar", "2 pairs"],
    [1, "EA", "1 stuk", "1 piece"],
    [5, "EA", "5 stuks", "5 pieces"],
    [1705, "EA", "1.705 stuks", "1,705 pieces"],
    [4, "CT", "4 kartons", "4 cartons"],
    [2, "RO", "2 rollen", "2 rolls"],
    [2, "SET", "2 sets", "2 sets"],
    [2.5, "KGM", "2,5 kg", "2.5 kg"],
    [5, "LTR", "5 liter", "5 liters"],
    [1, "LTR", "1 liter", "1 liter"],
    [25, "MTR", "25 meter", "25 meters"],
    [1, "TNE", "1 ton", "1 metric ton"],
    [2, "TNE", "2 ton", "2 metric tons"],
    [12, "XBX", "12 dozen", "12 boxes"],
    // Dutch counts sheets like a measure.
    [500, "XST", "500 vel", "500 sheets"],
    [1, "XST", "1 vel", "1 sheet"],
  ])("%d %s reads ‘%s’ / ‘%s’", (quantity, code, nl, en) => {
    expect(unitQuantity(quantity, code, "nl")).toBe(nl);
    expect(unitQuantity(quantity, code, "en")).toBe(en);
  });

  it.each([
    ["PK", "Pak", "Pack"],
    ["BX", "Doos", "Box"],
    ["XST", "Vel", "Sheet"],
    ["KGM", "kg", "kg"],
    ["MTK", "m²", "m²"],
    ["ZZ", "ZZ", "ZZ"],
  ])("%s opens a sentence as ‘%s’ / ‘%s’ (a symbol stays as it is)", (code, nl, en) => {
    expect(capitalizedUnitName(code, "nl")).toBe(nl);
    expect(capitalizedUnitName(code, "en")).toBe(en);
  });

  it("takes codes in any case and with spaces around them", () => {
    expect(unitName(" bx ", "nl", 2)).toBe("dozen");
  });

  it("shows an unknown unit as its code, with or without a quantity", () => {
    expect(isNamedUnit("ZZ")).toBe(false);
    expect(unitName("ZZ", "nl")).toBe("ZZ");
    expect(unitName("ZZ", "en", 3)).toBe("ZZ");
    expect(unitQuantity(3, "ZZ", "nl")).toBe("3 ZZ");
    expect(unitName("XZZ", "nl")).toBe("XZZ");
  });
});
