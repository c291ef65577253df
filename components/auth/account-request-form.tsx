"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { draftToRestore, REGISTER_DRAFT_KEY, registerDraft } from "@/lib/account-requests/draft";
import { ACCOUNT_REQUEST_FIELDS, type AccountRequestField, type AccountRequestFormState } from "./account-request-fields";

/**
 * The public "Account aanvragen" form (app/register). Texts come from accountRequests.form only
 * (REGISTER_CLIENT_MESSAGES). Errors are shown at their fields and what was typed stays: with
 * JavaScript the form is submitted by hand (React would otherwise reset it after the action, also
 * on an error); without, the action echoes the values back. On success the form makes way for the
 * thank-you, which is the same whether or not the address already had an account. What was typed
 * also survives the NL/EN switch, a form post of its own (lib/account-requests/draft.ts).
 */

type Action = (state: AccountRequestFormState, formData: FormData) => Promise<AccountRequestFormState>;

const inputClass = "mt-1 w-full rounded-md border px-3 py-2 text-sm font-normal";
const validClass = "border-slate-300";
const invalidClass = "border-red-500 bg-red-50";
const ERROR_KEYS = new Set(["required", "too_long", "country_format", "email_format", "kvk_format", "vat_format", "postal_code_format"]);

export function AccountRequestForm({
  action,
  locale,
  countries,
}: {
  action: Action;
  /** The UI language: the requester's language for mails and, once approved, their account. */
  locale: "nl" | "en";
  /** ISO code and name in the UI language; NL is preselected. */
  countries: { code: string; name: string }[];
}) {
  const t = useTranslations("accountRequests.form");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "throttled" ? state.values : {};

  useEffect(() => {
    // Another form on the page is sent — the NL/EN switch: what was typed is kept for the page that
    // comes back in the other language (this tab only, for a short while).
    const keep = (event: SubmitEvent) => {
      const own = form.current;
      if (!own || event.target === own) return;
      try {
        window.sessionStorage.setItem(REGISTER_DRAFT_KEY, registerDraft(Object.fromEntries(new FormData(own)), Date.now()));
      } catch {
        // storage refused or full: the switch works, the form comes back empty
      }
    };
    document.addEventListener("submit", keep, true);
    return () => document.removeEventListener("submit", keep, true);
  }, []);

  useEffect(() => {
    // The page is back in the other language (a new form, or this one with new texts): fill in the draft.
    let restored: ReturnType<typeof draftToRestore> = null;
    try {
      restored = draftToRestore(window.sessionStorage.getItem(REGISTER_DRAFT_KEY), Date.now());
      window.sessionStorage.removeItem(REGISTER_DRAFT_KEY);
    } catch {
      return;
    }
    if (!restored || !form.current) return;
    for (const [field, value] of Object.entries(restored)) {
      const control = form.current.elements.namedItem(field);
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) control.value = value;
    }
  }, [locale]);

  useEffect(() => {
    // After a refused submission, the first field to fix gets the focus (screen readers read its error).
    if (state.status !== "invalid") return;
    const first = ACCOUNT_REQUEST_FIELDS.find((field) => state.fieldErrors[field]?.length);
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [state]);

  if (state.status === "received") {
    return (
      <p role="status" data-testid="account-request-received" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {t("received")}
      </p>
    );
  }

  const errorText = (messages: string[]) => [...new Set(messages.map((m) => (ERROR_KEYS.has(m) ? t(`errors.${m}`) : t("errors.invalid"))))].join(" ");
  const describedBy = (field: AccountRequestField, hasHint: boolean) => {
    const ids = [fieldErrors[field]?.length ? `account-request-${field}-error` : null, hasHint ? `account-request-${field}-hint` : null].filter(Boolean);
    return ids.length ? ids.join(" ") : undefined;
  };
  const controlProps = (field: AccountRequestField, hint = false) => ({
    id: `account-request-${field}`,
    name: field,
    defaultValue: values[field] ?? (field === "countryCode" ? "NL" : ""),
    "aria-invalid": fieldErrors[field]?.length ? (true as const) : undefined,
    "aria-describedby": describedBy(field, hint),
    className: `${inputClass} ${fieldErrors[field]?.length ? invalidClass : validClass}`,
  });
  const below = (field: AccountRequestField, hint?: string) => (
    <>
      {fieldErrors[field]?.length ? (
        <span id={`account-request-${field}-error`} className="mt-0.5 block text-xs font-normal text-red-700">
          {errorText(fieldErrors[field])}
        </span>
      ) : null}
      {hint && (
        <span id={`account-request-${field}-hint`} className="mt-0.5 block text-xs font-normal text-slate-500">
          {hint}
        </span>
      )}
    </>
  );
  const labelClass = "block text-sm font-medium";
  const legendClass = "mb-2 text-base font-semibold";

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      data-testid="account-request-form"
      className="relative mt-6 space-y-6"
    >
      <input type="hidden" name="locale" value={locale} />
      {state.status === "throttled" && (
        <p role="alert" data-testid="account-request-throttled" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("throttled")}
        </p>
      )}
      {state.status === "unavailable" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("unavailable")}
        </p>
      )}
      {state.status === "invalid" && (
        <p role="alert" data-testid="account-request-invalid" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("invalid")}
        </p>
      )}

      <fieldset className="space-y-3">
        <legend className={legendClass}>{t("organisation")}</legend>
        <div>
          <label className={labelClass} htmlFor="account-request-companyName">
            {t("companyName")}
          </label>
          <input {...controlProps("companyName")} required minLength={2} maxLength={200} autoComplete="organization" />
          {below("companyName")}
        </div>
        <div>
          <label className={labelClass} htmlFor="account-request-kvkNumber">
            {t("kvkNumber")}
          </label>
          <input {...controlProps("kvkNumber", true)} maxLength={35} inputMode="numeric" autoComplete="off" />
          {below("kvkNumber", t("kvkHint"))}
        </div>
        <div>
          <label className={labelClass} htmlFor="account-request-vatId">
            {t("vatId")}
          </label>
          <input {...controlProps("vatId", true)} maxLength={35} autoComplete="off" />
          {below("vatId", t("vatHint"))}
        </div>
        <div>
          <label className={labelClass} htmlFor="account-request-countryCode">
            {t("country")}
          </label>
          <select {...controlProps("countryCode")} required autoComplete="country">
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
          {below("countryCode")}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className={legendClass}>{t("address")}</legend>
        <div>
          <label className={labelClass} htmlFor="account-request-street">
            {t("street")}
          </label>
          <input {...controlProps("street")} required maxLength={200} autoComplete="street-address" />
          {below("street")}
        </div>
        <div className="grid grid-cols-[2fr_3fr] gap-3">
          <div>
            <label className={labelClass} htmlFor="account-request-postalCode">
              {t("postalCode")}
            </label>
            <input {...controlProps("postalCode")} required maxLength={20} autoComplete="postal-code" />
            {below("postalCode")}
          </div>
          <div>
            <label className={labelClass} htmlFor="account-request-city">
              {t("city")}
            </label>
            <input {...controlProps("city")} required maxLength={100} autoComplete="address-level2" />
            {below("city")}
          </div>
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className={legendClass}>{t("contact")}</legend>
        <div>
          <label className={labelClass} htmlFor="account-request-contactName">
            {t("contactName")}
          </label>
          <input {...controlProps("contactName")} required minLength={2} maxLength={100} autoComplete="name" />
          {below("contactName")}
        </div>
        <div>
          <label className={labelClass} htmlFor="account-request-email">
            {t("email")}
          </label>
          <input {...controlProps("email", true)} type="email" required maxLength={254} autoComplete="email" />
          {below("email", t("emailHint"))}
        </div>
        <div>
          <label className={labelClass} htmlFor="account-request-phone">
            {t("phone")}
          </label>
          <input {...controlProps("phone")} type="tel" maxLength={30} autoComplete="tel" />
          {below("phone")}
        </div>
      </fieldset>

      <div>
        <label className={labelClass} htmlFor="account-request-message">
          {t("message")}
        </label>
        <textarea {...controlProps("message", true)} rows={4} maxLength={2000} />
        {below("message", t("messageHint"))}
      </div>

      {/* For bots only: off screen, out of the tab order and hidden from screen readers. */}
      <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
        <label htmlFor="account-request-website">
          {t("website")}
          <input id="account-request-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("sending") : t("submit")}
      </button>
    </form>
  );
}
