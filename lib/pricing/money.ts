/**
 * Money is carried as integer minor units (cents for EUR) everywhere in Koppel.
 * Decimal strings exist only at the edges: protocol documents and display.
 */

export type Currency = "EUR";

/** The one currency the shop prices and invoices in: an order in another waits for review (lib/purchase-orders/header-reasons.ts). */
export const SHOP_CURRENCY: Currency = "EUR";

const MINOR_DIGITS: Record<string, number> = { EUR: 2 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/**
 * Rounds a non-integer amount of minor units half away from zero (commercial rounding,
 * as EN 16931 and Dutch invoicing practice expect), guarding against binary float noise.
 */
export function roundHalfAwayFromZero(value: number): number {
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  // 1e-9 absorbs float noise such as 0.145 * 100 = 14.499999999999998.
  return sign * Math.floor(abs + 0.5 + 1e-9);
}

/** `amountMinor * basisPoints / 10 000`, rounded half away from zero. 2100 bp = 21 %. */
export function applyBasisPoints(amountMinor: number, basisPoints: number): number {
  return roundHalfAwayFromZero((amountMinor * basisPoints) / 10_000);
}

/** Minor units → plain decimal string with `.` ("1234.50"), as cXML Money and OCI PRICE want it. */
export function toDecimalString(amountMinor: number, currency: string = "EUR"): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`not an integer amount: ${amountMinor}`);
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const abs = Math.abs(amountMinor).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${fraction}` : ""}`;
}

/**
 * Parses a decimal amount ("12.5", "12,50", "1.234,56" when `decimalComma`) into minor units.
 * Returns null for anything that is not an exact amount in this currency (more decimals than the
 * currency has, letters, empty) – callers report the error instead of guessing.
 */
export function parseDecimalToMinor(
  input: string,
  currency: string = "EUR",
  options: { decimalComma?: boolean } = {},
): number | null {
  let text = input.trim();
  if (options.decimalComma) text = text.replace(/\./g, "").replace(",", ".");
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const digits = minorDigits(currency);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor)) return null;
  return match[1] ? -minor : minor;
}

// One Intl.NumberFormat per locale and currency: creating one costs far more than formatting with it,
// and a listing page formats dozens of prices.
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Display formatting per locale: nl-NL gives "€ 1.234,56", en-GB "€1,234.56". */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format.format(amountMinor / 10 ** digits);
}
