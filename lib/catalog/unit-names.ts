import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";

/**
 * The words for the units of measure a buyer sees: products carry a UN/ECE Rec 20 code ("EA", "PK",
 * "BX", "KGM"), invoices the Peppol spelling of it (C62, and Rec 21 package codes with an X prefix:
 * XPK, XBX, XPR). A shop page, a mail or an invoice shows "per doos", "10 dozen", "1 pak", never the
 * code. Protocol output (cXML, OCI, UBL, BMEcat) keeps the codes: those carry them by spec. An
 * unknown code is shown as it is. Pure: no Next, no database; used on the server and in the browser.
 */

/** Singular ("1 doos", "per doos") and plural ("10 dozen") per language. */
type Forms = { one: string; other: string };
type UnitName = Record<Locale, Forms> & { symbol?: true };

const name = (nlOne: string, nlOther: string, enOne: string, enOther: string): UnitName => ({
  nl: { one: nlOne, other: nlOther },
  en: { one: enOne, other: enOther },
});
/** A symbol reads the same in both languages and for any quantity ("1 kg", "2,5 kg"), and is never capitalized. */
const symbol = (text: string): UnitName => ({ ...name(text, text, text, text), symbol: true });

const PIECE = name("stuk", "stuks", "piece", "pieces");

/** By code; a Rec 21 package code with the X prefix (XBX) is looked up without it (BX). */
const UNIT_NAMES: Readonly<Record<string, UnitName>> = {
  EA: PIECE,
  C62: PIECE,
  H87: PIECE,
  PCE: PIECE,
  PCS: PIECE,
  PC: PIECE,
  ST: PIECE,
  STK: PIECE,
  PK: name("pak", "pakken", "pack", "packs"),
  PA: name("pakket", "pakketten", "packet", "packets"),
  BX: name("doos", "dozen", "box", "boxes"),
  PR: name("paar", "paar", "pair", "pairs"),
  CT: name("karton", "kartons", "carton", "cartons"),
  RO: name("rol", "rollen", "roll", "rolls"),
  BG: name("zak", "zakken", "bag", "bags"),
  PX: name("pallet", "pallets", "pallet", "pallets"),
  SET: name("set", "sets", "set", "sets"),
  // A sheet is Rec 21's XST (Peppol takes it as is). Old Rec 20 lists ST as a sheet, but German catalogs
  // write ST for Stück: the shop reads ST as a piece above (and Peppol gets H87), so ST cannot be the sheet.
  // Dutch counts sheets like a measure: "500 vel".
  XST: name("vel", "vel", "sheet", "sheets"),
  KGM: symbol("kg"),
  GRM: symbol("g"),
  TNE: name("ton", "ton", "metric ton", "metric tons"),
  LTR: name("liter", "liter", "liter", "liters"),
  MLT: symbol("ml"),
  MTR: name("meter", "meter", "meter", "meters"),
  CMT: symbol("cm"),
  MMT: symbol("mm"),
  MTK: symbol("m²"),
  MTQ: symbol("m³"),
  HUR: name("uur", "uur", "hour", "hours"),
  MIN: name("minuut", "minuten", "minute", "minutes"),
  DAY: name("dag", "dagen", "day", "days"),
  MON: name("maand", "maanden", "month", "months"),
  ANN: name("jaar", "jaar", "year", "years"),
};

/** The codes this module names (for tests and for whoever wants to know whether a code is named). */
export const NAMED_UNIT_CODES: readonly string[] = Object.keys(UNIT_NAMES);

function lookUp(code: string): UnitName | undefined {
  const key = code.trim().toUpperCase();
  return UNIT_NAMES[key] ?? (key.length === 3 && key.startsWith("X") ? UNIT_NAMES[key.slice(1)] : undefined);
}

/**
 * Whether two codes mean the same unit: EA and C62 are both a piece, XBX and BX both a box. A code the
 * shop does not name is only the same as itself.
 */
export function sameUnit(a: string, b: string): boolean {
  const one = lookUp(a);
  return one !== undefined ? one === lookUp(b) : a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Whether the unit has a name (else it is shown as its code). */
export function isNamedUnit(code: string): boolean {
  return lookUp(code) !== undefined;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function plural(quantity: number, locale: Locale): "one" | "other" {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
  return rules.select(quantity) === "one" ? "one" : "other";
}

/**
 * The unit's word: singular without a quantity ("per doos", "Eenheid: doos"), else the form that
 * goes with the quantity ("dozen" for 10, "doos" for 1). An unknown code comes back as it is.
 */
export function unitName(code: string, locale: Locale, quantity?: number): string {
  const unit = lookUp(code);
  if (!unit) return code;
  return unit[locale][quantity === undefined ? "one" : plural(quantity, locale)];
}

/** The unit's word to open a sentence or a table cell ("Pak", "Box"); a symbol stays as it is ("kg", "m²"). */
export function capitalizedUnitName(code: string, locale: Locale): string {
  const text = unitName(code, locale);
  return lookUp(code)?.symbol ? text : text.charAt(0).toLocaleUpperCase(INTL_LOCALE[locale]) + text.slice(1);
}

/** A quantity (or a count) formatted for the language: "1.705" / "1,705", "2,5" / "2.5". */
export function quantityText(quantity: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 4 }).format(quantity);
}

/** A quantity with its unit, the number formatted for the language: "1 doos", "1.200 stuks", "10 boxes". */
export function unitQuantity(quantity: number, code: string, locale: Locale): string {
  return `${quantityText(quantity, locale)} ${unitName(code, locale, quantity)}`;
}
