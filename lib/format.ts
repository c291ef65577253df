import { formatMoney } from "@/lib/pricing/money";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";

export function money(amountMinor: number, locale: Locale, currency = "EUR"): string {
  return formatMoney(amountMinor, currency, INTL_LOCALE[locale]);
}

export function percent(basisPoints: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}

export function dateText(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone: "Europe/Amsterdam" }).format(date);
}

export function dateTimeText(value: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(value);
}

/** `text` followed by a full stop, unless it already ends with one ("Demo Facilities B.V." + "." is one stop). */
export function withFullStop(text: string): string {
  return text.endsWith(".") ? text : `${text}.`;
}
