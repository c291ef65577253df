"use client";

import { Fragment, useCallback, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { parseEntryFields, type EntryFields } from "@/lib/admin/price-input";
import { unitName } from "@/lib/catalog/unit-names";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/pricing/money";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import type { FormAction } from "./action-form";
import { useActionError } from "./action-form";

export interface GridRowView {
  productId: number;
  sku: string;
  name: string;
  brand: string;
  unit: string;
  active: boolean;
  listPriceMinor: number;
  listPriceTiers: { minQuantity: number; priceMinor: number }[];
  costMinor: number | null;
  /** The stored entry as the editor shows it (values formatted for the user's locale). */
  entry: (EntryFields & { kind: "fixed" | "discount"; updatedAt: string; validToday: boolean }) | null;
}

const EMPTY: EntryFields = { kind: "fixed", value: "", tiers: "", validFrom: "", validTo: "" };
const NAV_COLUMNS = ["value", "tiers"] as const;

type Status = { kind: "saving" } | { kind: "error"; message: string } | null;

/**
 * The price grid: one row per product, inline editing of this price list's entry. Keyboard: Enter
 * saves the row, Escape restores it, ↑/↓ move to the same field in the previous/next row. The
 * resulting net price and margin are computed live with the shop's own pricing rule.
 */
/** The column heading (admin.priceGrid message) of each editable field, to name where a problem is. */
const FIELD_COLUMN = { kind: "kind", value: "value", tiers: "tiers", validFrom: "validity", validTo: "validity" } as const;

export function PriceGrid({
  rows,
  priceListId,
  canEdit,
  locale,
  currency,
  saveAction,
  removeAction,
}: {
  rows: GridRowView[];
  priceListId: number;
  canEdit: boolean;
  locale: Locale;
  currency: string;
  saveAction: FormAction;
  removeAction: FormAction;
}) {
  const t = useTranslations("admin.grid");
  const tp = useTranslations("admin.problems");
  const router = useRouter();
  const actionError = useActionError();
  const [, startTransition] = useTransition();
  const [edits, setEdits] = useState<Record<number, EntryFields>>({});
  const [status, setStatus] = useState<Record<number, Status>>({});
  const [announcement, setAnnouncement] = useState("");
  const table = useRef<HTMLTableElement>(null);
  const decimalComma = locale === "nl";

  const initialOf = useCallback((row: GridRowView): EntryFields => (row.entry ? { ...row.entry } : EMPTY), []);
  const fieldsOf = (row: GridRowView) => edits[row.productId] ?? initialOf(row);
  const isDirty = (row: GridRowView) => {
    const edit = edits[row.productId];
    if (!edit) return false;
    const initial = initialOf(row);
    return (Object.keys(EMPTY) as (keyof EntryFields)[]).some((key) => edit[key] !== initial[key]);
  };
  const dirtyRows = rows.filter(isDirty);

  const setField = (row: GridRowView, field: keyof EntryFields, value: string) => {
    setEdits((previous) => ({ ...previous, [row.productId]: { ...fieldsOf(row), [field]: value } }));
    setStatus((previous) => ({ ...previous, [row.productId]: null }));
  };
  const reset = (row: GridRowView) => {
    setEdits(({ [row.productId]: _dropped, ...rest }) => rest);
    setStatus((previous) => ({ ...previous, [row.productId]: null }));
  };

  const save = async (row: GridRowView): Promise<boolean> => {
    const fields = fieldsOf(row);
    const form = new FormData();
    form.set("priceListId", String(priceListId));
    form.set("productId", String(row.productId));
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set("expectedUpdatedAt", row.entry?.updatedAt ?? "");
    setStatus((previous) => ({ ...previous, [row.productId]: { kind: "saving" } }));
    const result = await saveAction({ status: "idle" }, form);
    if (result.status === "error") {
      setStatus((previous) => ({ ...previous, [row.productId]: { kind: "error", message: actionError(result).join(" ") } }));
      setAnnouncement(t("saveFailed", { sku: row.sku }));
      return false;
    }
    reset(row);
    setAnnouncement(t("savedRow", { sku: row.sku }));
    startTransition(() => router.refresh());
    return true;
  };

  const remove = async (row: GridRowView) => {
    if (!row.entry || !window.confirm(t("confirmRemove", { sku: row.sku }))) return;
    const form = new FormData();
    form.set("priceListId", String(priceListId));
    form.set("productId", String(row.productId));
    form.set("expectedUpdatedAt", row.entry.updatedAt);
    setStatus((previous) => ({ ...previous, [row.productId]: { kind: "saving" } }));
    const result = await removeAction({ status: "idle" }, form);
    if (result.status === "error") {
      setStatus((previous) => ({ ...previous, [row.productId]: { kind: "error", message: actionError(result).join(" ") } }));
      return;
    }
    reset(row);
    setAnnouncement(t("removedRow", { sku: row.sku }));
    startTransition(() => router.refresh());
  };

  const saveAll = async () => {
    for (const row of dirtyRows) await save(row);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>, row: GridRowView, index: number, column: string) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (isDirty(row)) void save(row);
    } else if (event.key === "Escape") {
      event.preventDefault();
      reset(row);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (NAV_COLUMNS as readonly string[]).includes(column)) {
      event.preventDefault();
      const target = table.current?.querySelector<HTMLInputElement>(`[data-row="${index + (event.key === "ArrowDown" ? 1 : -1)}"][data-col="${column}"]`);
      target?.focus();
      target?.select();
    }
  };

  const money = useMemo(() => (minor: number) => formatMoney(minor, currency, INTL_LOCALE[locale]), [currency, locale]);
  const pct = (basisPoints: number) => new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 1 }).format(basisPoints / 10_000);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <p>{canEdit ? t("keyboardHelp") : t("readOnly")}</p>
        {canEdit && (
          <button
            type="button"
            onClick={() => void saveAll()}
            disabled={dirtyRows.length === 0}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-40"
          >
            {t("saveAll", { count: dirtyRows.length })}
          </button>
        )}
      </div>
      {/* Seen as well as heard: a save far from the Save button needs its confirmation in view. */}
      <p aria-live="polite" className="min-h-5 text-sm text-slate-700" data-testid="grid-announcement">
        {announcement}
      </p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table ref={table} className="w-full text-sm" data-testid="price-grid">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th className="px-2 py-2">{t("product")}</th>
              <th className="px-2 py-2 text-right">{t("listPrice")}</th>
              <th className="px-2 py-2">{t("kind")}</th>
              <th className="px-2 py-2">{t("value")}</th>
              <th className="px-2 py-2">{t("tiers")}</th>
              {/* From above until: one column, so the row's Save and Remove fit a 1280 px screen. */}
              <th className="px-2 py-2">{t("validity")}</th>
              <th className="px-2 py-2 text-right">{t("net")}</th>
              <th className="px-2 py-2 text-right">{t("margin")}</th>
              <th className="px-2 py-2">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const fields = fieldsOf(row);
              const dirty = isDirty(row);
              const parsed = fields.value.trim() ? parseEntryFields(fields) : null;
              const invalid = dirty && parsed?.ok === false;
              const net =
                parsed?.ok === true
                  ? resolvePrice({
                      product: { listPriceMinor: row.listPriceMinor, listPriceTiers: row.listPriceTiers },
                      candidates: [
                        {
                          ...parsed.entry,
                          priceListId,
                          priceListCode: "",
                          priceListName: "",
                          priority: 0,
                          listValidFrom: null,
                          listValidTo: null,
                          entryId: 0,
                          validFrom: null,
                          validTo: null,
                        },
                      ],
                      quantity: 1,
                      now: new Date(0),
                    }).unitPriceMinor
                  : null;
              const margin = net !== null && row.costMinor !== null && net > 0 ? Math.round(((net - row.costMinor) / net) * 10_000) : null;
              const rowStatus = status[row.productId];
              const label = (field: string) => `${t(field)} ${row.sku}`;
              const cell = "px-2 py-1.5 align-top";
              const input = "rounded border border-slate-300 bg-white px-1.5 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-500";
              return (
                <Fragment key={`${row.productId}-${row.entry?.updatedAt ?? "none"}`}>
                  <tr
                    data-testid="grid-row"
                    data-sku={row.sku}
                    className={`border-t border-slate-100 ${dirty ? "bg-amber-50" : row.entry ? "" : "text-slate-500"}`}
                  >
                    <td className={`${cell} min-w-56`}>
                      <div className="font-medium text-slate-900">{row.sku}</div>
                      <div className="text-xs">{row.name}</div>
                      <div className="text-xs text-slate-500">
                        {row.brand} · <span title={row.unit}>{unitName(row.unit, locale)}</span>
                        {!row.active && ` · ${t("inactive")}`}
                      </div>
                    </td>
                    <td className={`${cell} whitespace-nowrap text-right`}>
                      {money(row.listPriceMinor)}
                      {row.costMinor !== null && <div className="text-xs text-slate-500">{t("cost", { price: money(row.costMinor) })}</div>}
                    </td>
                    <td className={cell}>
                      <select
                        aria-label={label("kind")}
                        value={fields.kind}
                        disabled={!canEdit}
                        onChange={(event) => setField(row, "kind", event.target.value)}
                        onKeyDown={(event) => onKeyDown(event, row, index, "kind")}
                        className={`${input} w-32`}
                      >
                        <option value="fixed">{t("fixed")}</option>
                        <option value="discount">{t("discount")}</option>
                      </select>
                    </td>
                    <td className={cell}>
                      <input
                        aria-label={label("value")}
                        data-row={index}
                        data-col="value"
                        inputMode="decimal"
                        value={fields.value}
                        disabled={!canEdit}
                        placeholder={fields.kind === "fixed" ? (decimalComma ? "0,00" : "0.00") : "%"}
                        onChange={(event) => setField(row, "value", event.target.value)}
                        onKeyDown={(event) => onKeyDown(event, row, index, "value")}
                        className={`${input} w-24 text-right`}
                      />
                    </td>
                    <td className={cell}>
                      <input
                        aria-label={label("tiers")}
                        data-row={index}
                        data-col="tiers"
                        value={fields.tiers}
                        disabled={!canEdit}
                        placeholder={t("tiersPlaceholder")}
                        onChange={(event) => setField(row, "tiers", event.target.value)}
                        onKeyDown={(event) => onKeyDown(event, row, index, "tiers")}
                        title={fields.tiers || undefined}
                        className={`${input} w-52`}
                      />
                    </td>
                    <td className={cell}>
                      <input
                        type="date"
                        aria-label={label("validFrom")}
                        value={fields.validFrom}
                        disabled={!canEdit}
                        onChange={(event) => setField(row, "validFrom", event.target.value)}
                        onKeyDown={(event) => onKeyDown(event, row, index, "validFrom")}
                        className={`${input} block w-36`}
                      />
                      <input
                        type="date"
                        aria-label={label("validTo")}
                        value={fields.validTo}
                        disabled={!canEdit}
                        onChange={(event) => setField(row, "validTo", event.target.value)}
                        onKeyDown={(event) => onKeyDown(event, row, index, "validTo")}
                        className={`${input} mt-1 block w-36`}
                      />
                      {row.entry && !row.entry.validToday && !dirty && <div className="mt-0.5 text-xs text-amber-700">{t("notValidToday")}</div>}
                    </td>
                    <td className={`${cell} whitespace-nowrap text-right font-medium`} data-testid="net-price">
                      {net === null ? "–" : money(net)}
                      {net !== null && net > row.listPriceMinor && <div className="text-xs font-normal text-amber-700">{t("aboveList")}</div>}
                    </td>
                    <td className={`${cell} whitespace-nowrap text-right`}>
                      {margin === null ? (
                        <span className="text-slate-400">{row.costMinor === null && net !== null ? t("noCost") : "–"}</span>
                      ) : (
                        <span
                          title={t("marginTitle")}
                          className={`rounded px-1.5 py-0.5 text-xs font-medium ${
                            margin < 0 ? "bg-red-100 text-red-800" : margin < 1000 ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"
                          }`}
                        >
                          {margin < 0 ? `${t("belowCost")} ` : ""}
                          {pct(margin)}
                        </span>
                      )}
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {canEdit && (
                        <div className="flex items-center gap-2">
                          <button
                            type="button"
                            onClick={() => void save(row)}
                            disabled={!dirty || rowStatus?.kind === "saving"}
                            className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-40"
                            aria-label={`${row.entry ? t("save") : t("add")} ${row.sku}`}
                          >
                            {row.entry ? t("save") : t("add")}
                          </button>
                          {row.entry && (
                            <button
                              type="button"
                              onClick={() => void remove(row)}
                              className="text-xs text-red-700 underline"
                              aria-label={`${t("remove")} ${row.sku}`}
                            >
                              {t("remove")}
                            </button>
                          )}
                        </div>
                      )}
                      {rowStatus?.kind === "saving" && <div className="text-xs text-slate-500">{t("saving")}</div>}
                    </td>
                  </tr>
                  {/* Problems in a row of their own under the line: in the buttons' column they widened the grid past
                      1280 px and were cut off. What the fields say now comes first; the server's answer only when they parse. */}
                  {(invalid || rowStatus?.kind === "error") && (
                    <tr className={dirty ? "bg-amber-50" : undefined}>
                      <td colSpan={9} className="px-2 pb-2 text-xs text-red-700">
                        {invalid ? (
                          <span data-testid="row-problems">{parsed.problems.map((p) => `${t(FIELD_COLUMN[p.field])}: ${tp(p.problem)}`).join(" ")}</span>
                        ) : rowStatus?.kind === "error" ? (
                          <span role="alert" data-testid="row-error">
                            {rowStatus.message}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
