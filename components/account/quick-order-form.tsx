"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useLocale, useTranslations } from "next-intl";
import { quantityRuleHint, smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { packPhrase } from "@/lib/catalog/pack-text";
import { useAnnounceCartReading } from "@/components/shop/cart-badge";
import type { ActionState } from "@/lib/actions/safe-action";
import type { ReportState } from "@/lib/actions/report-action";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { refusedLinesText, withoutLine } from "@/lib/quick-order/paste-box";
import type { QuickOrderReport } from "@/lib/quick-order/quick-order";
import type { QuickOrderSuggestion } from "@/lib/quick-order/suggest";
import { LineReport, toReportRows } from "./line-report";

type ReportAction = (state: ReportState<QuickOrderReport>, formData: FormData) => Promise<ReportState<QuickOrderReport>>;
type CartAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

function ReportOrError({
  state,
  locale,
  addToCartAction,
  onLineFixed,
}: {
  state: ReportState<QuickOrderReport>;
  locale: Locale;
  addToCartAction: CartAction;
  onLineFixed?: (ref: number) => void;
}) {
  const t = useTranslations("account.errors");
  if (state.status === "error") {
    return (
      <p role="alert" data-testid="action-error" className="text-sm text-red-700">
        {t.has(state.message) ? t(state.message, state.details ?? {}) : t("invalid_input")}
      </p>
    );
  }
  if (state.status !== "ok") return null;
  return <LineReport rows={toReportRows(state.report.lines)} locale={locale} addToCartAction={addToCartAction} summary={state.report} cart={state.cart} onLineFixed={onLineFixed} />;
}

/** Paste or upload `sku;quantity` lines (also `,` and tab), up to 1,000, with a report per line. */
export function QuickOrderPaste({ action, addToCartAction, locale }: { action: ReportAction; addToCartAction: CartAction; locale: Locale }) {
  const t = useTranslations("account.quickOrder");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  // The box is controlled (React keeps a controlled value through the form's reset after the action):
  // after a report it holds the lines that were not added, as typed; after an error, what was sent.
  const [text, setText] = useState("");
  const [reported, setReported] = useState(state);
  if (reported !== state) {
    setReported(state);
    if (state.status === "ok") setText(refusedLinesText(state.report.lines));
  }
  const kept = state.status === "ok" && text !== "" && refusedLinesText(state.report.lines) !== "";
  // A line added after all by its fix button leaves the box, so a second press cannot add it twice.
  const lineFixed = (ref: number) => {
    if (state.status !== "ok") return;
    const line = state.report.lines.find((l) => l.lineNumber === ref);
    if (line) setText((box) => withoutLine(box, line.raw));
  };
  const sample = "data:text/csv;charset=utf-8," + encodeURIComponent("sku;quantity\nKP-000001;5\nKP-000002;12\n");
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-3" aria-label={t("pasteTitle")}>
        <p className="text-sm text-slate-600">{t("pasteHelp")}</p>
        <div>
          <label htmlFor="quick-order-text" className="block text-sm font-medium">
            {t("pasteLabel")}
          </label>
          <textarea
            id="quick-order-text"
            name="text"
            rows={8}
            spellCheck={false}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            placeholder={"KP-000001;5\nKP-000002;12"}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={kept ? "quick-order-kept" : undefined}
          />
          {kept && (
            <p id="quick-order-kept" className="mt-1 text-sm text-slate-600" data-testid="quick-order-kept">
              {t("refusedKept")}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <label className="text-sm">
            {t("uploadLabel")}{" "}
            <input type="file" name="file" accept=".csv,.txt,text/csv,text/plain" className="text-sm" />
          </label>
          <a href={sample} download="quick-order-sample.csv" className="text-sm text-brand-700 underline">
            {t("sampleFile")}
          </a>
        </div>
        <button type="submit" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("submitPaste")}
        </button>
      </form>
      <ReportOrError state={state} locale={locale} addToCartAction={addToCartAction} onLineFixed={lineFixed} />
    </div>
  );
}

/** Rows of SKU (with autocomplete on SKU, name and GTIN) and quantity. */
export function QuickOrderRows({
  action,
  suggestAction,
  addToCartAction,
  locale,
}: {
  action: ReportAction;
  suggestAction: (query: string) => Promise<QuickOrderSuggestion[]>;
  addToCartAction: CartAction;
  locale: Locale;
}) {
  const t = useTranslations("account.quickOrder");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useAnnounceCartReading(state);
  const [rowIds, setRowIds] = useState(() => [1, 2, 3, 4, 5]);
  return (
    <div className="space-y-4">
      <form action={formAction} className="max-w-3xl space-y-2" aria-label={t("rowsTitle")}>
        <div className="grid grid-cols-[1fr_7rem] gap-2 text-sm font-medium text-slate-600">
          <span>{t("skuHeader")}</span>
          <span>{t("quantityHeader")}</span>
        </div>
        {rowIds.map((id, index) => (
          <QuickOrderRow key={id} row={index + 1} suggestAction={suggestAction} />
        ))}
        <div className="flex gap-3 pt-2">
          <button type="button" onClick={() => setRowIds((ids) => [...ids, Math.max(...ids) + 1])} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
            {t("addRow")}
          </button>
          <button type="submit" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {t("addRowsToCart")}
          </button>
        </div>
      </form>
      <ReportOrError state={state} locale={locale} addToCartAction={addToCartAction} />
    </div>
  );
}

/** " · min. 5" / " · per 6" / " · min. 12, per 6": only the rules that say something (quantityRuleHint). */
function RuleHint({ rules }: { rules: { minOrderQuantity: number; orderMultiple: number } }) {
  const t = useTranslations("account.quickOrder");
  const hint = quantityRuleHint(rules);
  return hint ? <>{` · ${t("minMultiple", hint)}`}</> : null;
}

function QuickOrderRow({ row, suggestAction }: { row: number; suggestAction: (query: string) => Promise<QuickOrderSuggestion[]> }) {
  const t = useTranslations("account.quickOrder");
  const locale = toLocale(useLocale());
  const listId = useId();
  const [value, setValue] = useState("");
  const [quantity, setQuantity] = useState("");
  const [options, setOptions] = useState<QuickOrderSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef("");

  useEffect(() => {
    const query = value.trim();
    latest.current = query;
    if (query.length < 2) {
      setOptions([]);
      return;
    }
    const timer = setTimeout(() => {
      suggestAction(query).then((found) => {
        if (latest.current === query) {
          setOptions(found);
          setActive(-1);
        }
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [value, suggestAction]);

  const choose = (option: QuickOrderSuggestion) => {
    setValue(option.sku);
    if (!quantity) setQuantity(String(smallestValidQuantity(option)));
    setOpen(false);
    setOptions([]);
  };
  const expanded = open && value.trim().length >= 2;

  return (
    <div className="relative grid grid-cols-[1fr_7rem] gap-2">
      <input
        name="sku"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!expanded || options.length === 0) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((i) => (i + 1) % options.length);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
          } else if (e.key === "Enter" && active >= 0) {
            e.preventDefault();
            choose(options[active]!);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-label={t("sku", { row })}
        autoComplete="off"
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      {/* Text, not a number field: the server reads it in the UI's language ("1.000" is a thousand in
          Dutch) and says why a quantity cannot be ordered, where a number field would pass on "" or 1. */}
      <input
        name="quantity"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        aria-label={t("quantity", { row })}
        className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
      />
      {expanded && (
        <ul id={listId} role="listbox" aria-label={t("sku", { row })} className="absolute left-0 top-full z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
          {options.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-500">{t("noSuggestions")}</li>
          ) : (
            options.map((option, index) => (
              <li
                key={option.sku}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
                className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-brand-50" : "hover:bg-slate-50"}`}
              >
                <span className="font-medium">{option.sku}</span> – {option.name}
                <span className="block text-xs text-slate-500">
                  {option.ownNumber ? `${t("ownNumber", { number: option.ownNumber })} · ` : ""}
                  {option.gtin ? `GTIN ${option.gtin} · ` : ""}
                  {t("perUnit", { unit: packPhrase(option, locale) })}
                  <RuleHint rules={option} />
                </span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
