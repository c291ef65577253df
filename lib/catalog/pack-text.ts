import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { minorDigits } from "@/lib/pricing/money";
import { capitalizedUnitName, quantityText, sameUnit, unitName } from "./unit-names";

/**
 * What one order unit holds, in words: "pak à 250 vel" / "pack of 250 sheets" (BMEcat ORDER_UNIT,
 * NO_CU_PER_OU, CONTENT_UNIT), and the price of one content unit ("€ 0,0196 per vel"), which B2B buyers
 * compare across pack sizes. Without a content unit the shop says what it said before ("250 per pak").
 * Pure: no Next, no database; used on the server and in the browser.
 */

export interface Pack {
  /** The order unit's code (products.unit). */
  unit: string;
  /** How many content units one order unit holds (products.pack_size, ≥ 1). */
  packSize: number;
  /** What those are (products.content_unit), or null: not said. */
  contentUnit: string | null;
}

/** The content unit, unless there is none or it only repeats a unit of one ("stuk à 1 stuk" says nothing). */
function namedContentUnit(pack: Pack): string | null {
  if (pack.contentUnit === null || pack.contentUnit === "") return null;
  return pack.packSize === 1 && sameUnit(pack.contentUnit, pack.unit) ? null : pack.contentUnit;
}

const contents = (count: number, contentUnit: string, locale: Locale) => `${quantityText(count, locale)} ${unitName(contentUnit, locale, count)}`;
const joiner: Record<Locale, string> = { nl: "à", en: "of" };

/**
 * The order unit with what it holds, to follow "per": "pak à 250 vel" / "pack of 250 sheets"; the
 * unit alone ("pak") when the content unit is not said (or says nothing).
 */
export function packPhrase(pack: Pack, locale: Locale): string {
  const contentUnit = namedContentUnit(pack);
  const unit = unitName(pack.unit, locale);
  return contentUnit === null ? unit : `${unit} ${joiner[locale]} ${contents(pack.packSize, contentUnit, locale)}`;
}

/**
 * The product page's pack line: "Pak à 250 vel" / "Pack of 250 sheets"; without a content unit the old
 * "250 per pak" (which does not say 250 what); null for a unit of one that says nothing more.
 */
export function packText(pack: Pack, locale: Locale): string | null {
  const contentUnit = namedContentUnit(pack);
  if (contentUnit !== null) return `${capitalizedUnitName(pack.unit, locale)} ${joiner[locale]} ${contents(pack.packSize, contentUnit, locale)}`;
  return pack.packSize === 1 ? null : `${quantityText(pack.packSize, locale)} per ${unitName(pack.unit, locale)}`;
}

/**
 * The price of one content unit in hundredths of a minor unit (€ 4,90 for 250 sheets → 196, i.e.
 * € 0,0196), rounded half up in integers: money stays integral, only the display divides.
 */
export function contentUnitPriceHundredths(priceMinor: number, packSize: number): number {
  if (!Number.isSafeInteger(priceMinor) || priceMinor < 0) throw new RangeError(`not a price: ${priceMinor}`);
  if (!Number.isSafeInteger(packSize) || packSize < 1) throw new RangeError(`not a pack size: ${packSize}`);
  return Math.floor((priceMinor * 200 + packSize) / (2 * packSize));
}

// One format per locale, currency and precision: building one costs far more than using it.
const formats = new Map<string, Intl.NumberFormat>();
function format(locale: Locale, currency: string, minimum: number, maximum: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${minimum}|${maximum}`;
  let numberFormat = formats.get(key);
  if (!numberFormat) {
    numberFormat = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, minimumFractionDigits: minimum, maximumFractionDigits: maximum });
    formats.set(key, numberFormat);
  }
  return numberFormat;
}

/**
 * The price of one content unit as Dutch office and paper suppliers show it: below one euro with up to
 * four decimals ("€ 0,0196", "€ 0,25": trailing zeros past the cents dropped), from one euro on in
 * cents ("€ 1,86"; a fourth decimal on € 1,8557 only clutters). `priceMinor` is the buyer's own
 * price of one order unit (their contract price when they have one). Null when there is nothing to
 * compare: no content unit (or one that repeats a unit of one), a price of 0, or one that rounds to
 * nothing at four decimals.
 */
export function contentUnitPriceText(priceMinor: number, pack: Pack, currency: string, locale: Locale): string | null {
  const contentUnit = namedContentUnit(pack);
  if (contentUnit === null || priceMinor <= 0) return null;
  const digits = minorDigits(currency);
  const hundredths = contentUnitPriceHundredths(priceMinor, pack.packSize);
  if (hundredths === 0) return null;
  const per = `per ${unitName(contentUnit, locale)}`;
  if (hundredths >= 100 * 10 ** digits) {
    const minor = Math.floor((priceMinor * 2 + pack.packSize) / (2 * pack.packSize));
    return `${format(locale, currency, digits, digits).format(minor / 10 ** digits)} ${per}`;
  }
  return `${format(locale, currency, digits, digits + 2).format(hundredths / 10 ** (digits + 2))} ${per}`;
}
