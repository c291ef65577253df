import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/admin/tabs";
import { onboardingStage } from "@/lib/account-requests/stage";
import type { AccountRequestListItem } from "@/lib/data/account-requests";
import { dateTimeText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

const TONES = { signed_in: "green", password_chosen: "blue", invited: "amber", invite_expired: "red", deactivated: "red", none: "slate" } as const;

/**
 * How far an approved request's person got (lib/account-requests/stage.ts), with the way to invite
 * them again when the invitation lapsed: the customer's users, where staff resend it.
 */
export async function RequestStage({ request, locale, now }: { request: AccountRequestListItem; locale: Locale; now: Date }) {
  const t = await getTranslations("accountRequests.admin.stages");
  const stage = onboardingStage(request.invitee, now);
  const text =
    stage.stage === "signed_in"
      ? t("signed_in", { date: dateTimeText(stage.at, locale) })
      : stage.stage === "invited"
        ? t("invited", { date: dateTimeText(stage.until, locale) })
        : t(stage.stage);
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="account-request-stage" data-stage={stage.stage}>
      {stage.stage === "none" ? text : <Badge tone={TONES[stage.stage]}>{text}</Badge>}
      {stage.stage === "invite_expired" && request.companyId && (
        <Link href={`/admin/customers/${request.companyId}/users`} className="text-xs text-brand-700 underline">
          {t("resend")}
        </Link>
      )}
    </span>
  );
}
