"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ImportEvent, ImportReport } from "@/lib/admin/price-csv/import-price-list";

type Phase = { phase: "upload" | "validate" | "apply"; done: number; total: number };

const SHOWN_ERRORS = 500;

/**
 * CSV import in two explicit steps: check the file (nothing is written), then apply. When some
 * rows are invalid nothing is applied unless the user ticks "apply only the valid rows". The
 * server streams progress (NDJSON) so a 50,000-row file shows how far it is. Applying asks first
 * when the check said lines would be deleted (replace mode) or contract-only customers would be
 * left with an empty shop.
 */
export function CsvImport({ priceListId, canEdit }: { priceListId: number; canEdit: boolean }) {
  const t = useTranslations("admin.csv");
  const tp = useTranslations("admin.problems");
  const format = useFormatter();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [replaceAll, setReplaceAll] = useState(false);
  const [applyValidOnly, setApplyValidOnly] = useState(false);
  const [progress, setProgress] = useState<Phase | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = progress !== null;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    if (dryRun) setReport(null);
    setProgress({ phase: "upload", done: 0, total: 0 });
    const body = new FormData();
    body.set("file", file);
    body.set("mode", replaceAll ? "replace" : "upsert");
    body.set("dryRun", dryRun ? "1" : "0");
    body.set("applyValidOnly", applyValidOnly ? "1" : "0");
    try {
      const response = await fetch(`/admin/price-lists/${priceListId}/import-csv`, { method: "POST", body });
      if (!response.ok || !response.body) {
        setFailure(t("requestFailed", { status: response.status }));
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (!line) continue;
          const event = JSON.parse(line) as ImportEvent | { type: "error"; message: string };
          if (event.type === "progress") setProgress({ phase: event.phase, done: event.done, total: event.total });
          else if (event.type === "report") setReport(event.report);
          else setFailure(t("serverError", { message: event.message }));
        }
      }
    } catch {
      setFailure(t("requestFailed", { status: 0 }));
    } finally {
      setProgress(null);
      if (!dryRun) router.refresh();
    }
  };

  const downloadErrors = () => {
    if (!report) return;
    const lines = [`${t("line")};sku;${t("column")};${t("problem")}`, ...report.errors.map((e) => [e.line, e.sku, e.column ?? "", problemText(e.problem, e.detail)].map(quote).join(";"))];
    const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `import-errors-${priceListId}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const quote = (value: string | number) => (/[";\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  const problemText = (problem: string, detail?: string) => (tp.has(problem) ? tp(problem, { detail: detail ?? "" }) : problem);

  const contractNames = report?.contractEmpty ? format.list(report.contractEmpty.customers.map((c) => c.name)) : "";
  const contractCount = report?.contractEmpty?.customers.length ?? 0;
  /** The question before applying what the check said would delete lines or empty a customer's shop; null: nothing to ask. */
  const applyQuestion = () => {
    if (!report) return null;
    const parts = [
      report.counts.deleted > 0 ? t("confirmDelete", { count: report.counts.deleted }) : null,
      report.contractEmpty ? t("confirmContractEmpty", { names: contractNames, count: contractCount }) : null,
    ].filter((part) => part !== null);
    return parts.length ? [...parts, t("confirmProceed")].join(" ") : null;
  };
  const apply = () => {
    const question = applyQuestion();
    if (question && !window.confirm(question)) return;
    void run(false);
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  const canApply = report && report.status !== "invalid_file" && report.status !== "applied" && (report.invalidRows === 0 || applyValidOnly) && report.validRows > 0;

  return (
    <div className="space-y-4" data-testid="csv-import">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          {t("file")}
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            disabled={!canEdit || busy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
              setApplyValidOnly(false);
            }}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-200"
          />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">{t("mode")}</legend>
          <label className="mt-1 flex items-start gap-2">
            <input type="radio" name="mode" checked={!replaceAll} onChange={() => (setReplaceAll(false), setReport(null))} disabled={busy} />
            <span>{t("modeUpsert")}</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="mode" checked={replaceAll} onChange={() => (setReplaceAll(true), setReport(null))} disabled={busy} />
            <span>{t("modeReplace")}</span>
          </label>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void run(true)}
          disabled={!canEdit || !file || busy}
          className="rounded-md border border-brand-600 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
        >
          {t("check")}
        </button>
        <button
          type="button"
          onClick={apply}
          disabled={!canEdit || !canApply || busy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {report && report.invalidRows > 0 ? t("applyValid", { count: report.validRows }) : t("apply")}
        </button>
      </div>

      {progress && (
        <div className="space-y-1" data-testid="import-progress">
          <p className="text-sm" aria-live="polite">
            {progress.phase === "upload" ? t("uploading") : t(`phase.${progress.phase}`, { done: progress.done, total: progress.total })}
          </p>
          <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} className="h-2 w-full overflow-hidden rounded bg-slate-200">
            <div className={`h-full bg-brand-600 transition-all ${percent === null ? "w-1/3 animate-pulse" : ""}`} style={percent === null ? undefined : { width: `${percent}%` }} />
          </div>
        </div>
      )}

      {failure && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      )}

      {report && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-report" data-status={report.status} aria-live="polite">
          <h3 className="font-semibold">
            {/* After a check nothing was meant to be saved: say what the check found, not that nothing was applied. */}
            {t(report.checkOnly && report.status === "rejected" ? "status.checkRejected" : `status.${report.status}`, { invalid: report.invalidRows, total: report.totalRows })}
          </h3>
          {report.fileProblems.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-red-800">
              {report.fileProblems.map((p, i) => (
                <li key={i}>
                  {tp.has(p.problem) ? tp(p.problem, { detail: p.detail ?? "" }) : p.problem}
                  {p.line ? ` (${t("lineN", { line: p.line })})` : ""}
                </li>
              ))}
            </ul>
          )}
          {report.status !== "invalid_file" && (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
              <dt className="text-slate-500">{t("rows")}</dt>
              <dd data-testid="rows-total">{report.totalRows}</dd>
              <dt className="text-slate-500">{t("validRows")}</dt>
              <dd>{report.validRows}</dd>
              <dt className="text-slate-500">{t("invalidRows")}</dt>
              <dd data-testid="rows-invalid">{report.invalidRows}</dd>
              <dt className="text-slate-500">{t("delimiter")}</dt>
              <dd>{report.delimiter === ";" ? t("semicolon") : t("comma")}</dd>
              <dt className="text-slate-500">{report.status === "applied" ? t("created") : t("wouldCreate")}</dt>
              <dd data-testid="count-created">{report.counts.created}</dd>
              <dt className="text-slate-500">{report.status === "applied" ? t("updated") : t("wouldUpdate")}</dt>
              <dd data-testid="count-updated">{report.counts.updated}</dd>
              <dt className="text-slate-500">{t("unchanged")}</dt>
              <dd>{report.counts.unchanged}</dd>
              <dt className={report.status !== "applied" && report.counts.deleted > 0 ? "font-semibold text-red-800" : "text-slate-500"}>
                {report.status === "applied" ? t("deleted") : t("wouldDelete")}
              </dt>
              <dd data-testid="count-deleted" className={report.status !== "applied" && report.counts.deleted > 0 ? "font-semibold text-red-800" : undefined}>
                {report.counts.deleted}
              </dd>
            </dl>
          )}
          {report.openCarts && (report.status === "validated" || report.status === "rejected") && (
            <p className="text-sm text-slate-700" data-testid="open-carts">
              {report.openCarts.carts > 0 ? t("openCarts", { carts: report.openCarts.carts, customers: report.openCarts.customers }) : t("noOpenCarts")}
            </p>
          )}
          {report.contractEmpty && report.status !== "applied" && (
            <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="contract-empty-warning">
              {report.contractEmpty.listEmpty && `${t("listWouldBeEmpty")} `}
              {t("contractEmpty", { names: contractNames, count: contractCount })}
            </p>
          )}
          {report.status === "applied" && (
            <p className="text-sm text-emerald-800">
              {t("appliedIn", { seconds: format.number(report.durationMs / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}
            </p>
          )}
          {report.status === "rejected" && canEdit && report.validRows > 0 && (
            <label className="flex items-start gap-2 rounded-md bg-amber-50 p-2 text-sm">
              <input type="checkbox" checked={applyValidOnly} onChange={(event) => setApplyValidOnly(event.target.checked)} />
              <span>{t("applyValidOnlyLabel", { valid: report.validRows, invalid: report.invalidRows })}</span>
            </label>
          )}
          {report.status === "rejected" && replaceAll && <p className="text-xs text-slate-600">{t("replaceNeedsValidFile")}</p>}
          {report.errors.length > 0 && (
            <div className="space-y-2">
              <div className="flex items-center justify-between">
                <h4 className="text-sm font-semibold">{t("errorsHeading", { count: report.errors.length })}</h4>
                <button type="button" onClick={downloadErrors} className="text-sm text-brand-700 underline">
                  {t("downloadErrors")}
                </button>
              </div>
              <div className="max-h-96 overflow-auto">
                <table className="w-full text-sm" data-testid="import-errors">
                  <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase text-slate-600">
                    <tr>
                      <th className="px-2 py-1">{t("line")}</th>
                      <th className="px-2 py-1">SKU</th>
                      <th className="px-2 py-1">{t("column")}</th>
                      <th className="px-2 py-1">{t("problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.slice(0, SHOWN_ERRORS).map((error, i) => (
                      <tr key={i} className="border-t border-slate-100" data-testid="import-error" data-line={error.line}>
                        <td className="px-2 py-1">{error.line}</td>
                        <td className="px-2 py-1">{error.sku || "–"}</td>
                        <td className="px-2 py-1">{error.column ?? "–"}</td>
                        <td className="px-2 py-1">{problemText(error.problem, error.detail)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.errors.length > SHOWN_ERRORS && <p className="text-xs text-slate-600">{t("moreErrors", { count: report.errors.length - SHOWN_ERRORS })}</p>}
            </div>
          )}
          {report.warnings.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-amber-800">{t("warningsHeading", { count: report.warnings.length })}</summary>
              <ul className="mt-1 max-h-48 list-disc overflow-auto pl-5">
                {report.warnings.slice(0, SHOWN_ERRORS).map((w, i) => (
                  <li key={i}>
                    {t("lineN", { line: w.line })} · {w.sku}: {t(`warnings.${w.code}`)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </div>
  );
}
