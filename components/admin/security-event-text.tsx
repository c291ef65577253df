import { getTranslations } from "next-intl/server";

const STAFF_EVENTS = new Set(["staff_invited", "role_changed", "email_changed", "deactivated", "reactivated", "customers_handed_over"]);

/** What an account security event says, in the reader's language (roles named, not coded). */
export async function SecurityEventText({
  event,
}: {
  event: { kind: string; detail: { from?: string; to?: string; customers?: number; toName?: string } | null; recoveryCodesLeft: number | null };
}) {
  if (!STAFF_EVENTS.has(event.kind)) {
    const t = await getTranslations("twoStep.audit");
    return <>{t(`kinds.${event.kind as "two_step_enabled"}`, { left: event.recoveryCodesLeft ?? 0 })}</>;
  }
  const t = await getTranslations("staff");
  const detail = event.detail ?? {};
  const role = (value: string | undefined) => (value === "admin" || value === "account_manager" ? t(`roles.${value}`) : (value ?? ""));
  const roleKind = event.kind === "staff_invited" || event.kind === "role_changed";
  return (
    <>
      {t(`events.${event.kind as "deactivated"}`, {
        from: roleKind ? role(detail.from) : (detail.from ?? ""),
        to: roleKind ? role(detail.to) : (detail.to ?? ""),
        customers: detail.customers ?? 0,
        toName: detail.toName ?? "",
      })}
    </>
  );
}
