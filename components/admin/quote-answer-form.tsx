"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { parseMoneyInput } from "@/lib/admin/price-input";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/pricing/money";
import { Field, useActionError, useKeptInputAction, type FormAction } from "./action-form";
import { inputClass } from "./styles";
import { tableClass, tdClass, thClass } from "./tabs";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { pendingSubmit } from "@/components/pending-submit";

/** One line of a quote as the account manager sees it: what was asked, what the customer pays now, and the cost. */
export interface QuoteLineRow {
  id: number;
  sku: string;
  /** In the staff member's language. */
  name: string;
  unit: string;
  active: boolean;
  quantity: number;
  requestedUnitPriceMinor: number;
  quotedUnitPriceMinor: number | null;
  /** Null when the product can no longer be priced (e.g. it left the catalogue). */
  currentUnitPriceMinor: number | null;
  listPriceMinor: number | null;
  costMinor: number | null;
}

/** Margin of a price over the purchase price, in basis points (as in the price grid); null without both. */
function marginOf(priceMinor: number | null, costMinor: number | null): number | null {
  return priceMinor !== null && costMinor !== null && priceMinor > 0 ? Math.round(((priceMinor - costMinor) / priceMinor) * 10_000) : null;
}

function useFormatters(locale: Locale, currency: string) {
  return useMemo(() => {
    const percent = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 1 });
    return { money: (minor: number) => formatMoney(minor, currency, INTL_LOCALE[locale]), pct: (basisPoints: number) => percent.format(basisPoints / 10_000) };
  }, [locale, currency]);
}

interface EditState {
  prices: Record<number, string>;
  onChange: (lineId: number, value: string) => void;
  fieldErrors: Record<string, string[]>;
  problemText: (messages: string[]) => string;
}

/**
 * The lines with their reference prices. Read-only it shows the quoted prices; with `edit` an input
 * per line (`price_<line id>`), and margin and totals follow what the manager types.
 */
function QuoteLinesTable({ lines, locale, currency, edit }: { lines: QuoteLineRow[]; locale: Locale; currency: string; edit?: EditState }) {
  const t = useTranslations("admin.quotes");
  const { money, pct } = useFormatters(locale, currency);
  const priceOf = (line: QuoteLineRow): number | null => {
    if (!edit) return line.quotedUnitPriceMinor;
    const parsed = parseMoneyInput(edit.prices[line.id] ?? "");
    return parsed.ok ? parsed.value : null;
  };
  const effective = lines.map((line) => ({ line, price: priceOf(line) }));
  const complete = effective.every((row) => row.price !== null);
  const total = effective.reduce((sum, row) => sum + (row.price ?? 0) * row.line.quantity, 0);
  const requestedTotal = lines.reduce((sum, line) => sum + line.requestedUnitPriceMinor * line.quantity, 0);
  const right = `${tdClass} whitespace-nowrap text-right tabular-nums`;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid="quote-lines">
        <thead>
          <tr>
            <th className={thClass}>{t("detail.sku")}</th>
            <th className={thClass}>{t("detail.product")}</th>
            <th className={`${thClass} text-right`}>{t("detail.quantity")}</th>
            <th className={`${thClass} text-right`} title={t("detail.requestedPriceTitle")}>
              {t("detail.requestedPrice")}
            </th>
            <th className={`${thClass} text-right`} title={t("detail.currentPriceTitle")}>
              {t("detail.currentPrice")}
            </th>
            <th className={`${thClass} text-right`}>{t("detail.listPrice")}</th>
            <th className={`${thClass} text-right`}>{t("detail.cost")}</th>
            <th className={`${thClass} text-right`}>{t("detail.quotedPrice")}</th>
            <th className={`${thClass} text-right`}>{t("detail.margin")}</th>
            <th className={`${thClass} text-right`}>{t("detail.lineTotal")}</th>
          </tr>
        </thead>
        <tbody>
          {effective.map(({ line, price }) => {
            const margin = marginOf(price, line.costMinor);
            const field = `price_${line.id}`;
            const errors = edit?.fieldErrors[field];
            return (
              <tr key={line.id} data-testid="quote-line" data-sku={line.sku}>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <Link href={`/admin/products/${encodeURIComponent(line.sku)}`} className="font-mono text-xs text-brand-700 underline">
                    {line.sku}
                  </Link>
                </td>
                <td className={tdClass}>
                  {line.name}
                  {!line.active && <span className="block text-xs text-red-700">{t("detail.inactive")}</span>}
                </td>
                <td className={right}>
                  <span title={line.unit}>{unitQuantity(line.quantity, line.unit, locale)}</span>
                </td>
                <td className={right}>{money(line.requestedUnitPriceMinor)}</td>
                <td className={right}>{line.currentUnitPriceMinor === null ? "–" : money(line.currentUnitPriceMinor)}</td>
                <td className={right}>{line.listPriceMinor === null ? "–" : money(line.listPriceMinor)}</td>
                <td className={right}>{line.costMinor === null ? <span className="text-slate-400">{t("detail.noCost")}</span> : money(line.costMinor)}</td>
                <td className={`${tdClass} text-right`} data-testid="quoted-price">
                  {edit ? (
                    <>
                      <input
                        name={field}
                        value={edit.prices[line.id] ?? ""}
                        onChange={(event) => edit.onChange(line.id, event.target.value)}
                        required
                        maxLength={20}
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={t("detail.priceFor", { sku: line.sku })}
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `${field}-error` : undefined}
                        className={`w-28 rounded border px-1.5 py-1 text-right text-sm tabular-nums ${errors ? "border-red-500 bg-red-50" : "border-slate-300 bg-white"}`}
                      />
                      {errors && (
                        <span id={`${field}-error`} className="mt-0.5 block text-xs text-red-700">
                          {edit.problemText(errors)}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="whitespace-nowrap tabular-nums">{price === null ? "–" : money(price)}</span>
                  )}
                  {price !== null && line.listPriceMinor !== null && price > line.listPriceMinor && (
                    <span className="block text-xs text-amber-700">{t("detail.aboveList")}</span>
                  )}
                </td>
                <td className={`${tdClass} whitespace-nowrap text-right`} data-testid="quote-margin">
                  {margin === null ? (
                    <span className="text-slate-400">–</span>
                  ) : (
                    <span
                      title={t("detail.marginTitle")}
                      className={`rounded px-1.5 py-0.5 text-xs font-medium ${
                        margin < 0 ? "bg-red-100 text-red-800" : margin < 1000 ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"
                      }`}
                    >
                      {margin < 0 ? `${t("detail.belowCost")} ` : ""}
                      {pct(margin)}
                    </span>
                  )}
                </td>
                <td className={right}>{price === null ? "–" : money(price * line.quantity)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={9} className="px-3 py-2 text-right text-sm font-semibold">
              {t("detail.total")}
              <span className="block text-xs font-normal text-slate-500">{t("detail.totalRequested", { amount: money(requestedTotal) })}</span>
            </td>
            <td className="px-3 py-2 text-right align-top font-semibold tabular-nums" data-testid="quote-total">
              {complete ? money(total) : "–"}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The lines of a quote that can no longer be (re)answered: the quoted prices as sent. */
export function QuoteLinesView(props: { lines: QuoteLineRow[]; locale: Locale; currency: string }) {
  return <QuoteLinesTable {...props} />;
}

/**
 * The account manager's answer: a price per line (prefilled), the last valid day and a note.
 * Errors are shown at each line's field; what was typed stays (the form is submitted by hand,
 * because React would otherwise reset it after the action, also on an error).
 */
export function QuoteAnswerForm({
  action,
  quoteId,
  lines,
  locale,
  currency,
  initialPrices,
  validUntil,
  minValidUntil,
  comment,
  requesterName,
  punchout = null,
}: {
  action: FormAction;
  quoteId: number;
  lines: QuoteLineRow[];
  locale: Locale;
  currency: string;
  /** Per line id, formatted for the staff member's locale. */
  initialPrices: Record<number, string>;
  validUntil: string;
  /** Today (ISO): an answer cannot end in the past. */
  minValidUntil: string;
  comment: string;
  requesterName: string;
  /**
   * Requested as a punchout connection's technical user (lib/admin/quotes.ts punchoutRequest): no mail
   * goes out, so the confirmation and the success say where the quote waits instead.
   */
  punchout?: { company: string; connection: string } | null;
}) {
  const t = useTranslations("admin.quotes");
  const ta = useTranslations("admin");
  // `shown`/`fieldErrors`: the refusal as still to show; a price or date changed since loses its message.
  const { state, shown, fieldErrors, pending, onSubmit, onChange, formRef } = useKeptInputAction(action);
  const [prices, setPrices] = useState(initialPrices);
  const labels = useMemo(
    () => ({ validUntil: t("answer.validUntil"), comment: t("answer.comment"), ...Object.fromEntries(lines.map((line) => [`price_${line.id}`, t("detail.priceFor", { sku: line.sku })])) }),
    [lines, t],
  );
  const errors = useActionError()(shown, labels);
  const problemText = (messages: string[]) =>
    messages.map((m) => (ta.has(`problems.${m}`) ? ta(`problems.${m}`) : ta.has(`errors.${m}`) ? ta(`errors.${m}`) : ta("errors.invalid_field"))).join(", ");
  const dateErrors = fieldErrors.validUntil;
  return (
    <form
      className="space-y-4"
      data-testid="quote-answer-form"
      ref={formRef}
      onChange={onChange}
      onSubmit={(event) => {
        // The customer is mailed at once (or finds it in their procurement catalog) and may accept right
        // away: no sending the pre-filled prices by a stray click.
        if (!window.confirm(punchout ? t("answer.confirmSendPunchout", punchout) : t("answer.confirmSend", { name: requesterName }))) {
          event.preventDefault();
          return;
        }
        onSubmit(event);
      }}
    >
      <input type="hidden" name="quoteId" value={quoteId} />
      <QuoteLinesTable
        lines={lines}
        locale={locale}
        currency={currency}
        edit={{ prices, onChange: (lineId, value) => setPrices((current) => ({ ...current, [lineId]: value })), fieldErrors, problemText }}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={labels.validUntil} hint={t("answer.validUntilHint")}>
          <input
            type="date"
            name="validUntil"
            required
            defaultValue={validUntil}
            min={minValidUntil}
            aria-invalid={dateErrors ? true : undefined}
            className={`${inputClass} ${dateErrors ? "border-red-500 bg-red-50" : ""}`}
          />
          {dateErrors && <span className="mt-0.5 block text-xs text-red-700">{problemText(dateErrors)}</span>}
        </Field>
        <Field label={labels.comment} hint={t("answer.commentHint")} className="sm:col-span-2">
          <textarea name="comment" rows={3} maxLength={2000} defaultValue={comment} className={inputClass} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          // Keeps the keyboard focus while the answer is sent (a disabled button would drop it to <body>).
          {...pendingSubmit(pending)}
          aria-busy={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t("answer.sending") : t("answer.submit")}
        </button>
        <span aria-live="polite" className="text-sm">
          {state.status === "ok" && !pending && (
            <span className="text-emerald-700" data-testid="form-success">
              {punchout ? t("answer.sentPunchout", punchout) : t("answer.sent", { name: requesterName })}
            </span>
          )}
        </span>
      </div>
      {errors.length > 0 && !pending && (
        <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      )}
    </form>
  );
}
