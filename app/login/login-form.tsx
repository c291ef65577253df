"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { pendingSubmit } from "@/components/pending-submit";
import { initialLoginState, type LoginState } from "@/lib/auth/login-state";

/**
 * E-mail and password, then — for a user with two-step verification — the code. The e-mail address
 * and password stay in the form (hidden) and go with the code, so the server checks the password
 * again; they are held here in the browser only, never in the action's answer.
 */
export function LoginForm({
  action,
  callbackUrl,
  initialEmail = "",
}: {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  callbackUrl: string;
  /** Filled in already (on the set-password page, when the sign-in after choosing the password was refused): the keyboard starts in the password field. */
  initialEmail?: string;
}) {
  const t = useTranslations("auth");
  const tt = useTranslations("twoStep.login");
  const [state, formAction, pending] = useActionState(action, initialLoginState);
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const codeStep = state.step === "code";
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Refused: type the password (or the code) again, with the keyboard already there.
    if (state.error === "invalid") {
      setPassword("");
      passwordRef.current?.focus();
    }
    if (state.error === "code_invalid") {
      setCode("");
      codeRef.current?.focus();
    }
  }, [state]);
  // The refusal is the fields' description too: a screen reader says it on the field it lands on.
  const refusedPassword = state.error === "invalid" ? { "aria-invalid": true, "aria-describedby": "login-error" } : {};
  const refusedCode = state.error === "code_invalid" ? { "aria-invalid": true, "aria-describedby": "login-error" } : {};
  const error = state.error === "code_invalid" ? tt(recovery ? "recoveryInvalid" : "codeInvalid") : state.error ? t(state.error) : null;
  return (
    <form
      action={formAction}
      className="space-y-4"
      onSubmit={(event) => {
        // Keep what was typed (React resets a form after its action): the code step sends it again.
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-4" hidden={codeStep}>
        <label className="block text-sm font-medium">
          {t("email")}
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
            {...refusedPassword}
          />
        </label>
        <label className="block text-sm font-medium">
          {t("password")}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
            ref={passwordRef}
            autoFocus={initialEmail !== ""}
            {...refusedPassword}
          />
        </label>
      </div>
      {codeStep && (
        <div className="space-y-3" data-testid="two-step-login">
          <p className="text-sm text-slate-700">{tt(recovery ? "recoveryIntro" : "intro")}</p>
          <label className="block text-sm font-medium">
            {tt(recovery ? "recoveryLabel" : "codeLabel")}
            <input
              key={recovery ? "recovery" : "code"}
              name="code"
              required
              autoFocus
              autoComplete={recovery ? "off" : "one-time-code"}
              inputMode={recovery ? "text" : "numeric"}
              maxLength={recovery ? 40 : 9}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono tracking-widest"
              ref={codeRef}
              {...refusedCode}
            />
          </label>
          <button type="button" className="text-sm text-brand-700 underline" onClick={() => (setRecovery(!recovery), setCode(""))}>
            {tt(recovery ? "useApp" : "useRecovery")}
          </button>
        </div>
      )}
      {error && (
        <p id="login-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" {...pendingSubmit(pending)} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {codeStep ? tt("submit") : t("submit")}
      </button>
      {codeStep && (
        <a href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="block text-center text-sm text-slate-600 underline">
          {tt("startOver")}
        </a>
      )}
    </form>
  );
}
