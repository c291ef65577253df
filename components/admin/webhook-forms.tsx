"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, Field, SubmitButton, useActionError, type FormAction } from "./action-form";
import { inputClass } from "./styles";

/**
 * Forms of the webhook settings (admins only). The signing secret comes back once, in the action
 * state of the form that made it (create, rotate), and is shown only there: never in a URL. A pull
 * endpoint has neither URL nor secret: the supplier's system fetches its events with an API key.
 */

const NAME_MAX = 100;
const URL_MAX = 500;

/** How an endpoint gets its events; fixed when it is made (lib/admin/webhooks). */
type Delivery = "push" | "pull";

/**
 * React resets a form after its action (react#30580): making what the user typed the default keeps
 * it on screen when the action answers with field errors.
 */
const keepTyped = (event: React.ChangeEvent<HTMLInputElement>) => {
  event.target.defaultValue = event.target.value;
};

function useFieldLabels() {
  const t = useTranslations("admin.webhooks");
  return { name: t("name"), url: t("url"), delivery: t("delivery") };
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

/** The name, and for push endpoints the URL (a pull endpoint has none: not rendered, so not submitted). */
function NameAndUrl({ name = "", url = "", withUrl = true }: { name?: string; url?: string; withUrl?: boolean }) {
  const t = useTranslations("admin.webhooks");
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
      <Field label={t("name")}>
        <input name="name" required maxLength={NAME_MAX} defaultValue={name} onChange={keepTyped} placeholder={t("namePlaceholder")} className={inputClass} />
      </Field>
      {withUrl && (
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
      )}
    </div>
  );
}

/**
 * Push or pull. The radios are uncontrolled with the chosen mode as their default: React resets the
 * form after its action (react#30580), and the reset then keeps the choice the URL field follows.
 */
function DeliveryChoice({ value, onChange }: { value: Delivery; onChange: (delivery: Delivery) => void }) {
  const t = useTranslations("admin.webhooks");
  const modes = [
    { mode: "push", label: t("deliveryPush"), hint: t("deliveryPushHint") },
    { mode: "pull", label: t("deliveryPull"), hint: t("deliveryPullHint") },
  ] as const;
  return (
    <fieldset className="text-sm">
      <legend className="font-medium text-slate-700">{t("delivery")}</legend>
      {modes.map(({ mode, label, hint }) => (
        <label key={mode} className="mt-1 flex items-start gap-2">
          <input
            type="radio"
            name="delivery"
            value={mode}
            defaultChecked={value === mode}
            onChange={() => onChange(mode)}
            className="mt-1"
            data-testid={`webhook-delivery-${mode}`}
          />
          <span>
            <span className="font-medium">{label}</span>
            <span className="block text-xs text-slate-500">{hint}</span>
          </span>
        </label>
      ))}
      <p className="mt-1 text-xs text-slate-500">{t("deliveryFixed")}</p>
    </fieldset>
  );
}

/** A pull endpoint was made: no secret to copy, the endpoint's page shows how to fetch its events. */
function PullCreatedPanel({ endpointHref }: { endpointHref: string }) {
  const t = useTranslations("admin.webhooks");
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="webhook-pull-created">
      <p className="font-medium">{t("pullCreated")}</p>
      <p>
        <Link href={endpointHref} className="text-brand-700 underline">
          {t("openEndpointPull")}
        </Link>
      </p>
    </div>
  );
}

/**
 * Creates an endpoint. Push: shows its signing secret once, with a link to the endpoint's page.
 * Pull: there is no secret (the action returns only the id), so it links to the page with the API calls.
 */
export function WebhookCreateForm({ action }: { action: FormAction }) {
  const t = useTranslations("admin.webhooks");
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = useActionError()(state, useFieldLabels());
  const form = useRef<HTMLFormElement>(null);
  const [delivery, setDelivery] = useState<Delivery>("push");
  const created = state.status === "ok" && state.data ? { id: state.data.id, secret: typeof state.data.secret === "string" ? state.data.secret : null } : null;
  useEffect(() => {
    // Created: empty the fields (they were kept as defaults while typing), so a second click makes no duplicate.
    // The mode radios keep their value and choice.
    if (state.status !== "ok" || !form.current) return;
    for (const input of form.current.querySelectorAll<HTMLInputElement>('input:not([type="radio"])')) {
      input.defaultValue = "";
      input.value = "";
    }
  }, [state]);
  return (
    <div className="space-y-3">
      <form ref={form} action={formAction} className="space-y-3" data-testid="webhook-create-form">
        <DeliveryChoice value={delivery} onChange={setDelivery} />
        <NameAndUrl withUrl={delivery === "push"} />
        <SubmitButton>{t("create")}</SubmitButton>
        <Errors errors={errors} />
      </form>
      {created &&
        (created.secret ? (
          <SecretPanel secret={created.secret} intro={t("secretCreated")} endpointHref={`/admin/settings/webhooks/${created.id}`} />
        ) : (
          <PullCreatedPanel endpointHref={`/admin/settings/webhooks/${created.id}`} />
        ))}
    </div>
  );
}

/** Edits an endpoint's name, and for push endpoints its URL (the mode itself is fixed). */
export function WebhookEndpointForm({
  action,
  endpointId,
  name,
  url,
  delivery,
}: {
  action: FormAction;
  endpointId: number;
  name: string;
  url: string | null;
  delivery: Delivery;
}) {
  const t = useTranslations("admin.webhooks");
  return (
    <ActionForm action={action} submitLabel={t("save")} successMessage={t("saved")} fieldLabels={useFieldLabels()} testId="webhook-edit-form">
      <input type="hidden" name="endpointId" value={endpointId} />
      <NameAndUrl name={name} url={url ?? ""} withUrl={delivery === "push"} />
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
