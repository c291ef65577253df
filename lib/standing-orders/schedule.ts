import { checkQuantity, type QuantityRules } from "@/lib/cart/quantity-rules";
import { addCalendarDays } from "@/lib/pricing/calendar-date";

/**
 * The rules of a standing order, pure: when it runs and which of the list's lines a run orders.
 * Days are ISO calendar days in the Netherlands (lib/pricing/calendar-date), which compare as strings.
 */

export const MAX_INTERVAL_WEEKS = 52;

export const isDue = (nextRunOn: string, today: string): boolean => nextRunOn <= today;

/** How many days ahead the owner is reminded of a run (time to skip it or change the list). */
export const REMINDER_DAYS_AHEAD = 2;

/** Whether the owner should now be reminded of the run on `nextRunOn` (once per run, within the window, not on the day itself). */
export function needsReminder(nextRunOn: string, remindedFor: string | null, today: string): boolean {
  return nextRunOn > today && nextRunOn <= addCalendarDays(today, REMINDER_DAYS_AHEAD) && remindedFor !== nextRunOn;
}

/** The scheduled day after `runOn`. */
export const runAfter = (runOn: string, intervalWeeks: number): string => addCalendarDays(runOn, 7 * intervalWeeks);

/**
 * The next scheduled day after a run for `runOn` on `today`: the first day of the series after
 * today. A shop that was down for three weekly runs places one order, not three, and keeps the
 * weekday the buyer chose.
 */
export function nextRunAfter(runOn: string, intervalWeeks: number, today: string): string {
  let next = runAfter(runOn, intervalWeeks);
  while (next <= today) next = runAfter(next, intervalWeeks);
  return next;
}

/** A line a run could not order, and why (stored with the run: db/schema/standing-orders.ts has its twin). */
export interface SkippedStandingOrderLine {
  sku: string;
  name: string;
  quantity: number;
  reason: "unavailable" | "not_in_assortment" | "quantity_rule";
  /** For a product out of the shop: the one an admin named to replace it (the owner may put it on the list). */
  successor?: { sku: string; name: string };
}

export interface StandingLine {
  sku: string;
  name: string;
  quantity: number;
  active: boolean;
  /** False when the customer's contract assortment no longer holds the product (lib/catalog/assortment.ts); absent: it does. */
  inAssortment?: boolean;
  rules: QuantityRules;
}

/**
 * Splits a list's lines into what a run orders and what it skips (and why). A line is ordered as it
 * stands: a changed quantity rule skips it rather than ordering a quantity the buyer never chose.
 */
export function splitStandingLines<T extends StandingLine>(lines: readonly T[]): { order: T[]; skipped: SkippedStandingOrderLine[] } {
  const order: T[] = [];
  const skipped: SkippedStandingOrderLine[] = [];
  for (const line of lines) {
    const reason = !line.active
      ? "unavailable"
      : line.inAssortment === false
        ? "not_in_assortment"
        : !checkQuantity(line.quantity, line.rules).ok
          ? "quantity_rule"
          : null;
    if (reason) skipped.push({ sku: line.sku, name: line.name, quantity: line.quantity, reason });
    else order.push(line);
  }
  return { order, skipped };
}

/** Why a standing order stopped by itself (translated in the UI). */
export const STANDING_ORDER_PAUSE_REASONS = ["owner_inactive", "no_ship_to", "cost_center", "po_number"] as const;
export type StandingOrderPauseReason = (typeof STANDING_ORDER_PAUSE_REASONS)[number];
