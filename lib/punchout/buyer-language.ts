import type { Locale } from "@/lib/i18n/locales";

/**
 * The SAP language key (T002-SPRAS, what SRM sends for `sy-langu`) of the languages we have: SRM
 * customizing can fill a call-up parameter with a system field (PROTOCOLS.md §1.2), and then LANGUAGE
 * arrives as one letter instead of an ISO code.
 */
const SAP_LANGUAGE_KEYS: ReadonlyMap<string, Locale> = new Map<string, Locale>([
  ["e", "en"],
  ["n", "nl"],
]);

/** ISO 639-2 codes that some systems send instead of ISO 639-1. */
const THREE_LETTER_CODES: ReadonlyMap<string, Locale> = new Map<string, Locale>([
  ["eng", "en"],
  ["nld", "nl"],
  ["dut", "nl"],
]);

/**
 * The shop language for the language a procurement system names when it opens a punchout session:
 * OCI `LANGUAGE` (catalog-specific, usually ISO 639-1 — SAP sends "EN", "DE", "NL", sometimes lower
 * case) or cXML `xml:lang` (a language tag, "en-US"). Null when it names none of ours, or nothing:
 * the session then keeps the browser's own language (cookie) or the default.
 */
export function shopLocaleOf(language: string | null | undefined): Locale | null {
  const value = language?.trim().toLowerCase();
  if (!value || value.length > 35) return null;
  const sapKey = SAP_LANGUAGE_KEYS.get(value);
  if (sapKey) return sapKey;
  // "en", "en-US", "en_GB", "nl-BE": the primary subtag decides.
  const primary = value.split(/[-_]/)[0]!;
  if (primary === "en" || primary === "nl") return primary;
  return THREE_LETTER_CODES.get(primary) ?? null;
}

/**
 * Per connection (settings `shopLanguage`): `buyer_system` follows the language the buyer's system
 * names, `browser` keeps the browser's own choice (Dutch by default), `nl`/`en` fix it.
 */
export const SHOP_LANGUAGES = ["buyer_system", "browser", "nl", "en"] as const;
export type ShopLanguageSetting = (typeof SHOP_LANGUAGES)[number];

/** The language a session starts in, or null to leave the browser's own (cookie) or the default. */
export function sessionLocale(setting: ShopLanguageSetting, sentLanguage: string | null | undefined): Locale | null {
  if (setting === "nl" || setting === "en") return setting;
  return setting === "buyer_system" ? shopLocaleOf(sentLanguage) : null;
}
