"use client";

import { startTransition, useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import type { HandoverItem } from "@/lib/admin/connection-handover";
import { ConnectionHandover } from "./connection-handover";
import { ConnectionSettingsEditor } from "./connection-settings-editor";
import { CopyButton } from "./copy-button";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A preset the "new connection" form offers; its settings are what the server puts under the typed JSON. */
export interface ConnectionPresetOption {
  id: string;
  label: string;
  settings?: Record<string, unknown>;
}

export interface ConnectionFormValues {
  id?: number;
  /** New connection: the customer chosen at first (coming from the customer's page). */
  companyId?: number;
  name: string;
  enabled: boolean;
  environment: "test" | "production";
  username: string;
  allowedReturnOrigins: string;
  cxmlFrom: string;
  cxmlSender: string;
  cxmlTo: string;
  settings: string;
}

const input = "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/**
 * Create or edit a punchout connection. On creation the generated password / shared secret is
 * shown once; afterwards only its hash exists.
 */
export function ConnectionForm({
  action,
  values,
  protocol,
  customers,
  presets,
}: {
  action: Action;
  values: ConnectionFormValues;
  protocol?: "oci" | "cxml";
  customers?: { id: number; name: string }[];
  presets?: { oci: ConnectionPresetOption[]; cxml: ConnectionPresetOption[] };
}) {
  const t = useTranslations("punchout.admin");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const [chosenProtocol, setProtocol] = useState<"oci" | "cxml">(protocol ?? "oci");
  const [chosenPresetId, setPresetId] = useState(presets?.[chosenProtocol][0]?.id ?? "");
  const chosenPreset = presets?.[chosenProtocol].find((p) => p.id === chosenPresetId);
  const creating = values.id === undefined;
  const error = state.status === "error" ? state : null;
  const errorText = error
    ? [t.has(`errors.${error.message}`) ? t(`errors.${error.message}`) : t("errors.generic"), typeof error.details?.detail === "string" ? error.details.detail : null, ...Object.entries(error.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.map((m) => (t.has(`errors.${m}`) ? t(`errors.${m}`) : m)).join(", ")}`)]
        .filter(Boolean)
        .join(" ")
    : null;
  const settingsRejected = error !== null && (error.details?.field === "settings" || error.fieldErrors?.settings !== undefined);
  if (creating && state.status === "ok" && state.data?.secret) {
    // The create action sends what the customer is given with the secret (JSON: action data are flat).
    const handover = typeof state.data.handover === "string" ? (JSON.parse(state.data.handover) as HandoverItem[]) : undefined;
    return <SecretNotice secret={String(state.data.secret)} href={`/admin/connections/${state.data.id}`} protocol={chosenProtocol} handover={handover} />;
  }
  return (
    <form
      action={formAction}
      // React resets a form after its action; submitting by hand keeps what the manager typed when there is an error.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      {values.id !== undefined && <input type="hidden" name="id" value={values.id} />}
      {creating && customers && presets && (
        <div className="grid gap-4 sm:grid-cols-3">
          <label className="block text-sm font-medium">
            {t("customer")}
            <select name="companyId" required aria-label={t("customer")} defaultValue={values.companyId} className={input}>
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("protocol")}
            <select
              name="protocol"
              aria-label={t("protocol")}
              value={chosenProtocol}
              onChange={(e) => {
                const next = e.target.value as "oci" | "cxml";
                setProtocol(next);
                // The preset list is the new protocol's: it starts at its first preset, as before.
                setPresetId(presets[next][0]?.id ?? "");
              }}
              className={input}
            >
              <option value="oci">OCI</option>
              <option value="cxml">cXML</option>
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("preset")}
            <select name="presetId" aria-label={t("preset")} value={chosenPresetId} onChange={(e) => setPresetId(e.target.value)} className={input}>
              {presets[chosenProtocol].map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm font-medium">
          {t("name")}
          <input name="name" required maxLength={100} defaultValue={values.name} className={input} />
        </label>
        <label className="block text-sm font-medium">
          {t("environment")}
          <select name="environment" aria-label={t("environment")} defaultValue={values.environment} className={input}>
            <option value="test">{t("test")}</option>
            <option value="production">{t("production")}</option>
          </select>
        </label>
        <label className="mt-6 flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={values.enabled} />
          {t("enabled")}
        </label>
      </div>
      {chosenProtocol === "oci" ? (
        <label className="block text-sm font-medium">
          {t("username")}
          <input name="username" required defaultValue={values.username} className={input} autoComplete="off" />
        </label>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <label className="block text-sm font-medium">
            {t("cxmlFrom")}
            <textarea name="cxmlFrom" rows={2} defaultValue={values.cxmlFrom} className={input} placeholder="NetworkID:AN01000000001" />
          </label>
          <label className="block text-sm font-medium">
            {t("cxmlSender")}
            <textarea name="cxmlSender" rows={2} defaultValue={values.cxmlSender} className={input} placeholder="NetworkID:AN01000000001" />
          </label>
          <label className="block text-sm font-medium">
            {t("cxmlTo")}
            <input name="cxmlTo" defaultValue={values.cxmlTo} className={input} placeholder="NetworkID:KOPPEL" />
          </label>
        </div>
      )}
      <label className="block text-sm font-medium">
        {t("origins")}
        <textarea name="allowedReturnOrigins" rows={3} defaultValue={values.allowedReturnOrigins} className={`${input} font-mono`} placeholder="https://srm.buyer.example" />
        <span className="text-xs font-normal text-slate-500">{t("originsHint")}</span>
      </label>
      {/* The JSON typed so far stays when the protocol or preset changes (the server merges it over the preset); the controls follow. */}
      <ConnectionSettingsEditor protocol={chosenProtocol} defaultText={values.settings} preset={chosenPreset?.settings} rejected={settingsRejected} />
      {errorText && (
        <p role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorText}
        </p>
      )}
      {!creating && state.status === "ok" && (
        <p className="text-sm text-emerald-700" data-testid="form-success">
          {t("saved")}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {creating ? t("create") : t("save")}
      </button>
    </form>
  );
}

/**
 * The generated password / SharedSecret, shown once, with a copy button; on creation also everything
 * else the customer is given (on the connection's page that list stands beside it).
 */
function SecretNotice({ secret, href, protocol, handover }: { secret: string; href?: string; protocol: "oci" | "cxml"; handover?: HandoverItem[] }) {
  const t = useTranslations("punchout.admin");
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="secret-notice">
      <p className="font-medium">{protocol === "oci" ? t("passwordOnce") : t("secretOnce")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="block min-w-0 flex-1 break-all rounded bg-white px-3 py-2 font-mono text-base" data-testid="secret-value">
          {secret}
        </code>
        <CopyButton value={secret} label={protocol === "oci" ? t("handover.labels.ociPassword") : t("handover.labels.cxmlSharedSecret")} />
      </div>
      {handover ? <ConnectionHandover protocol={protocol} items={handover} secret={secret} /> : <p>{t("handover.withTheRest")}</p>}
      {href && (
        <a href={href} className="text-brand-700 underline">
          {t("openConnection")}
        </a>
      )}
    </div>
  );
}

/** "Rotate password / secret": the new value is shown once, the old one stops working at once. */
export function RotateSecretForm({ id, protocol, action }: { id: number; protocol: "oci" | "cxml"; action: Action }) {
  const t = useTranslations("punchout.admin");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "ok" && state.data?.secret) return <SecretNotice secret={String(state.data.secret)} protocol={protocol} />;
  return (
    <form action={formAction} onSubmit={(e) => !window.confirm(t("rotateConfirm")) && e.preventDefault()}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">
        {protocol === "oci" ? t("rotatePassword") : t("rotateSecret")}
      </button>
    </form>
  );
}
