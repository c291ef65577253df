"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { pendingSubmit } from "@/components/pending-submit";
import type { ForgotPasswordState } from "./actions";

const NOTICES = { sent: "forgotSent", invalid: "forgotInvalid", throttled: "forgotThrottled" } as const;

/**
 * The address for the reset link, and the answer above it. The field keeps the address after every
 * answer: with JavaScript the form is submitted by hand (React would otherwise empty it after the
 * action); without, the action's answer hands it back and the page renders it. Never in a URL.
 */
export function ForgotPasswordForm({ action }: { action: (state: ForgotPasswordState, formData: FormData) => Promise<ForgotPasswordState> }) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const input = useRef<HTMLInputElement>(null);
  const refused = state.status === "invalid" || state.status === "throttled";
  useEffect(() => {
    // Refused: the keyboard back in the field, to correct the address (a screen reader reads the refusal with it).
    if (state.status === "invalid" || state.status === "throttled") input.current?.focus();
  }, [state]);
  return (
    <>
      {state.status !== "idle" && (
        <p
          id="forgot-password-answer"
          role={refused ? "alert" : "status"}
          className={`mb-4 rounded-md px-3 py-2 text-sm ${refused ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}
        >
          {t(NOTICES[state.status])}
        </p>
      )}
      <form
        action={formAction}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        <label className="block text-sm font-medium">
          {t("email")}
          <input
            ref={input}
            name="email"
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            defaultValue={state.status === "idle" ? "" : state.email}
            autoFocus={refused}
            aria-invalid={state.status === "invalid" || undefined}
            aria-describedby={refused ? "forgot-password-answer" : undefined}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <button type="submit" {...pendingSubmit(pending)} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("forgotSubmit")}
        </button>
      </form>
    </>
  );
}
