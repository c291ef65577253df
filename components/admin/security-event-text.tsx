import { getTranslations } from "next-intl/server";

const ACCESS_EVENTS = new Set(["invited", "role_changed", "email_changed", "deactivated", "reactivated", "customers_handed_over", "api_key_revoked"]);

/** What an account security event says, in the reader's language (roles named, not coded). */
export async function SecurityEventText({
  event,
}: {
  event: { kind: string; detail: { from?: string; to?: string; customers?: number; toName?: string; apiKey?: string } | null; recoveryCodesLeft: number | null };
}) {
  if (!ACCESS_EVENTS.has(event.kind)) {
    const t = await getTranslations("twoStep.audit");
    return <>{t(`kinds.${event.kind as "two_step_enabled"}`, { left: event.recoveryCodesLeft ?? 0 })}</>;
  }
  const [t, roles] = await Promise.all([getTranslations("staff"), getTranslations("admin.roles")]);
  const detail = event.detail ?? {};
  const role = (value: string | undefined) => (value && roles.has(value as "admin") ? roles(value as "admin") : (value ?? ""));
  const roleKind = event.kind === "invited" || event.kind === "role_changed";
  return (
    <>
      {t(`events.${event.kind as "deactivated"}`, {
        from: roleKind ? role(detail.from) : (detail.from ?? ""),
        to: roleKind ? role(detail.to) : (detail.to ?? ""),
        customers: detail.customers ?? 0,
        toName: detail.toName ?? "",
        apiKey: detail.apiKey ?? "",
      })}
    </>
  );
}
