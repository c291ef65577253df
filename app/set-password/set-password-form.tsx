"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import type { LoginState } from "@/lib/auth/login-state";
import { LoginForm } from "../login/login-form";

export function SetPasswordForm({
  token,
  email,
  minLength,
  action,
  signInAction,
}: {
  token: string;
  /** The account's address, for password managers to save the new password under (not sent). */
  email: string;
  minLength: number;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** The sign-in page's action (app/login/actions.ts), for when the automatic sign-in is refused. */
  signInAction: (state: LoginState, formData: FormData) => Promise<LoginState>;
}) {
  const t = useTranslations("admin.setPassword");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "ok") return <PasswordSaved email={email} signInAction={signInAction} />;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <label className="block text-sm font-medium">
        {t("password")}
        <input name="password" type="password" autoComplete="new-password" required minLength={minLength} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm font-medium">
        {t("confirm")}
        <input name="confirm" type="password" autoComplete="new-password" required minLength={minLength} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <p className="text-xs text-slate-600">{t("rules", { min: minLength })}</p>
      {state.status === "error" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.has(`errors.${state.message}`) ? t(`errors.${state.message}`, { min: minLength }) : t("errors.invalid")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("submit")}
      </button>
    </form>
  );
}

/**
 * The password is saved, but the automatic sign-in was refused (two-step verification is on, after a
 * reset; sign-in is throttled): the sign-in page's own form right here, the address filled in and the
 * keyboard waiting in the password field. Not a link to /login carrying the address, which would put
 * it in the browser's history and in proxy and server logs.
 */
export function PasswordSaved({ email, signInAction }: { email: string; signInAction: (state: LoginState, formData: FormData) => Promise<LoginState> }) {
  const t = useTranslations("admin.setPassword");
  return (
    <div className="space-y-4">
      <p role="status" data-testid="password-saved">
        {t("done")}
      </p>
      <LoginForm action={signInAction} callbackUrl="/" initialEmail={email} />
    </div>
  );
}
