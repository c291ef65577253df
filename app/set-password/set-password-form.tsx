"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";

export function SetPasswordForm({
  token,
  email,
  minLength,
  action,
}: {
  token: string;
  /** The account's address, for password managers to save the new password under (not sent). */
  email: string;
  minLength: number;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("admin.setPassword");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "ok") {
    return (
      <div className="space-y-3" role="status">
        <p>{t("done")}</p>
        {/* Not signed in straight away (two-step verification is on, or sign-in is throttled): the
            address is filled in and the keyboard waits in the password field. */}
        <Link href={`/login?email=${encodeURIComponent(email)}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {t("toLogin")}
        </Link>
      </div>
    );
  }
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
