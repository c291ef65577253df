import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";

/** A country by its name in the reader's language ("Nederland", "Netherlands"); the code itself when unknown. */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * An address on one line (", "), or one part per line for a label or a mail ("\n"). With a locale
 * the country is named in that language (what people read), without it the code stands (e.g. "NL").
 */
export function addressText(
  address: { name: string; attention?: string | null; street: string; postalCode: string; city: string; countryCode: string },
  separator = ", ",
  locale?: Locale,
): string {
  const country = address.countryCode && locale ? countryName(address.countryCode, locale) : address.countryCode;
  return [address.name, address.attention, address.street, `${address.postalCode} ${address.city}`, country].filter(Boolean).join(separator);
}
