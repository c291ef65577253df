import { getTranslations } from "next-intl/server";
import type { VatIdStatus } from "@/lib/admin/vat-checks";
import { VAT_CHECK_VALID_DAYS } from "@/lib/admin/vat-checks";
import { dateTimeText } from "@/lib/format";
import { ActionForm, type FormAction } from "./action-form";
import { Badge } from "./tabs";

const TONES = { valid: "green", invalid: "red", unavailable: "amber" } as const;

/**
 * A VAT id's checks at VIES (newest first: by a staff member, or by Koppel itself after a save or as
 * the periodic re-check) with the button to check it now, and the check Koppel has queued, if any.
 * `fields`: the hidden inputs the action needs (companyId or requestId). Warns when invoices at 0 %
 * rest on no current valid check, or when VIES's newest verdict is "not valid".
 */
export async function VatCheckPanel({ status, action, fields, locale }: { status: VatIdStatus; action: FormAction; fields: Record<string, number>; locale: "nl" | "en" }) {
  const [t, ta] = await Promise.all([getTranslations("admin.vies"), getTranslations("vatChecks")]);
  if (!status.checkable) return <p className="text-sm text-slate-600">{t("notCovered", { vatId: status.vatId })}</p>;
  return (
    <div className="space-y-3 text-sm" data-testid="vat-check" data-vat-id={status.vatId} data-attention={status.attention ?? ""}>
      {status.attention && (
        <p role="alert" data-testid="vat-check-warning" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
          {status.attention === "invalid" ? t("warningInvalid") : t("warningZeroRated", { days: VAT_CHECK_VALID_DAYS })}
        </p>
      )}
      {status.queued && (
        <p data-testid="vat-check-queued" data-trigger={status.queued.trigger} className="text-slate-700">
          {status.queued.attempts > 0
            ? ta("queuedRetry", { attempts: status.queued.attempts, when: dateTimeText(status.queued.dueAt, locale) })
            : ta("queued", { when: dateTimeText(status.queued.dueAt, locale) })}
        </p>
      )}
      {status.recent.length === 0 ? (
        <p className="text-slate-600">{t("never", { vatId: status.vatId })}</p>
      ) : (
        <ul className="space-y-2">
          {status.recent.map((check) => (
            <li key={check.id} data-testid="vat-check-row" data-outcome={check.outcome} data-source={check.source}>
              <Badge tone={TONES[check.outcome]}>{t(`outcomes.${check.outcome}`)}</Badge>{" "}
              <span>
                {check.source === "staff"
                  ? t("checkedBy", { when: dateTimeText(check.checkedAt, locale), name: check.checkedByName ?? "?" })
                  : ta("checkedBySource", { when: dateTimeText(check.checkedAt, locale), source: ta(`sources.${check.source}`) })}
              </span>
              {check.registeredName && <div className="text-slate-700">{t("registeredName", { name: check.registeredName })}</div>}
              {check.registeredAddress && <div className="text-slate-700">{t("registeredAddress", { address: check.registeredAddress })}</div>}
              {check.consultationNumber && <div className="text-slate-600">{t("consultation", { number: check.consultationNumber })}</div>}
              {check.outcome === "unavailable" && <div className="text-slate-600">{t("unavailableHint", { code: check.errorCode ?? "?" })}</div>}
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={action} submitLabel={t("check", { vatId: status.vatId })} variant="secondary" testId="vat-check-form">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </ActionForm>
    </div>
  );
}
