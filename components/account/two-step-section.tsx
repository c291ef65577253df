"use client";

import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import type { TwoStepView } from "@/lib/two-step/section-props";
import { pendingSubmit } from "@/components/pending-submit";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type TwoStepSectionProps = TwoStepView & { actions: { start: Action; cancel: Action; confirm: Action; renew: Action; disable: Action } };

const inputClass = "mt-1 rounded-md border border-slate-300 px-3 py-1.5";
const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

function Outcome({ state }: { state: ActionState }) {
  const t = useTranslations("twoStep");
  if (state.status === "ok") return state.message && t.has(`messages.${state.message}`) ? <p role="status" className="text-sm text-emerald-700">{t(`messages.${state.message}`)}</p> : null;
  if (state.status !== "error") return null;
  return (
    <p role="alert" data-testid="two-step-error" className="text-sm text-red-700">
      {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`) : t.has(`errors.${state.code}`) ? t(`errors.${state.code}`) : t("errors.generic")}
    </p>
  );
}

/** Password and code fields of the forms that need both steps. */
function BothSteps({ id, codeLabel }: { id: string; codeLabel: string }) {
  const t = useTranslations("twoStep.profile");
  return (
    <div className="flex flex-wrap gap-3">
      <label className="flex flex-col text-sm" htmlFor={`${id}-password`}>
        <span className="font-medium">{t("password")}</span>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      <label className="flex flex-col text-sm" htmlFor={`${id}-code`}>
        <span className="font-medium">{codeLabel}</span>
        <input id={`${id}-code`} name="code" autoComplete="one-time-code" required maxLength={40} className={`${inputClass} font-mono`} />
      </label>
    </div>
  );
}

/**
 * Two-step verification on the user's own profile. Every action's state is held here, above the
 * branches, so the recovery codes an action answered with stay on screen when the page renders
 * again around them (turning it on re-signs the session cookie, which renders the page anew).
 */
export function TwoStepSection(props: TwoStepSectionProps) {
  const t = useTranslations("twoStep.profile");
  const idle: ActionState = { status: "idle" };
  const [startState, start, starting] = useActionState(props.actions.start, idle);
  const [cancelState, cancel, cancelling] = useActionState(props.actions.cancel, idle);
  const [confirmState, confirm, confirming] = useActionState(props.actions.confirm, idle);
  const [renewState, renew, renewing] = useActionState(props.actions.renew, idle);
  const [disableState, disable, disabling] = useActionState(props.actions.disable, idle);
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    if (confirmState.status === "ok" && confirmState.data?.recoveryCodes) setCodes(String(confirmState.data.recoveryCodes).split("\n"));
  }, [confirmState]);
  useEffect(() => {
    if (renewState.status === "ok" && renewState.data?.recoveryCodes) setCodes(String(renewState.data.recoveryCodes).split("\n"));
  }, [renewState]);
  const file = codes ? `${t("codesFileIntro", { email: props.email })}\n\n${codes.join("\n")}\n` : "";
  return (
    <section className="space-y-4" aria-labelledby="two-step-title" data-testid="two-step" data-state={props.state}>
      <h2 id="two-step-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {/* In a punchout session the procurement system signed in, not a password: how the two steps protect an account says nothing there. */}
      {props.unavailable !== "punchout" && <p className="text-sm text-slate-600">{t("intro")}</p>}
      {codes && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
          <h3 className="font-semibold">{t("codesTitle")}</h3>
          <p className="text-sm">{t("codesIntro")}</p>
          <ul className="grid grid-cols-2 gap-1 font-mono text-sm">
            {codes.map((code) => (
              <li key={code} data-testid="recovery-code">
                {code}
              </li>
            ))}
          </ul>
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="koppel-recovery-codes.txt" className="text-sm text-brand-700 underline">
            {t("codesDownload")}
          </a>
        </div>
      )}
      {props.unavailable ? (
        <p className="text-sm" data-testid="two-step-unavailable">
          {t(props.unavailable === "no_password" ? "noPassword" : props.unavailable === "punchout" ? "punchout" : "viewingAs")}
        </p>
      ) : props.state === "off" ? (
        <form action={start} className="space-y-2">
          <p className="text-sm">{t("off")}</p>
          <button type="submit" {...pendingSubmit(starting)} className={primary}>
            {t("start")}
          </button>
          <Outcome state={disableState.status === "ok" ? disableState : cancelState.status === "ok" ? cancelState : startState} />
        </form>
      ) : props.state === "pending" && props.enrolment ? (
        <div className="space-y-3">
          <p className="text-sm">{t("scan")}</p>
          <img src={props.enrolment.qrSvgDataUri} alt={t("qrAlt")} width={200} height={200} className="rounded border border-slate-200 bg-white" data-testid="two-step-qr" />
          <p className="text-sm">
            {t("manualKey")}{" "}
            <code className="rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="two-step-secret">
              {props.enrolment.secret}
            </code>
          </p>
          <p className="text-xs text-slate-500">{t("manualHint", { email: props.email })}</p>
          <form action={confirm} className="space-y-3" aria-label={t("confirm")}>
            <p className="text-sm">{t("confirmIntro")}</p>
            <BothSteps id="two-step-confirm" codeLabel={t("code")} />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" {...pendingSubmit(confirming)} className={primary}>
                {t("confirm")}
              </button>
              <Outcome state={confirmState} />
            </div>
          </form>
          <form action={cancel}>
            <button type="submit" {...pendingSubmit(cancelling)} className={secondary}>
              {t("cancel")}
            </button>
          </form>
        </div>
      ) : props.state === "on" ? (
        <div className="space-y-4">
          <p className="text-sm" data-testid="two-step-on">
            {t("on", { date: props.since ?? "" })} {t("codesLeft", { count: props.recoveryCodesLeft })}
            {props.recoveryCodesLeft <= 3 && ` ${t("lowCodes")}`}
          </p>
          {confirmState.status === "ok" && <Outcome state={confirmState} />}
          <form action={renew} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label={t("renewTitle")}>
            <h3 className="font-medium">{t("renewTitle")}</h3>
            <p className="text-sm text-slate-600">{t("renewIntro")}</p>
            <BothSteps id="two-step-renew" codeLabel={t("codeOrRecovery")} />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" {...pendingSubmit(renewing)} className={secondary}>
                {t("renew")}
              </button>
              <Outcome state={renewState} />
            </div>
          </form>
          <form action={disable} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label={t("disableTitle")}>
            <h3 className="font-medium">{t("disableTitle")}</h3>
            <p className="text-sm text-slate-600">{t("disableIntro")}</p>
            <BothSteps id="two-step-disable" codeLabel={t("codeOrRecovery")} />
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" {...pendingSubmit(disabling)} className={secondary}>
                {t("disable")}
              </button>
              <Outcome state={disableState} />
            </div>
          </form>
        </div>
      ) : null}
    </section>
  );
}
