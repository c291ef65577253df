"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { InviteReport } from "@/lib/account/company-users";
import type { ReportState } from "@/lib/actions/report-action";
import { pendingSubmit } from "@/components/pending-submit";

type ReportAction = (state: ReportState<InviteReport>, formData: FormData) => Promise<ReportState<InviteReport>>;

/**
 * A pasted or uploaded list of colleagues to invite, all or nothing. Submitted without React's form
 * reset, so a list with a wrong line stays to be corrected; once everybody is invited it empties.
 */
export function InviteListForm({ action }: { action: ReportAction }) {
  const t = useTranslations("account.users");
  const te = useTranslations("account.errors");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "ok" && state.report.saved) form.current?.reset();
  }, [state]);
  // The example and the sample file in the admin's language, with the role words its help text names.
  const sample = "data:text/csv;charset=utf-8," + encodeURIComponent(t("inviteListSampleFile"));
  return (
    <form
      ref={form}
      className="mt-3 space-y-3"
      aria-label={t("inviteList")}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <p className="text-sm text-slate-600">{t("inviteListHelp")}</p>
      <label htmlFor="invite-list-text" className="block text-sm font-medium">
        {t("inviteListLabel")}
      </label>
      <textarea
        id="invite-list-text"
        name="text"
        rows={5}
        spellCheck={false}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
        placeholder={t("inviteListPlaceholder")}
      />
      <div className="flex flex-wrap items-center gap-4">
        <label className="text-sm">
          {t("inviteListUpload")} <input type="file" name="file" accept=".csv,.txt,text/csv,text/plain" className="text-sm" />
        </label>
        <a href={sample} download="invite-colleagues-sample.csv" className="text-sm text-brand-700 underline">
          {t("inviteListSample")}
        </a>
      </div>
      <button type="submit" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("inviteListSubmit")}
      </button>
      {state.status === "error" && (
        <p role="alert" data-testid="action-error" className="text-sm text-red-700">
          {te.has(state.message) ? te(state.message, state.details ?? {}) : te("invalid_input")}
        </p>
      )}
      {state.status === "ok" && (
        <div className="space-y-2" data-testid="invite-report">
          <p role="status" className={`text-sm ${state.report.saved ? "text-emerald-700" : "text-red-700"}`}>
            {state.report.saved ? t("inviteListDone", { count: state.report.invited }) : t("inviteListProblems", { count: state.report.problems })}
          </p>
          {!state.report.saved && (
            <ul className="max-h-72 space-y-1 overflow-auto rounded-md border border-slate-200 bg-white p-2 text-sm">
              {state.report.lines.map((line) => (
                <li key={line.lineNumber} className={line.outcome.status === "invited" ? "" : "text-red-700"} data-testid="invite-line" data-status={line.outcome.status}>
                  <span className="text-slate-500">{t("inviteListLine", { line: line.lineNumber })}</span> <span className="font-mono">{line.email || "–"}</span>:{" "}
                  {line.outcome.status === "invited"
                    ? t("inviteListOk")
                    : t(`inviteListOutcome.${line.outcome.status}`, { first: "firstLine" in line.outcome ? (line.outcome.firstLine ?? 0) : 0 })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
