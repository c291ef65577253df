"use client";

import Link from "next/link";
import { useActionState, useEffect, useEffectEvent, useState } from "react";
import { useTranslations } from "next-intl";
import { useAnnounceCartReading, useNewestCartReading } from "@/components/shop/cart-badge";
import type { ActionState } from "@/lib/actions/safe-action";
import type { AddLineOutcome } from "@/lib/cart/add-lines";
import { NO_CART, type CartBadgeReading } from "@/lib/cart/cart-badge";
import { addedAfterSuggestion, cartQuantityOf, summaryAfterFixes, type FixedOutcome } from "@/lib/cart/line-report-fixes";
import { addedMessageValues, inputParts } from "@/lib/cart/line-report-text";
import type { SuccessorOffer } from "@/lib/catalog/product-relations";
import { money } from "@/lib/format";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/locales";
import { pendingSubmit } from "@/components/pending-submit";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type ReportOutcome = AddLineOutcome | { status: "header" } | { status: "missing_sku" } | { status: "discontinued" };

/** One line of a per-line report (quick order, list to cart, reorder), as the table shows it. */
export interface ReportRow {
  ref: number;
  input: string;
  /** The SKU (or GTIN, own number) as typed in `input`, kept unbroken there; without it the product's SKU is looked for. */
  code?: string;
  sku: string | null;
  name: string | null;
  quantityAssumed?: boolean;
  outcome: ReportOutcome;
  price?: { before: number; after: number | null; currency: string };
  /** A discontinued product's successor: linked, and offered with one click. */
  successor?: SuccessorOffer | null;
}

const PROBLEM = new Set(["unknown_sku", "ambiguous_sku", "unavailable", "not_in_assortment", "invalid_quantity", "missing_sku", "quantity_rule", "discontinued"]);

/**
 * Every input line with what happened to it. Lines that break a quantity rule offer the nearest
 * valid quantity as a one-click "Add N instead" (a discontinued product its successor); nothing is
 * changed without the buyer's click. A line whose fix was taken then shows as added, and the counts
 * and the way to the cart follow, so the report never contradicts the cart.
 */
export function LineReport({
  rows,
  locale,
  addToCartAction,
  summary,
  cart,
  onLineFixed,
}: {
  rows: ReportRow[];
  locale: Locale;
  addToCartAction: Action | null;
  summary: { added: number; problems: number; warnings: number };
  /** The cart as the action that made the report left it: the way to the cart shows while it holds anything. */
  cart?: CartBadgeReading;
  /** A line was added after all by its fix button (quick order takes it out of its paste box). */
  onLineFixed?: (ref: number) => void;
}) {
  const t = useTranslations("account.report");
  // The fixes taken, per line, for this report only: a new report (a new submission) has new outcome
  // objects, so the first row's outcome tells the reports apart whatever the caller re-renders.
  const [fixes, setFixes] = useState<{ report: object | undefined; byRef: ReadonlyMap<number, FixedOutcome> }>({ report: undefined, byRef: new Map() });
  const report = rows[0]?.outcome;
  const fixed = fixes.report === report ? fixes.byRef : new Map<number, FixedOutcome>();
  // `make` gets the fixes taken before this one: a fixed line counts what they added to the cart.
  const fix = (ref: number, make: (before: ReadonlyMap<number, FixedOutcome>) => FixedOutcome) => {
    setFixes((current) => {
      const before = current.report === report ? current.byRef : new Map<number, FixedOutcome>();
      return { report, byRef: new Map([...before, [ref, make(before)]]) };
    });
    onLineFixed?.(ref);
  };
  const shown = summaryAfterFixes(summary, [...fixed.values()]);
  const cartHoldsSomething = useNewestCartReading(cart ?? NO_CART).units > 0;
  return (
    <section aria-labelledby="line-report-title" className="space-y-2" data-testid="line-report">
      <h2 id="line-report-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p role="status" className="text-sm" data-testid="line-report-summary">
        {t("summary", shown)}{" "}
        {(shown.added > 0 || cartHoldsSomething) && (
          <Link href="/cart" className="text-brand-700 underline">
            {t("goToCart")}
          </Link>
        )}
      </p>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-2">{t("line")}</th>
              <th className="p-2">{t("input")}</th>
              <th className="p-2">{t("product")}</th>
              <th className="p-2">{t("result")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const outcome = fixed.get(row.ref) ?? row.outcome;
              // A header line holds no SKU: all of it may wrap.
              const input = inputParts(row.input, outcome.status === "header" ? null : (row.code ?? row.sku));
              // A line added after its fix reads as added (a successor added instead too).
              const status = outcome.status === "successor_added" ? "added" : outcome.status === "added" && outcome.stockWarning ? outcome.stockWarning : outcome.status;
              return (
                <tr
                  key={row.ref}
                  className={`border-t border-slate-100 align-top ${PROBLEM.has(outcome.status) ? "bg-red-50" : outcome.status === "added" && outcome.stockWarning ? "bg-amber-50" : ""}`}
                  data-testid="report-line"
                  data-status={status}
                >
                  <td className="p-2">{row.ref}</td>
                  {/* The SKU stays on one line at phone width (a hyphen or break-all would split it); the rest wraps. */}
                  <td className="p-2 font-mono text-xs whitespace-pre-wrap" data-testid="report-input">
                    {input.before && <span className="break-all">{input.before}</span>}
                    {input.sku && <span className="whitespace-nowrap">{input.sku}</span>}
                    {input.after && <span className="break-all">{input.after}</span>}
                  </td>
                  <td className="p-2">
                    {row.name ?? "–"}
                    {row.sku && <div className="whitespace-nowrap text-xs text-slate-500">{row.sku}</div>}
                  </td>
                  <td className="p-2">
                    <OutcomeText
                      row={row}
                      outcome={outcome}
                      // "no quantity given" is about what the report added, not about a quantity the buyer chose by its fix.
                      quantityAssumed={row.quantityAssumed === true && !fixed.has(row.ref)}
                      locale={locale}
                      addToCartAction={addToCartAction}
                      onFixed={(fixedOutcome) => fix(row.ref, () => fixedOutcome)}
                      onSuggestionAdded={(rule) => fix(row.ref, (before) => addedAfterSuggestion(rule, row.sku ? cartQuantityOf(row.sku, rows, before) : rule.inCart))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OutcomeText({
  row,
  outcome,
  quantityAssumed,
  locale,
  addToCartAction,
  onFixed,
  onSuggestionAdded,
}: {
  row: ReportRow;
  outcome: ReportOutcome | FixedOutcome;
  quantityAssumed: boolean;
  locale: Locale;
  addToCartAction: Action | null;
  onFixed: (outcome: FixedOutcome) => void;
  onSuggestionAdded: (rule: Extract<AddLineOutcome, { status: "quantity_rule" }>) => void;
}) {
  const t = useTranslations("account.report");
  const price = row.price && row.price.after !== null && (
    <div className={row.price.after === row.price.before ? "text-xs text-slate-500" : "text-xs font-medium text-amber-800"} data-testid="price-change">
      {row.price.after === row.price.before
        ? t("priceSame", { price: money(row.price.after, locale, row.price.currency) })
        : t("priceChanged", { before: money(row.price.before, locale, row.price.currency), after: money(row.price.after, locale, row.price.currency) })}
    </div>
  );
  switch (outcome.status) {
    case "added":
      return (
        <div>
          {/* One sentence, a line added by its fix button too: "Toegevoegd: 1, geen aantal opgegeven (nu 2.003 in uw winkelwagen)". */}
          <span className="text-emerald-800">{t("added", addedMessageValues(outcome, quantityAssumed))}</span>
          {outcome.stockWarning && (
            <div className="text-xs text-amber-800">{t(outcome.stockWarning, { stock: outcome.stock, days: outcome.leadTimeDays })}</div>
          )}
          {price}
        </div>
      );
    case "quantity_rule":
      return (
        <div className="space-y-1">
          <span className="text-red-800">
            {t(outcome.reason, { minimum: outcome.minimum, multiple: outcome.multiple })}
            {outcome.inCart > 0 && ` ${t("inCart", { inCart: outcome.inCart })}`}
          </span>
          {addToCartAction && row.sku && (
            <SuggestionButton
              sku={row.sku}
              quantity={outcome.suggested}
              label={t("addSuggested", { suggested: outcome.suggested })}
              action={addToCartAction}
              onAdded={() => onSuggestionAdded(outcome)}
            />
          )}
          {price}
        </div>
      );
    case "successor_added":
      return <span className="text-emerald-800">{t("successorAdded", { quantity: outcome.quantity, sku: outcome.sku })}</span>;
    case "invalid_quantity":
      return (
        <div className="space-y-1">
          <span className="text-red-800">{outcome.reason ? t(`quantityProblem.${outcome.reason}`, { max: outcome.max ?? 0 }) : t("invalid_quantity")}</span>
          {price}
        </div>
      );
    case "ambiguous_sku":
      return (
        <span className="text-red-800">
          {t("ambiguous_sku", { candidates: new Intl.ListFormat(INTL_LOCALE[locale], { type: "disjunction" }).format(outcome.candidates) })}
        </span>
      );
    default: {
      const successor = row.successor;
      return (
        <div className="space-y-1">
          <span className={outcome.status === "header" ? "text-slate-600" : "text-red-800"}>{t(outcome.status)}</span>
          {successor && (outcome.status === "unavailable" || outcome.status === "discontinued") && (
            <SuccessorOfferView
              successor={successor}
              label={t("replacedBy")}
              addLabel={t("addSuccessor", { quantity: successor.quantity, sku: successor.sku })}
              action={addToCartAction}
              onAdded={() => onFixed({ status: "successor_added", sku: successor.sku, quantity: successor.quantity })}
            />
          )}
          {price}
        </div>
      );
    }
  }
}

/**
 * "Replaced by <successor>" under a discontinued product, with "Add N × SKU" when the cart can be
 * changed here (the favorites table shows it too).
 */
export function SuccessorOfferView({
  successor,
  label,
  addLabel,
  action,
  onAdded,
}: {
  successor: SuccessorOffer;
  label: string;
  addLabel: string;
  action: Action | null;
  /** The line report turns its line into an added one; elsewhere the offer says "Added." itself. */
  onAdded?: () => void;
}) {
  return (
    <div className="space-y-1 text-xs" data-testid="successor-offer" data-sku={successor.sku}>
      <div>
        {label}{" "}
        <Link href={`/products/${encodeURIComponent(successor.sku)}`} className="font-medium text-brand-700 underline">
          {successor.name} ({successor.sku})
        </Link>
      </div>
      {action && <SuggestionButton sku={successor.sku} quantity={successor.quantity} label={addLabel} action={action} onAdded={onAdded} />}
    </div>
  );
}

function SuggestionButton({ sku, quantity, label, action, onAdded }: { sku: string; quantity: number; label: string; action: Action; onAdded?: () => void }) {
  const t = useTranslations("account.report");
  const te = useTranslations("account.errors");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  // Once per successful add, with the parent's latest callback.
  const announceAdded = useEffectEvent(() => onAdded?.());
  useEffect(() => {
    if (state.status === "ok") announceAdded();
  }, [state]);
  if (state.status === "ok") return <div className="text-xs text-emerald-800">{t("suggestedAdded")}</div>;
  return (
    <form action={formAction}>
      <input type="hidden" name="sku" value={sku} />
      <input type="hidden" name="quantity" value={quantity} />
      <button type="submit" {...pendingSubmit(pending)} className="rounded border border-brand-600 px-2 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50">
        {label}
      </button>
      {state.status === "error" && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {te.has(state.message) ? te(state.message, state.details ?? {}) : te("invalid_input")}
        </p>
      )}
    </form>
  );
}

export function toReportRows(
  lines: {
    ref?: number;
    lineNumber?: number;
    code?: string;
    input?: string;
    sku: string | null;
    name: string | null;
    quantityAssumed?: boolean;
    requested?: number | null;
    outcome: ReportOutcome;
    successor?: SuccessorOffer | null;
  }[],
): ReportRow[] {
  return lines.map((line, index) => ({
    ref: line.lineNumber ?? line.ref ?? index + 1,
    input: line.input ?? [line.code ?? "", line.requested ?? ""].filter((v) => v !== "").join(";"),
    code: line.code,
    sku: line.sku,
    name: line.name,
    quantityAssumed: line.quantityAssumed,
    outcome: line.outcome,
    successor: line.successor ?? null,
  }));
}
