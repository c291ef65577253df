export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** BCP 47 tags for Intl formatting: nl-NL gives "€ 1.234,56". */
export const INTL_LOCALE: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

export function toLocale(value: string | undefined | null): Locale {
  return value === "en" || value === "nl" ? value : DEFAULT_LOCALE;
}
