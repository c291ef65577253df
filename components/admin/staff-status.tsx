import { getTranslations } from "next-intl/server";
import { dateTimeText } from "@/lib/format";
import { Badge } from "./tabs";

/** Active, invited (until when), invitation expired, or deactivated. */
export async function StaffStatus({ member, locale }: { member: { active: boolean; hasPassword: boolean; pendingInviteExpiresAt: Date | null; lastInvitedAt: Date | null }; locale: "nl" | "en" }) {
  const t = await getTranslations("staff");
  if (!member.active) return <Badge tone="red">{t("statusInactive")}</Badge>;
  if (member.hasPassword) return <Badge tone="green">{t("statusActive")}</Badge>;
  const open = member.pendingInviteExpiresAt !== null && member.pendingInviteExpiresAt > new Date();
  return (
    <Badge tone="amber">
      {open ? t("statusInvited", { until: dateTimeText(member.pendingInviteExpiresAt!, locale) }) : member.lastInvitedAt ? t("statusInviteExpired") : t("statusNoPassword")}
    </Badge>
  );
}
