"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { LoginState } from "./actions";

export function LoginForm({
  action,
  callbackUrl,
}: {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  callbackUrl: string;
}) {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm font-medium">
        {t("email")}
        <input name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm font-medium">
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(state.error === "throttled" ? "throttled" : "invalid")}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("submit")}
      </button>
    </form>
  );
}
