import { INTL_LOCALE, type Locale } from "./locales";

/**
 * The countries a customer can be in, as the forms offer them (/register and the admin customer
 * forms): the EU member states plus the United Kingdom, Switzerland and Norway (ISO 3166-1 alpha-2).
 */
export const CUSTOMER_COUNTRIES = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK GB CH NO".split(" ");

export interface CountryOption {
  code: string;
  name: string;
}

/**
 * The countries as select options, named and sorted in the UI language. `keep`: codes to offer as
 * well (an existing customer's country from before the list, which a select would otherwise change
 * on the next save). Built on the server: the browser's own country names may differ from Node's.
 */
export function countryOptions(locale: Locale, keep: readonly string[] = []): CountryOption[] {
  const names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" });
  const name = (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      // Not a well-formed region code (a stored value from a free-text field): show it as it is.
      return code;
    }
  };
  const codes = [...new Set([...CUSTOMER_COUNTRIES, ...keep.filter(Boolean)])];
  return codes.map((code) => ({ code, name: name(code) })).sort((a, b) => a.name.localeCompare(b.name, INTL_LOCALE[locale]));
}
