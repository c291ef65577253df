/** The shop's business time zone: validity windows are calendar days in the Netherlands. */
export const BUSINESS_TIME_ZONE = "Europe/Amsterdam";

// Creating an Intl.DateTimeFormat costs ~20 µs (ICU data lookup), formatting with one ~1 µs: price
// resolution calls calendarDate for every product of every page, so one formatter per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `now` as an ISO calendar date ("2026-11-28") in the given time zone. */
export function calendarDate(now: Date, timeZone: string = BUSINESS_TIME_ZONE): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

/** True when `day` lies in the inclusive window [from, to]; a missing bound is open. ISO dates compare as strings. */
export function isWithinWindow(day: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= day) && (to === null || day <= to);
}

/** An ISO calendar date plus (or minus) whole days; calendar days, so clock changes do not shift it. */
export function addCalendarDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
