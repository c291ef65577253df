/** The shop's business time zone: validity windows are calendar days in the Netherlands. */
export const BUSINESS_TIME_ZONE = "Europe/Amsterdam";

/** `now` as an ISO calendar date ("2026-11-28") in the given time zone. */
export function calendarDate(now: Date, timeZone: string = BUSINESS_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** True when `day` lies in the inclusive window [from, to]; a missing bound is open. ISO dates compare as strings. */
export function isWithinWindow(day: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= day) && (to === null || day <= to);
}
