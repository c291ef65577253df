"use client";

import { useId, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/admin/styles";
import {
  SETTING_GROUPS,
  SETTINGS_FIELDS,
  duplicateKeys,
  isSettingShown,
  listFromText,
  listToText,
  mapToRows,
  numberFromInput,
  parseSettingsText,
  readSetting,
  rowsToMap,
  sameSettingValue,
  selectFromInput,
  settingsIssues,
  settingsText,
  textFromInput,
  toggleOption,
  withPresetSettings,
  writeSetting,
  type MapRow,
  type PunchoutProtocol,
  type SettingField,
  type SettingValue,
  type SettingValueByKind,
  type SettingsObject,
} from "@/lib/punchout/settings-fields";

type FieldOf<K extends SettingField["kind"]> = Extract<SettingField, { kind: K }>;
type Translator = ReturnType<typeof useTranslations>;

const NO_PRESET: SettingsObject = {};

/**
 * A connection's mapping settings: a control for each everyday choice (lib/punchout/settings-fields.ts)
 * on top, the whole JSON under "Advanced". Both show one value, the JSON text, which is what the form
 * submits as `settings`; the server parses and validates it as before. While the JSON does not
 * parse, the controls are off and the text is still sent, so the server's message appears.
 */
export function ConnectionSettingsEditor({
  protocol,
  defaultText,
  preset = NO_PRESET,
  rejected = false,
}: {
  protocol: PunchoutProtocol;
  /** The settings JSON the form starts with. */
  defaultText: string;
  /** A new connection's preset: the server merges the JSON over it, so the controls show it, but it is not written into the JSON. */
  preset?: SettingsObject;
  /** The server refused the settings on the last save: the JSON opens. */
  rejected?: boolean;
}) {
  const t = useTranslations("punchout.admin.settingsEditor");
  const tForm = useTranslations("punchout.admin");
  const [text, setText] = useState(defaultText);
  const parsed = useMemo(() => parseSettingsText(text), [text]);
  // What the controls show while the JSON does not parse: the last settings that did.
  const [lastReadable, setLastReadable] = useState<SettingsObject>(() => (parsed.ok ? parsed.settings : {}));
  const [jsonOpen, setJsonOpen] = useState(false);
  const [seenRejected, setSeenRejected] = useState(rejected);
  if (rejected !== seenRejected) {
    setSeenRejected(rejected);
    if (rejected) setJsonOpen(true);
  }
  const jsonId = useId();

  const written = parsed.ok ? parsed.settings : lastReadable;
  const effective = useMemo(() => withPresetSettings(preset, written), [preset, written]);
  const issues = useMemo(() => (parsed.ok ? settingsIssues(protocol, effective) : null), [parsed.ok, protocol, effective]);

  function editJson(next: string) {
    setText(next);
    const result = parseSettingsText(next);
    if (result.ok) setLastReadable(result.settings);
  }

  function change(field: SettingField, value: SettingValue | undefined) {
    if (!parsed.ok) return;
    const next = writeSetting(parsed.settings, field, value, preset);
    setText(settingsText(next));
    setLastReadable(next);
  }

  const fields = SETTINGS_FIELDS[protocol].filter((field) => isSettingShown(protocol, field, effective));
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3" data-testid="connection-settings-editor">
      <legend className="px-1 text-sm font-medium">{t("title")}</legend>
      <p className="text-xs text-slate-500">{t("intro")}</p>
      {!parsed.ok && (
        <p role="status" data-testid="settings-json-error" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {parsed.reason === "syntax" ? t("jsonSyntax", { message: parsed.message }) : t("jsonNotObject")}
        </p>
      )}
      {/* A disabled fieldset disables every control in it; the controls have no name, so nothing of theirs is submitted. */}
      <fieldset disabled={!parsed.ok} className="space-y-4 disabled:opacity-60">
        {SETTING_GROUPS.map((group) => {
          const inGroup = fields.filter((field) => field.group === group);
          if (inGroup.length === 0) return null;
          return (
            <section key={group} className="space-y-2">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t(`groups.${group}`)}</h3>
              <div className="grid gap-4 sm:grid-cols-2">
                {inGroup.map((field) => (
                  <SettingControl
                    key={`${protocol}-${field.key}`}
                    protocol={protocol}
                    field={field}
                    settings={effective}
                    issues={issues?.byField[field.key] ?? []}
                    onChange={(value) => change(field, value)}
                    t={t}
                  />
                ))}
              </div>
            </section>
          );
        })}
      </fieldset>
      {issues && issues.other.length > 0 && (
        <div className="text-xs text-red-700" data-testid="settings-other-issues">
          <p>{t("otherIssues")}</p>
          <ul className="list-disc pl-5 font-mono">
            {issues.other.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      <details open={jsonOpen} onToggle={(event) => setJsonOpen(event.currentTarget.open)} className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">{t("advanced")}</summary>
        <div className="mt-2 space-y-1">
          <label htmlFor={jsonId} className="block text-sm font-medium">
            {tForm("settings")}
          </label>
          {/* Inside a closed <details> the textarea is still part of the form and submitted. */}
          <textarea
            id={jsonId}
            name="settings"
            rows={12}
            value={text}
            onChange={(event) => editJson(event.target.value)}
            className={`${inputClass} font-mono text-xs`}
            spellCheck={false}
            data-testid="settings-json"
          />
          <p className="text-xs text-slate-500">{t("jsonHint")}</p>
        </div>
      </details>
    </fieldset>
  );
}

interface ControlProps<F extends SettingField = SettingField> {
  protocol: PunchoutProtocol;
  field: F;
  settings: SettingsObject;
  issues: string[];
  onChange: (value: SettingValueByKind[F["kind"]] | undefined) => void;
  t: Translator;
}

function SettingControl(props: ControlProps) {
  const { field } = props;
  switch (field.kind) {
    case "select":
      return <SelectControl {...(props as ControlProps<FieldOf<"select">>)} />;
    case "checkbox":
      return <CheckboxControl {...(props as ControlProps<FieldOf<"checkbox">>)} />;
    case "checkboxes":
      return <CheckboxesControl {...(props as ControlProps<FieldOf<"checkboxes">>)} />;
    case "number":
      return <NumberControl {...(props as ControlProps<FieldOf<"number">>)} />;
    case "text":
      return <TextControl {...(props as ControlProps<FieldOf<"text">>)} />;
    case "list":
      return <ListControl {...(props as ControlProps<FieldOf<"list">>)} />;
    case "map":
      return <MapControl {...(props as ControlProps<FieldOf<"map">>)} />;
  }
}

const message = (field: SettingField, part: string) => `fields.${field.messageKey}.${part}`;

function optionLabel(t: Translator, field: SettingField, option: string): string {
  const key = message(field, `options.${option}`);
  // A value the schema gained after the messages were written still shows, by its name.
  return t.has(key) ? t(key) : option;
}

/** Label above, help and the schema's complaints below, tied to the control for screen readers. */
function Labelled({ field, controlId, issues, t, children }: { field: SettingField; controlId: string; issues: string[]; t: Translator; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={controlId} className="block text-sm font-medium">
        {t(message(field, "label"))}
      </label>
      {children}
      <Help field={field} controlId={controlId} issues={issues} t={t} />
    </div>
  );
}

function Help({ field, controlId, issues, t }: { field: SettingField; controlId: string; issues: string[]; t: Translator }) {
  return (
    <>
      <p id={`${controlId}-help`} className="text-xs text-slate-500">
        {t(message(field, "help"))}
      </p>
      {issues.map((issue) => (
        <p key={issue} className="text-xs text-red-700" data-testid={`setting-${field.key}-issue`}>
          {t("notAccepted", { message: issue })}
        </p>
      ))}
    </>
  );
}

function SelectControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"select">>) {
  const id = useId();
  const { value } = readSetting(protocol, field, settings);
  const known = value === null || field.options.includes(value);
  return (
    <Labelled field={field} controlId={id} issues={issues} t={t}>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => onChange(selectFromInput(event.target.value))}
        className={inputClass}
        aria-describedby={`${id}-help`}
        data-testid={`setting-${field.key}`}
      >
        {field.nullable ? <option value="">{t(message(field, "none"))}</option> : value === null && <option value="" disabled />}
        {field.options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(t, field, option)}
          </option>
        ))}
        {!known && <option value={value}>{t("unknownValue", { value })}</option>}
      </select>
    </Labelled>
  );
}

function CheckboxControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"checkbox">>) {
  const id = useId();
  const { value } = readSetting(protocol, field, settings);
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          id={id}
          type="checkbox"
          checked={value}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={`${id}-help`}
          data-testid={`setting-${field.key}`}
        />
        {t(message(field, "label"))}
      </label>
      <Help field={field} controlId={id} issues={issues} t={t} />
    </div>
  );
}

function CheckboxesControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"checkboxes">>) {
  const id = useId();
  const { value } = readSetting(protocol, field, settings);
  return (
    <fieldset className="space-y-1" aria-describedby={`${id}-help`} data-testid={`setting-${field.key}`}>
      <legend className="text-sm font-medium">{t(message(field, "label"))}</legend>
      {field.options.map((option) => (
        <label key={option} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={value.includes(option)}
            onChange={(event) => onChange(toggleOption(field, value, option, event.target.checked))}
            data-testid={`setting-${field.key}-${option}`}
          />
          {optionLabel(t, field, option)}
        </label>
      ))}
      <Help field={field} controlId={id} issues={issues} t={t} />
    </fieldset>
  );
}

/**
 * An untouched field shows the default as its placeholder (it stays out of the JSON); emptying a
 * field gives the default back. Nullable fields have no default but "empty", which their placeholder names.
 */
function placeholderOf(t: Translator, field: FieldOf<"number" | "text">, reading: { value: number | string | null; explicit: boolean }): string {
  if (field.nullable) return t.has(message(field, "placeholder")) ? t(message(field, "placeholder")) : "";
  return reading.explicit || reading.value === null ? "" : String(reading.value);
}

function NumberControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"number">>) {
  const id = useId();
  const reading = readSetting(protocol, field, settings);
  return (
    <Labelled field={field} controlId={id} issues={issues} t={t}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={field.min}
        max={field.max}
        value={reading.explicit && reading.value !== null ? String(reading.value) : ""}
        placeholder={placeholderOf(t, field, reading)}
        onChange={(event) => onChange(numberFromInput(field, event.target.value))}
        className={inputClass}
        aria-describedby={`${id}-help`}
        data-testid={`setting-${field.key}`}
      />
    </Labelled>
  );
}

function TextControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"text">>) {
  const id = useId();
  const reading = readSetting(protocol, field, settings);
  return (
    <Labelled field={field} controlId={id} issues={issues} t={t}>
      <input
        id={id}
        value={reading.explicit ? (reading.value ?? "") : ""}
        placeholder={placeholderOf(t, field, reading)}
        onChange={(event) => onChange(textFromInput(field, event.target.value))}
        list={field.suggestions.length > 0 ? `${id}-suggestions` : undefined}
        className={`${inputClass} font-mono`}
        autoComplete="off"
        aria-describedby={`${id}-help`}
        data-testid={`setting-${field.key}`}
      />
      {field.suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {field.suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </Labelled>
  );
}

/**
 * Names separated by commas. The text typed is kept while it means the same list as the JSON
 * (a trailing comma or space would otherwise vanish under the cursor); an edit of the JSON replaces it.
 */
function ListControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"list">>) {
  const id = useId();
  const { value } = readSetting(protocol, field, settings);
  const [draft, setDraft] = useState(() => listToText(value));
  const shown = sameSettingValue(listFromText(draft), value) ? draft : listToText(value);
  return (
    <Labelled field={field} controlId={id} issues={issues} t={t}>
      <input
        id={id}
        value={shown}
        placeholder={t.has(message(field, "placeholder")) ? t(message(field, "placeholder")) : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          const list = listFromText(event.target.value);
          if (!sameSettingValue(list, value)) onChange(list);
        }}
        className={`${inputClass} font-mono`}
        autoComplete="off"
        aria-describedby={`${id}-help`}
        data-testid={`setting-${field.key}`}
      />
    </Labelled>
  );
}

/** Rows "ours → theirs". Like the list, the rows typed (blank or half-filled ones too) stay while they mean the JSON's map. */
function MapControl({ protocol, field, settings, issues, onChange, t }: ControlProps<FieldOf<"map">>) {
  const id = useId();
  const { value } = readSetting(protocol, field, settings);
  const [draft, setDraft] = useState<MapRow[]>(() => mapToRows(value));
  const rows = sameSettingValue(rowsToMap(draft), value) ? draft : mapToRows(value);
  const duplicates = duplicateKeys(rows);
  const fromLabel = t(message(field, "from"));
  const toLabel = t(message(field, "to"));

  function update(next: MapRow[]) {
    setDraft(next);
    const map = rowsToMap(next);
    if (!sameSettingValue(map, value)) onChange(map);
  }
  const edit = (index: number, part: keyof MapRow, text: string) => update(rows.map((row, i) => (i === index ? { ...row, [part]: text } : row)));

  return (
    <fieldset className="space-y-1 sm:col-span-2" aria-describedby={`${id}-help`} data-testid={`setting-${field.key}`}>
      <legend className="text-sm font-medium">{t(message(field, "label"))}</legend>
      {rows.length > 0 && (
        <table className="text-sm">
          <thead>
            <tr>
              <th className="pr-2 text-left text-xs font-medium text-slate-500">{fromLabel}</th>
              <th />
              <th className="pr-2 text-left text-xs font-medium text-slate-500">{toLabel}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td className="py-0.5 pr-2">
                  <input
                    value={row.from}
                    onChange={(event) => edit(index, "from", event.target.value)}
                    aria-label={`${fromLabel} ${index + 1}`}
                    aria-invalid={duplicates.has(row.from.trim()) || undefined}
                    className={`${inputClass} font-mono`}
                    autoComplete="off"
                    data-testid={`setting-${field.key}-from-${index}`}
                  />
                </td>
                <td aria-hidden className="px-1 text-slate-400">
                  →
                </td>
                <td className="py-0.5 pr-2">
                  <input
                    value={row.to}
                    onChange={(event) => edit(index, "to", event.target.value)}
                    aria-label={`${toLabel} ${index + 1}`}
                    className={`${inputClass} font-mono`}
                    autoComplete="off"
                    data-testid={`setting-${field.key}-to-${index}`}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => update(rows.filter((_, i) => i !== index))}
                    className="rounded-md px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                    aria-label={`${t("removeRow")} ${index + 1}`}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {[...duplicates].map((key) => (
        <p key={key} className="text-xs text-amber-800">
          {t("duplicateKey", { key })}
        </p>
      ))}
      <button
        type="button"
        onClick={() => update([...rows, { from: "", to: "" }])}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs hover:bg-slate-50"
        data-testid={`setting-${field.key}-add`}
      >
        {t("addRow")}
      </button>
      <Help field={field} controlId={id} issues={issues} t={t} />
    </fieldset>
  );
}
