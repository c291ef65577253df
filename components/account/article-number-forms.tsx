"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ArticleNumberReport } from "@/lib/account/article-numbers";
import type { ReportState } from "@/lib/actions/report-action";
import { pendingSubmit } from "@/components/pending-submit";

type ReportAction = (state: ReportState<ArticleNumberReport>, formData: FormData) => Promise<ReportState<ArticleNumberReport>>;

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";
const buttonClass = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** Hidden fields the action needs besides the form's own (the customer, on the admin side). */
type Hidden = Record<string, string>;

function HiddenFields({ hidden }: { hidden?: Hidden }) {
  return Object.entries(hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/** One SKU's own number (an empty number removes it). */
export function ArticleNumberForm({ action, hidden }: { action: ReportAction; hidden?: Hidden }) {
  const t = useTranslations("account.articleNumbers");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-3" aria-label={t("singleTitle")}>
      <HiddenFields hidden={hidden} />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          {t("skuLabel")}
          <input name="sku" required maxLength={100} className={inputClass} autoComplete="off" />
        </label>
        <label className="block text-sm font-medium">
          {t("numberLabel")}
          <input name="articleNumber" maxLength={40} className={inputClass} autoComplete="off" />
        </label>
      </div>
      <p className="text-xs text-slate-500">{t("singleHelp")}</p>
      <button type="submit" {...pendingSubmit(pending)} className={buttonClass}>
        {t("save")}
      </button>
      <ReportOrError state={state} />
    </form>
  );
}

/** A pasted or uploaded list of `sku;own number` lines, all or nothing. */
export function ArticleNumberImport({ action, hidden }: { action: ReportAction; hidden?: Hidden }) {
  const t = useTranslations("account.articleNumbers");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const sample = "data:text/csv;charset=utf-8," + encodeURIComponent("sku;article_number\nKP-000001;100-2045\nKP-000002;100-2046\n");
  return (
    <form action={formAction} className="space-y-3" aria-label={t("importTitle")}>
      <HiddenFields hidden={hidden} />
      <p className="text-sm text-slate-600">{t("importHelp")}</p>
      <label htmlFor="article-numbers-text" className="block text-sm font-medium">
        {t("pasteLabel")}
      </label>
      <textarea id="article-numbers-text" name="text" rows={6} spellCheck={false} className={`${inputClass} font-mono`} placeholder={"KP-000001;100-2045\nKP-000002;100-2046"} />
      <div className="flex flex-wrap items-center gap-4">
        <label className="text-sm">
          {t("uploadLabel")} <input type="file" name="file" accept=".csv,.txt,text/csv,text/plain" className="text-sm" />
        </label>
        <a href={sample} download="article-numbers-sample.csv" className="text-sm text-brand-700 underline">
          {t("sampleFile")}
        </a>
      </div>
      <button type="submit" {...pendingSubmit(pending)} className={buttonClass}>
        {t("import")}
      </button>
      <ReportOrError state={state} />
    </form>
  );
}

/** The report, or the error; texts from account.articleNumbers and account.errors only (the admin area carries just those). */
function ReportOrError({ state }: { state: ReportState<ArticleNumberReport> }) {
  const t = useTranslations("account.articleNumbers");
  const te = useTranslations("account.errors");
  if (state.status === "idle") return null;
  if (state.status === "error") {
    const key = state.message;
    return (
      <p role="alert" data-testid="action-error" className="text-sm text-red-700">
        {te.has(key) ? te(key, state.details ?? {}) : te("invalid_input")}
      </p>
    );
  }
  const { report } = state;
  return (
    <div className="space-y-2" data-testid="article-number-report">
      <p role="status" className={`text-sm ${report.saved ? "text-emerald-700" : "text-red-700"}`}>
        {report.saved ? t("saved", { set: report.set, removed: report.removed }) : t("notSaved", { problems: report.problems })}
      </p>
      {(!report.saved || report.lines.length > 1) && (
        <ul className="max-h-72 space-y-1 overflow-auto rounded-md border border-slate-200 bg-white p-2 text-sm">
          {report.lines.map((line) => (
            <li key={line.lineNumber} className={line.outcome.status === "set" || line.outcome.status === "removed" ? "" : "text-red-700"}>
              <span className="text-slate-500">{t("line", { line: line.lineNumber })}</span> <span className="font-mono">{line.code}</span>:{" "}
              {t(`outcome.${line.outcome.status}`, {
                number: line.outcome.status === "set" ? line.outcome.articleNumber : "",
                sku: line.outcome.status === "set" || line.outcome.status === "removed" ? line.outcome.sku : "",
                first: line.outcome.status === "duplicate_sku" || line.outcome.status === "duplicate_number" ? line.outcome.firstLine : 0,
              })}
              {line.outcome.status === "set" && line.outcome.movedFromSku && ` ${t("movedFrom", { sku: line.outcome.movedFromSku })}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
