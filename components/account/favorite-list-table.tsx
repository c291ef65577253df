"use client";

import { useActionState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useTranslations } from "next-intl";
import { useAnnounceCartReading } from "@/components/shop/cart-badge";
import type { ActionState } from "@/lib/actions/safe-action";
import type { ReportState } from "@/lib/actions/report-action";
import type { AddLinesResult } from "@/lib/cart/add-lines";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import type { FavoriteLineView } from "@/lib/favorites/favorites";
import { dateText, money, percent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { unitName } from "@/lib/catalog/unit-names";
import { ActionMessage } from "./action-form";
import { LineReport, SuccessorOfferView, toReportRows } from "./line-report";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type CartReportAction = (state: ReportState<AddLinesResult>, formData: FormData) => Promise<ReportState<AddLinesResult>>;

/**
 * What the company last paid for a line's product, and how today's price for that quantity differs
 * (up in amber, down in green; the same price is said too, so nobody wonders).
 */
function LastOrdered({ last, locale }: { last: NonNullable<FavoriteLineView["lastOrdered"]>; locale: Locale }) {
  const t = useTranslations("account.favorites");
  const change = Math.round(((last.todayUnitPriceMinor - last.unitPriceMinor) * 10_000) / last.unitPriceMinor);
  return (
    <div className="mt-1 text-xs text-slate-600" data-testid="favorite-last-ordered">
      {t("lastOrdered", { date: dateText(last.placedAt, locale), quantity: last.quantity, price: money(last.unitPriceMinor, locale) })}
      <div className={change > 0 ? "text-amber-700" : change < 0 ? "text-emerald-700" : "text-slate-500"} data-testid="favorite-price-change">
        {change > 0
          ? t("priceUp", { change: percent(change, locale) })
          : change < 0
            ? t("priceDown", { change: percent(-change, locale) })
            : t("priceSame")}
      </div>
    </div>
  );
}

/** A favorites list: live price and stock per line, select lines, add all/selected to the cart, edit lines. */
export function FavoriteListTable({
  listId,
  lines,
  canEdit,
  locale,
  addListToCartAction,
  updateLineAction,
  removeLineAction,
  moveLineAction,
  addToCartAction,
  canAddToCart,
}: {
  listId: number;
  lines: FavoriteLineView[];
  canEdit: boolean;
  locale: Locale;
  addListToCartAction: CartReportAction;
  updateLineAction: Action;
  removeLineAction: Action;
  moveLineAction: Action;
  addToCartAction: Action;
  canAddToCart: boolean;
}) {
  const t = useTranslations("account.favorites");
  const te = useTranslations("account.errors");
  const [state, cartAction, pending] = useActionState(addListToCartAction, { status: "idle" });
  useAnnounceCartReading(state);
  const formId = `list-cart-form-${listId}`;
  // On a phone the cells after the selection box stack in the column beside it.
  const stacked = canAddToCart ? "max-sm:col-start-2" : "";
  return (
    <div className="space-y-4">
      {canAddToCart && (
        <form id={formId} action={cartAction} className="flex flex-wrap gap-3">
          <input type="hidden" name="listId" value={listId} />
          <button type="submit" name="mode" value="all" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {t("addAll")}
          </button>
          <button type="submit" name="mode" value="selected" {...pendingSubmit(pending)} className="rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
            {t("addSelected")}
          </button>
        </form>
      )}
      {state.status === "error" && (
        <p role="alert" data-testid="action-error" className="text-sm text-red-700">
          {te.has(state.message) ? te(state.message, state.details ?? {}) : te("invalid_input")}
        </p>
      )}
      {/*
        On a phone each line is a block of its own, as in the cart: the selection box beside the product,
        under it today's price, the stock and the default quantity with its note (labelled), then the line's
        buttons. From the sm breakpoint up the table.
      */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="favorite-lines">
        <table className="block w-full text-sm sm:table">
          <thead className="hidden bg-slate-100 text-left sm:table-header-group">
            <tr>
              {/* Named for a screen reader's table navigation: an empty header says nothing of the column. */}
              {canAddToCart && (
                <th className="w-8 p-2">
                  <span className="sr-only">{t("selectColumn")}</span>
                </th>
              )}
              <th className="p-2">{t("product")}</th>
              <th className="p-2 text-right">{t("price")}</th>
              <th className="p-2">{t("stock")}</th>
              <th className="p-2">
                {t("quantity")} / {t("note")}
              </th>
              {canEdit && <th className="p-2" />}
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {lines.map((line, index) => (
              <tr
                key={line.lineId}
                className={`grid ${canAddToCart ? "grid-cols-[2rem_minmax(0,1fr)]" : "grid-cols-1"} border-t border-slate-100 align-top max-sm:py-1 max-sm:first:border-t-0 sm:table-row`}
                data-testid="favorite-line"
                data-sku={line.sku}
              >
                {canAddToCart && (
                  <td className="p-2">
                    <input type="checkbox" name="lineIds" value={line.lineId} form={formId} aria-label={t("select", { name: line.name })} />
                  </td>
                )}
                <td className={`p-2 ${stacked}`}>
                  <a href={`/products/${encodeURIComponent(line.sku)}`} className="font-medium hover:text-brand-700">
                    {line.name}
                  </a>
                  <div className="text-xs text-slate-500">
                    {line.sku} · {t("perUnit", { unit: unitName(line.unit, locale) })}
                    {line.ownNumber && <span data-testid="own-article-number"> · {t("ownNumber", { number: line.ownNumber })}</span>}
                  </div>
                </td>
                <td className={`p-2 max-sm:py-1 sm:text-right ${stacked}`} data-testid="favorite-price">
                  <span className="text-xs text-slate-500 sm:hidden">{t("price")}: </span>
                  {money(line.unitPriceMinor, locale)}
                  {line.isContractPrice && line.listPriceMinor > line.unitPriceMinor && (
                    <div className="text-xs text-slate-500 line-through">{money(line.listPriceMinor, locale)}</div>
                  )}
                  {line.lastOrdered && <LastOrdered last={line.lastOrdered} locale={locale} />}
                </td>
                <td className={`p-2 text-xs max-sm:py-1 ${stacked}`}>
                  {!line.active ? (
                    <div className="space-y-1">
                      <span className="text-red-700">{t("notAvailable")}</span>
                      {line.successor && (
                        <SuccessorOfferView
                          successor={line.successor}
                          label={t("replacedBy")}
                          addLabel={t("addSuccessor", { quantity: line.successor.quantity, sku: line.successor.sku })}
                          action={canAddToCart ? addToCartAction : null}
                        />
                      )}
                    </div>
                  ) : !line.inAssortment ? (
                    <span className="text-red-700" data-testid="favorite-not-in-assortment">
                      {t("notInAssortment")}
                    </span>
                  ) : line.stock > 0 ? (
                    <span className="text-emerald-700">{t("inStock", { count: line.stock })}</span>
                  ) : (
                    <span className="text-amber-700">{t("outOfStock", { days: line.leadTimeDays })}</span>
                  )}
                </td>
                <td className={`p-2 max-sm:py-1 ${stacked}`}>
                  <span className="mb-1 block text-xs text-slate-500 sm:hidden" aria-hidden="true">
                    {t("quantity")} / {t("note")}
                  </span>
                  {canEdit ? (
                    <LineEditor line={line} listId={listId} action={updateLineAction} />
                  ) : (
                    <div>
                      <span data-testid="favorite-quantity">{line.defaultQuantity}</span>
                      {line.note && <div className="text-xs text-slate-600">{line.note}</div>}
                    </div>
                  )}
                </td>
                {canEdit && (
                  <td className={`space-x-1 whitespace-nowrap p-2 max-sm:pt-1 ${stacked}`}>
                    <SmallAction action={moveLineAction} fields={{ listId, lineId: line.lineId, direction: "up" }} label="↑" ariaLabel={t("moveUp", { name: line.name })} disabled={index === 0} />
                    <SmallAction
                      action={moveLineAction}
                      fields={{ listId, lineId: line.lineId, direction: "down" }}
                      label="↓"
                      ariaLabel={t("moveDown", { name: line.name })}
                      disabled={index === lines.length - 1}
                    />
                    <SmallAction action={removeLineAction} fields={{ listId, lineId: line.lineId }} label="✕" ariaLabel={t("remove", { name: line.name })} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.status === "ok" && <LineReport rows={toReportRows(state.report.lines)} locale={locale} addToCartAction={addToCartAction} summary={{ ...state.report, warnings: state.report.lines.filter((l) => l.outcome.status === "added" && l.outcome.stockWarning).length }} />}
    </div>
  );
}

function LineEditor({ line, listId, action }: { line: FavoriteLineView; listId: number; action: Action }) {
  const t = useTranslations("account.favorites");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} noValidate className="space-y-1">
      <input type="hidden" name="listId" value={listId} />
      <input type="hidden" name="lineId" value={line.lineId} />
      <div className="flex flex-wrap items-center gap-2">
        <input
          name="quantity"
          type="number"
          min={smallestValidQuantity(line)}
          step={line.orderMultiple}
          defaultValue={line.defaultQuantity}
          key={`q-${line.defaultQuantity}`}
          aria-label={t("quantityOf", { name: line.name })}
          className="w-20 rounded-md border border-slate-300 px-2 py-1"
        />
        <input
          name="note"
          defaultValue={line.note ?? ""}
          key={`n-${line.note}`}
          maxLength={500}
          aria-label={t("noteOf", { name: line.name })}
          placeholder={t("note")}
          className="min-w-32 flex-1 rounded-md border border-slate-300 px-2 py-1"
        />
        <button type="submit" {...pendingSubmit(pending)} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
          {t("saveLine")}
        </button>
      </div>
      <ActionMessage state={state} className="text-xs" />
    </form>
  );
}

function SmallAction({
  action,
  fields,
  label,
  ariaLabel,
  disabled = false,
}: {
  action: Action;
  fields: Record<string, string | number>;
  label: string;
  ariaLabel: string;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={disabled} {...pendingSubmit(pending)} aria-label={ariaLabel} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40">
        {label}
      </button>
      {state.status === "error" && <ActionMessage state={state} className="text-xs" />}
    </form>
  );
}
