import { calendarDate, isWithinWindow } from "@/lib/pricing/calendar-date";

export type WindowStatus = "active" | "upcoming" | "expired";

/** Where a validity window stands today (Dutch calendar day, inclusive bounds). */
export function windowStatus(validFrom: string | null, validTo: string | null, now: Date): WindowStatus {
  const day = calendarDate(now);
  if (isWithinWindow(day, validFrom, validTo)) return "active";
  return validFrom !== null && day < validFrom ? "upcoming" : "expired";
}

/** The first instant of a calendar day in the Netherlands (UTC+1 in winter, UTC+2 in summer). */
export function startOfBusinessDay(iso: string): Date {
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(Date.parse(`${iso}T00:00:00Z`) - offsetHours * 3_600_000);
    if (calendarDate(candidate) === iso) return candidate;
  }
  return new Date(`${iso}T00:00:00Z`);
}

export function nextIsoDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
