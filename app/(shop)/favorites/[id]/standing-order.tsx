import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { costCenterOptions } from "@/components/account/cost-center-options";
import { StandingOrderSchedule } from "@/components/account/standing-order-schedule";
import type { Locale } from "@/lib/i18n/locales";
import { dateText } from "@/lib/format";
import type { StandingOrderPanel } from "@/lib/standing-orders/standing-orders";
import { MAX_INTERVAL_WEEKS } from "@/lib/standing-orders/schedule";
import { changeStandingOrderAction, saveStandingOrderAction } from "../actions";

const inputClass = "mt-1 rounded-md border border-slate-300 px-3 py-1.5";
const secondaryButton = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50";

/** The list's standing order: its schedule and settings, the buttons to change it, and its last runs. */
export async function StandingOrderSection({ listId, panel, locale }: { listId: number; panel: StandingOrderPanel; locale: Locale }) {
  const [t, tc] = await Promise.all([getTranslations("account.standingOrder"), getTranslations("checkout")]);
  const { standingOrder, runs, canManage } = panel;
  if (!standingOrder && !canManage) return null;
  const shipTo = standingOrder ? panel.shipToOptions.find((option) => option.id === standingOrder.shipToAddressId) : undefined;
  const change = (kind: "pause" | "resume" | "skip" | "remove", label: string, className = secondaryButton) => (
    // Keyed by what it does: the buttons change with the state, and an answer belongs to its own form.
    <ActionForm key={kind} action={changeStandingOrderAction} submitLabel={label} submitClassName={className} className="inline-block">
      <input type="hidden" name="listId" value={listId} />
      <input type="hidden" name="change" value={kind} />
    </ActionForm>
  );
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="standing-order" aria-labelledby="standing-order-title">
      <div>
        <h2 id="standing-order-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {standingOrder && (
        <div className="space-y-2 text-sm">
          <p data-testid="standing-order-status" data-active={standingOrder.active ? "true" : "false"}>
            <StandingOrderSchedule schedule={standingOrder} locale={locale} />
          </p>
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">{t("placedAs")}</dt>
            <dd>{standingOrder.ownerName}</dd>
            <dt className="font-medium">{t("shipTo")}</dt>
            <dd>{shipTo?.text ?? "–"}</dd>
            <dt className="font-medium">{t("poNumber")}</dt>
            <dd>{standingOrder.poNumber ?? "–"}</dd>
            <dt className="font-medium">{t("costCenter")}</dt>
            <dd>{standingOrder.costCenter ?? "–"}</dd>
          </dl>
          {canManage && (
            <div className="flex flex-wrap gap-2" data-testid="standing-order-changes">
              {standingOrder.active ? change("skip", t("skip")) : null}
              {standingOrder.active ? change("pause", t("pause")) : standingOrder.pausedReason ? null : change("resume", t("resume"))}
              {change("remove", t("remove"), "rounded-md border border-red-700 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50")}
            </div>
          )}
        </div>
      )}
      {canManage && (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{standingOrder ? t("change") : t("setUp")}</summary>
          <ActionForm action={saveStandingOrderAction} submitLabel={t("save")} className="mt-3 space-y-3" ariaLabel={t("title")}>
            <input type="hidden" name="listId" value={listId} />
            <div className="flex flex-wrap gap-4">
              <label className="flex flex-col text-sm">
                <span className="font-medium">{t("intervalWeeks")}</span>
                <input name="intervalWeeks" type="number" min={1} max={MAX_INTERVAL_WEEKS} required defaultValue={standingOrder?.intervalWeeks ?? 4} className={`${inputClass} w-24`} />
              </label>
              <label className="flex flex-col text-sm">
                <span className="font-medium">{standingOrder ? t("nextRunOn") : t("firstRunOn")}</span>
                <input name="nextRunOn" type="date" min={panel.today} required defaultValue={standingOrder?.nextRunOn ?? panel.today} className={inputClass} />
              </label>
              {/* max-w-full: a long option must not make the form wider than a phone's screen. */}
              <label className="flex max-w-full min-w-0 flex-col text-sm">
                <span className="font-medium">{t("shipTo")}</span>
                <select name="shipToAddressId" required defaultValue={standingOrder?.shipToAddressId ?? panel.shipToDefaultId ?? undefined} className={`${inputClass} w-full max-w-md`}>
                  {panel.shipToOptions.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="flex flex-wrap gap-4">
              <label className="flex flex-col text-sm">
                <span className="font-medium">
                  {t("poNumber")}
                  {panel.poNumberRequired && <span className="font-normal text-slate-600"> {tc("required")}</span>}
                </span>
                <input
                  name="poNumber"
                  maxLength={35}
                  required={panel.poNumberRequired}
                  pattern={panel.poNumberRequired ? ".*\\S.*" : undefined}
                  defaultValue={standingOrder?.poNumber ?? ""}
                  className={inputClass}
                />
              </label>
              <label className="flex max-w-full min-w-0 flex-col text-sm">
                <span className="font-medium">{t("costCenter")}</span>
                {panel.costCenters.mode === "list" ? (
                  <select name="costCenter" required={panel.costCenters.required} defaultValue={standingOrder ? (standingOrder.costCenter ?? "") : (panel.costCenters.defaultCode ?? "")} className={`${inputClass} w-full max-w-md`}>
                    <option value="">{panel.costCenters.required ? tc("costCenterChoose") : tc("costCenterNone")}</option>
                    {costCenterOptions(panel.costCenters, tc, locale).map((option) => (
                      <option key={option.code} value={option.code}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input name="costCenter" maxLength={35} defaultValue={standingOrder?.costCenter ?? ""} className={inputClass} />
                )}
              </label>
              <label className="flex max-w-full min-w-0 flex-1 basis-64 flex-col text-sm">
                <span className="font-medium">{t("note")}</span>
                <input name="note" maxLength={1000} defaultValue={standingOrder?.note ?? ""} className={inputClass} />
              </label>
            </div>
            <p className="text-xs text-slate-500">{t("saveHint")}</p>
          </ActionForm>
        </details>
      )}
      {runs.length > 0 && (
        <div className="overflow-x-auto">
          <h3 className="mb-1 text-sm font-semibold">{t("runs")}</h3>
          <table className="min-w-full text-sm" data-testid="standing-order-runs">
            <thead>
              <tr className="text-left text-xs uppercase text-slate-500">
                <th className="py-1 pr-4">{t("runOn")}</th>
                <th className="py-1 pr-4">{t("outcome")}</th>
                <th className="py-1 pr-4">{t("order")}</th>
                <th className="py-1">{t("skipped")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-t border-slate-100" data-testid="standing-order-run" data-outcome={run.outcome}>
                  <td className="py-1 pr-4 whitespace-nowrap">{dateText(run.runOn, locale)}</td>
                  <td className="py-1 pr-4">{t(`outcomes.${run.outcome}`)}</td>
                  <td className="py-1 pr-4">
                    {run.orderNumber ? (
                      <Link href={`/account/orders/${encodeURIComponent(run.orderNumber)}`} className="text-brand-700 underline">
                        {run.orderNumber}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td className="py-1">
                    {run.skippedLines.length === 0
                      ? "–"
                      : run.skippedLines.map((line) => `${line.sku} (${t(`skipReasons.${line.reason}`)})`).join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
