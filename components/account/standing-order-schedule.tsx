import { getTranslations } from "next-intl/server";
import { dateText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { StandingOrderPauseReason } from "@/lib/standing-orders/schedule";

/** A standing order's schedule in words: every N weeks and the next day, paused, or why it stopped by itself. */
export async function StandingOrderSchedule({
  schedule,
  locale,
  short = false,
}: {
  schedule: { active: boolean; intervalWeeks: number; nextRunOn: string; pausedReason?: string | null };
  locale: Locale;
  /** One word for a pause (lists), instead of the sentence (the standing order's own page). */
  short?: boolean;
}) {
  const t = await getTranslations("account.standingOrder");
  if (schedule.active) return <>{t("active", { weeks: schedule.intervalWeeks, date: dateText(schedule.nextRunOn, locale) })}</>;
  if (short) return <>{t("pausedShort")}</>;
  return <>{schedule.pausedReason ? t(`stopped.${schedule.pausedReason as StandingOrderPauseReason}`) : t("paused")}</>;
}
