"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, Field, SubmitButton, useActionError, type FormAction } from "./action-form";
import { inputClass } from "./styles";

/**
 * Forms of the webhook settings (admins only). The signing secret comes back once, in the action
 * state of the form that made it (create, rotate), and is shown only there: never in a URL.
 */

const NAME_MAX = 100;
const URL_MAX = 500;

/**
 * React resets a form after its action (react#30580): making what the user typed the default keeps
 * it on screen when the action answers with field errors.
 */
const keepTyped = (event: React.ChangeEvent<HTMLInputElement>) => {
  event.target.defaultValue = event.target.value;
};

function useFieldLabels() {
  const t = useTranslations("admin.webhooks");
  return { name: t("name"), url: t("url") };
}

/** The secret, shown once, with a copy button and the hint that it will not be shown again. */
function SecretPanel({ secret, intro, endpointHref }: { secret: string; intro: string; endpointHref?: string }) {
  const t = useTranslations("admin.webhooks");
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{intro}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="webhook-secret">
          {secret}
        </code>
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      <p>{t("copyNow")}</p>
      {endpointHref && (
        <p>
          <Link href={endpointHref} className="text-brand-700 underline">
            {t("openEndpoint")}
          </Link>
        </p>
      )}
    </div>
  );
}

function Errors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

function NameAndUrl({ name = "", url = "" }: { name?: string; url?: string }) {
  const t = useTranslations("admin.webhooks");
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <Field label={t("name")}>
        <input name="name" required maxLength={NAME_MAX} defaultValue={name} onChange={keepTyped} placeholder={t("namePlaceholder")} className={inputClass} />
      </Field>
      <Field label={t("url")} hint={t("urlHint")}>
        <input
          name="url"
          type="url"
          required
          maxLength={URL_MAX}
          defaultValue={url}
          onChange={keepTyped}
          placeholder="https://erp.example.com/webhooks/koppel"
          spellCheck={false}
          className={`${inputClass} font-mono`}
        />
      </Field>
    </div>
  );
}

/** Creates an endpoint and shows its signing secret once, with a link to the endpoint's page. */
export function WebhookCreateForm({ action }: { action: FormAction }) {
  const t = useTranslations("admin.webhooks");
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = useActionError()(state, useFieldLabels());
  const form = useRef<HTMLFormElement>(null);
  const created = state.status === "ok" && state.data ? { id: state.data.id, secret: String(state.data.secret ?? "") } : null;
  useEffect(() => {
    // Created: empty the fields (they were kept as defaults while typing), so a second click makes no duplicate.
    if (state.status !== "ok" || !form.current) return;
    for (const input of form.current.querySelectorAll("input")) {
      input.defaultValue = "";
      input.value = "";
    }
  }, [state]);
  return (
    <div className="space-y-3">
      <form ref={form} action={formAction} className="space-y-3" data-testid="webhook-create-form">
        <NameAndUrl />
        <SubmitButton>{t("create")}</SubmitButton>
        <Errors errors={errors} />
      </form>
      {created && created.secret && <SecretPanel secret={created.secret} intro={t("secretCreated")} endpointHref={`/admin/settings/webhooks/${created.id}`} />}
    </div>
  );
}

/** Edits an endpoint's name and URL. */
export function WebhookEndpointForm({ action, endpointId, name, url }: { action: FormAction; endpointId: number; name: string; url: string }) {
  const t = useTranslations("admin.webhooks");
  return (
    <ActionForm action={action} submitLabel={t("save")} successMessage={t("saved")} fieldLabels={useFieldLabels()} testId="webhook-edit-form">
      <input type="hidden" name="endpointId" value={endpointId} />
      <NameAndUrl name={name} url={url} />
    </ActionForm>
  );
}

/** Replaces the signing secret (after a confirmation) and shows the new one once. */
export function WebhookRotateForm({ action, endpointId }: { action: FormAction; endpointId: number }) {
  const t = useTranslations("admin.webhooks");
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = useActionError()(state);
  const secret = state.status === "ok" ? state.data?.secret : undefined;
  return (
    <div className="space-y-2">
      <form
        action={formAction}
        className="space-y-2"
        data-testid="webhook-rotate-form"
        onSubmit={(event) => {
          if (!window.confirm(t("confirmRotate"))) event.preventDefault();
        }}
      >
        <input type="hidden" name="endpointId" value={endpointId} />
        <SubmitButton variant="secondary">{t("rotate")}</SubmitButton>
        <p className="text-xs text-slate-500">{t("rotateHint")}</p>
        <Errors errors={errors} />
      </form>
      {secret && <SecretPanel secret={String(secret)} intro={t("secretRotated")} />}
    </div>
  );
}
