/**
 * The punchout mapping settings that get a control of their own in the connection console
 * (components/punchout/connection-settings-editor.tsx); everything else stays in the JSON.
 *
 * Pure: the zod schemas of lib/punchout/{oci,cxml}/connection-settings.ts are the only source.
 * Options, nullability and number bounds are read from the schema at each field's path, so a new
 * enum value shows up as a new option without touching this file (its label falls back to the raw
 * value until the messages name it; tests/unit/punchout/settings-fields.test.ts asks for one).
 *
 * The settings JSON is what the manager wrote, not the parsed settings: controls read it with the
 * schema's defaults filled in, and a change writes back only the key it is about. Keys nobody
 * touched are not added, and a value equal to the default stays when the manager set it.
 */
import { z } from "zod";
import { cxmlConnectionSettingsSchema } from "@/lib/punchout/cxml/connection-settings";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";

export type PunchoutProtocol = "oci" | "cxml";
/** A settings object as stored and typed: any JSON object, keys of the other protocol or unknown ones included. */
export type SettingsObject = Record<string, unknown>;

export const SETTINGS_SCHEMAS = {
  oci: ociConnectionSettingsSchema,
  cxml: cxmlConnectionSettingsSchema,
} as const satisfies Record<PunchoutProtocol, z.ZodObject>;

/** Headings the controls are grouped under, in this order. */
export const SETTING_GROUPS = ["users", "catalog", "transfer", "units"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** Frame names every browser knows; the schemas also accept a named frame, so these are suggestions only. */
export const FRAME_TARGET_SUGGESTIONS = ["_top", "_parent", "_self", "_blank"] as const;

interface FieldSpecBase {
  /** Names the control: data-testid `setting-<key>`, messages under punchout.admin.settingsEditor.fields. */
  key: string;
  /** Where the value lives in the settings JSON. */
  path: readonly [string, ...string[]];
  group: SettingGroup;
  /** Messages key when the same control means something else per protocol (defaults to `key`). */
  messageKey?: string;
  /** Shown only while another select of the same protocol has this value (OCI's e-mail parameter details). */
  shownWhen?: { key: string; equals: string };
}

type FieldSpec =
  | (FieldSpecBase & { kind: "select" | "checkbox" | "checkboxes" | "number" | "list" | "map" })
  | (FieldSpecBase & { kind: "text"; suggestions?: readonly string[] });

export type SettingField =
  | (FieldSpecBase & { messageKey: string; kind: "select"; options: readonly string[]; nullable: boolean })
  | (FieldSpecBase & { messageKey: string; kind: "checkbox" })
  /** A list of enum values, one checkbox per option. */
  | (FieldSpecBase & { messageKey: string; kind: "checkboxes"; options: readonly string[] })
  | (FieldSpecBase & { messageKey: string; kind: "number"; nullable: boolean; min?: number; max?: number })
  | (FieldSpecBase & { messageKey: string; kind: "text"; nullable: boolean; suggestions: readonly string[] })
  /** A list of free strings (names), edited as one comma-separated line. */
  | (FieldSpecBase & { messageKey: string; kind: "list" })
  /** A string → string map, edited as rows. */
  | (FieldSpecBase & { messageKey: string; kind: "map" });

export type SettingKind = SettingField["kind"];

/** What a control shows and hands back, per kind. `null` is "empty" (no limit, none, use the buyer's). */
export interface SettingValueByKind {
  select: string | null;
  checkbox: boolean;
  checkboxes: string[];
  number: number | null;
  text: string | null;
  list: string[];
  map: Record<string, string>;
}
export type SettingValue = SettingValueByKind[SettingKind];

const CXML_FIELD_SPECS: readonly FieldSpec[] = [
  { key: "userMapping", path: ["userMapping"], group: "users", kind: "select" },
  { key: "operationAllowed", path: ["operationAllowed"], group: "users", kind: "select" },
  { key: "transactions", path: ["transactions"], group: "users", kind: "checkboxes" },
  { key: "requiredExtrinsics", path: ["requiredExtrinsics"], group: "users", kind: "list" },
  { key: "assortment", path: ["assortment"], group: "catalog", kind: "select" },
  { key: "shopLanguage", path: ["shopLanguage"], group: "catalog", kind: "select" },
  { key: "poomEncoding", path: ["poomEncoding"], group: "transfer", kind: "select" },
  { key: "targetFrame", path: ["targetFrame"], group: "transfer", kind: "text", suggestions: FRAME_TARGET_SUGGESTIONS },
  { key: "shortNameMaxLength", path: ["shortNameMaxLength"], group: "transfer", kind: "number" },
  { key: "echoShipTo", path: ["echoShipTo"], group: "transfer", kind: "checkbox" },
  { key: "attachments", path: ["attachments"], group: "transfer", kind: "select", messageKey: "cxmlAttachments" },
  { key: "unitMap", path: ["unitMap"], group: "units", kind: "map" },
];

const OCI_FIELD_SPECS: readonly FieldSpec[] = [
  { key: "userMapping", path: ["userMapping", "mode"], group: "users", kind: "select" },
  {
    key: "userMappingParameters",
    path: ["userMapping", "parameters"],
    group: "users",
    kind: "list",
    shownWhen: { key: "userMapping", equals: "email-parameter" },
  },
  {
    key: "userMappingFallback",
    path: ["userMapping", "fallbackToTechnicalUser"],
    group: "users",
    kind: "checkbox",
    shownWhen: { key: "userMapping", equals: "email-parameter" },
  },
  { key: "assortment", path: ["assortment"], group: "catalog", kind: "select" },
  { key: "shopLanguage", path: ["shopLanguage"], group: "catalog", kind: "select" },
  { key: "backgroundSearchMaxResults", path: ["backgroundSearch", "maxResults"], group: "catalog", kind: "number" },
  { key: "returnTargetOverride", path: ["returnTargetOverride"], group: "transfer", kind: "text", suggestions: FRAME_TARGET_SUGGESTIONS },
  { key: "priceType", path: ["priceType"], group: "transfer", kind: "select" },
  { key: "priceBasis", path: ["priceBasis"], group: "transfer", kind: "select" },
  { key: "optionalFields", path: ["optionalFields"], group: "transfer", kind: "checkboxes" },
  { key: "buyerMaterialNumber", path: ["buyerMaterialNumber"], group: "transfer", kind: "checkbox" },
  { key: "attachment", path: ["attachment"], group: "transfer", kind: "select", messageKey: "ociAttachment" },
  { key: "vendorNumber", path: ["vendorNumber"], group: "transfer", kind: "text" },
  { key: "extSchemaType", path: ["extSchemaType"], group: "transfer", kind: "text" },
  { key: "defaultCharset", path: ["defaultCharset"], group: "transfer", kind: "select" },
  { key: "charsetOverride", path: ["charsetOverride"], group: "transfer", kind: "select" },
  { key: "manufacturerCodes", path: ["manufacturerCodes"], group: "transfer", kind: "map" },
  { key: "unitBase", path: ["units", "base"], group: "units", kind: "select" },
  // Keyed by the code after `units.base` (ISO or Rec 20), not by our stored unit as in cXML.
  { key: "unitMap", path: ["units", "map"], group: "units", kind: "map", messageKey: "ociUnitMap" },
];

// ---------------------------------------------------------------------------------------------
// Reading the schema

/** The schema under defaults, nullability and transforms (a transform's input is what is written). */
function innerSchema(schema: z.ZodType): { schema: z.ZodType; nullable: boolean } {
  let current = schema;
  let nullable = false;
  for (;;) {
    if (current instanceof z.ZodNullable) nullable = true;
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodNullable || current instanceof z.ZodOptional) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return { schema: current, nullable };
    }
  }
}

type ResolvedPath = { schema: z.ZodType; nullable: boolean; discriminatorOptions?: string[] };

/** Follows `path` through objects and discriminated unions (into the first variant that has the key). */
function resolvePath(root: z.ZodObject, path: readonly string[]): ResolvedPath | undefined {
  let resolved: ResolvedPath = { schema: root, nullable: false };
  for (const key of path) {
    const parent = innerSchema(resolved.schema).schema;
    if (parent instanceof z.ZodObject) {
      const child = (parent.shape as Record<string, z.ZodType>)[key];
      if (!child) return undefined;
      resolved = innerSchema(child);
    } else if (parent instanceof z.ZodDiscriminatedUnion) {
      const variants = parent.options as z.ZodObject[];
      if (parent._zod.def.discriminator === key) {
        const values = variants.flatMap((variant) => {
          const literal = innerSchema((variant.shape as Record<string, z.ZodType>)[key]!).schema;
          return literal instanceof z.ZodLiteral ? [...literal.values].map(String) : [];
        });
        resolved = { schema: z.enum(values as [string, ...string[]]), nullable: false, discriminatorOptions: values };
      } else {
        const variant = variants.find((v) => key in v.shape);
        if (!variant) return undefined;
        resolved = innerSchema((variant.shape as Record<string, z.ZodType>)[key]!);
      }
    } else {
      return undefined;
    }
  }
  return resolved;
}

/** The bound the schema really accepts (exclusive bounds of an integer become the next integer). */
function numberBound(schema: z.ZodNumber, bound: number | null, step: 1 | -1): number | undefined {
  if (bound === null || !Number.isFinite(bound) || Math.abs(bound) >= Number.MAX_SAFE_INTEGER) return undefined;
  if (schema.safeParse(bound).success) return bound;
  return schema.isInt ? bound + step : undefined;
}

/** Checks a spec against its schema and adds what the schema says (options, nullable, bounds). */
function describeField(protocol: PunchoutProtocol, spec: FieldSpec): SettingField {
  const resolved = resolvePath(SETTINGS_SCHEMAS[protocol], spec.path);
  const where = `${protocol} setting ${spec.path.join(".")}`;
  if (!resolved) throw new Error(`${where} is not in the schema`);
  const { schema, nullable } = resolved;
  const base = { ...spec, messageKey: spec.messageKey ?? spec.key };
  const mismatch = () => new Error(`${where} is not a ${spec.kind} in the schema`);
  switch (spec.kind) {
    case "select":
      if (!(schema instanceof z.ZodEnum)) throw mismatch();
      return { ...base, kind: "select", options: resolved.discriminatorOptions ?? schema.options.map(String), nullable };
    case "checkbox":
      if (!(schema instanceof z.ZodBoolean)) throw mismatch();
      return { ...base, kind: "checkbox" };
    case "checkboxes": {
      const element = schema instanceof z.ZodArray ? innerSchema(schema.element as z.ZodType).schema : undefined;
      if (!(element instanceof z.ZodEnum)) throw mismatch();
      return { ...base, kind: "checkboxes", options: element.options.map(String) };
    }
    case "number":
      if (!(schema instanceof z.ZodNumber)) throw mismatch();
      return { ...base, kind: "number", nullable, min: numberBound(schema, schema.minValue, 1), max: numberBound(schema, schema.maxValue, -1) };
    case "text":
      if (!(schema instanceof z.ZodString)) throw mismatch();
      return { ...base, kind: "text", nullable, suggestions: spec.suggestions ?? [] };
    case "list":
      if (!(schema instanceof z.ZodArray && innerSchema(schema.element as z.ZodType).schema instanceof z.ZodString)) throw mismatch();
      return { ...base, kind: "list" };
    case "map":
      if (!(schema instanceof z.ZodRecord && innerSchema(schema.valueType as z.ZodType).schema instanceof z.ZodString)) throw mismatch();
      return { ...base, kind: "map" };
  }
}

/** The controls per protocol, in display order (group by `group`, see SETTING_GROUPS). */
export const SETTINGS_FIELDS: Record<PunchoutProtocol, readonly SettingField[]> = {
  oci: OCI_FIELD_SPECS.map((spec) => describeField("oci", spec)),
  cxml: CXML_FIELD_SPECS.map((spec) => describeField("cxml", spec)),
};

// ---------------------------------------------------------------------------------------------
// The JSON text

export type ParsedSettingsText = { ok: true; settings: SettingsObject } | { ok: false; reason: "syntax" | "not_object"; message: string };

const isPlainObject = (value: unknown): value is SettingsObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads the JSON textarea as the server does (empty is `{}`; lib/admin/punchout-connections.ts). */
export function parseSettingsText(text: string): ParsedSettingsText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim() || "{}");
  } catch (error) {
    return { ok: false, reason: "syntax", message: error instanceof Error ? error.message : String(error) };
  }
  return isPlainObject(parsed) ? { ok: true, settings: parsed } : { ok: false, reason: "not_object", message: "" };
}

export function settingsText(settings: SettingsObject): string {
  return JSON.stringify(settings, null, 2);
}

/**
 * What a new connection will store: the preset's settings with the typed ones on top, key by key
 * (top-level keys only, as createConnection merges them).
 */
export function withPresetSettings(preset: SettingsObject, typed: SettingsObject): SettingsObject {
  return { ...preset, ...typed };
}

// ---------------------------------------------------------------------------------------------
// Reading and writing one field

function valueAt(settings: unknown, path: readonly string[]): unknown {
  let current = settings;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A JSON value as the control of `kind` can show it; what does not fit shows as empty. */
function asControlValue(field: SettingField, raw: unknown): SettingValue {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  switch (field.kind) {
    case "select":
    case "text":
      return typeof raw === "string" ? raw : null;
    case "checkbox":
      return raw === true;
    case "checkboxes":
    case "list":
      return strings(raw);
    case "number":
      return typeof raw === "number" ? raw : null;
    case "map":
      return isPlainObject(raw) ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])) : {};
  }
}

/** The schema's default at the field's path (with the siblings written so far, for union variants). */
function defaultValue(protocol: PunchoutProtocol, field: SettingField, settings: SettingsObject): SettingValue {
  const [top, ...rest] = field.path;
  const schema = (SETTINGS_SCHEMAS[protocol].shape as Record<string, z.ZodType>)[top]!;
  for (const input of [settings[top], undefined]) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) continue;
    const value = valueAt(parsed.data, rest);
    if (value !== undefined) return asControlValue(field, value);
  }
  return asControlValue(field, undefined);
}

export interface SettingReading<V extends SettingValue = SettingValue> {
  value: V;
  /** The JSON has the key (the manager or the preset set it); otherwise `value` is the schema's default. */
  explicit: boolean;
}

/**
 * The field's current value in `settings` (the JSON as written, preset merged in for a new
 * connection): what the JSON says when it has the key, else the schema's default.
 */
export function readSetting<F extends SettingField>(protocol: PunchoutProtocol, field: F, settings: SettingsObject): SettingReading<SettingValueByKind[F["kind"]]> {
  const raw = valueAt(settings, field.path);
  const reading = raw === undefined ? { value: defaultValue(protocol, field, settings), explicit: false } : { value: asControlValue(field, raw), explicit: true };
  return reading as SettingReading<SettingValueByKind[F["kind"]]>;
}

/**
 * `settings` with the field set to `value`; `undefined` removes the key (an emptied field that has
 * no "empty" value, so the default applies again). Everything else is kept as it was, unknown keys
 * and key order included. A nested field whose parent the JSON does not have yet starts from the
 * preset's parent, because the preset is merged per top-level key and would otherwise be lost.
 */
export function writeSetting(settings: SettingsObject, field: SettingField, value: SettingValue | undefined, preset: SettingsObject = {}): SettingsObject {
  return writeAt(settings, field.path, value, preset);
}

function writeAt(settings: SettingsObject, path: readonly string[], value: unknown, preset: SettingsObject): SettingsObject {
  const [key, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    if (value !== undefined) return { ...settings, [key]: value };
    const { [key]: _removed, ...kept } = settings;
    return kept;
  }
  const presetParent = isPlainObject(preset[key]) ? preset[key] : {};
  const parent = isPlainObject(settings[key]) ? settings[key] : key in settings ? {} : presetParent;
  return { ...settings, [key]: writeAt(parent, rest, value, presetParent) };
}

/** Whether the control is shown for these settings (see `shownWhen`). */
export function isSettingShown(protocol: PunchoutProtocol, field: SettingField, settings: SettingsObject): boolean {
  if (!field.shownWhen) return true;
  const { key, equals } = field.shownWhen;
  const controlling = SETTINGS_FIELDS[protocol].find((f) => f.key === key);
  return controlling !== undefined && readSetting(protocol, controlling, settings).value === equals;
}

// ---------------------------------------------------------------------------------------------
// What a control hands back

/** A number input's text: empty is `null` where the setting has an empty value, else "use the default" (undefined). */
export function numberFromInput(field: Extract<SettingField, { kind: "number" }>, text: string): number | null | undefined {
  if (text.trim() === "") return field.nullable ? null : undefined;
  return Number(text);
}

/** A text input's text as written (the schema trims); empty as for numbers. */
export function textFromInput(field: Extract<SettingField, { kind: "text" }>, text: string): string | null | undefined {
  if (text === "") return field.nullable ? null : undefined;
  return text;
}

/** A select's value: the empty option is `null` (only nullable selects have one). */
export function selectFromInput(text: string): string | null {
  return text === "" ? null : text;
}

/** Ticking one option of a `checkboxes` field; the options' order, values the schema does not know are kept at the end. */
export function toggleOption(field: Extract<SettingField, { kind: "checkboxes" }>, selected: readonly string[], option: string, on: boolean): string[] {
  const next = new Set(selected);
  if (on) next.add(option);
  else next.delete(option);
  return [...field.options.filter((o) => next.has(o)), ...selected.filter((v) => !field.options.includes(v) && next.has(v))];
}

export function listToText(list: readonly string[]): string {
  return list.join(", ");
}

/** Names separated by commas or new lines; blanks dropped. */
export function listFromText(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

export interface MapRow {
  from: string;
  to: string;
}

export function mapToRows(map: Record<string, string>): MapRow[] {
  return Object.entries(map).map(([from, to]) => ({ from, to }));
}

/**
 * Rows back to the map: trimmed, blank rows dropped, a later row wins over an earlier one with the
 * same key (see duplicateKeys). Half-filled rows are kept so the server says what is missing.
 */
export function rowsToMap(rows: readonly MapRow[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const from = row.from.trim();
    const to = row.to.trim();
    if (from === "" && to === "") continue;
    map[from] = to;
  }
  return map;
}

/** Keys that more than one row uses (only the last of them is saved). */
export function duplicateKeys(rows: readonly MapRow[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows) {
    const from = row.from.trim();
    if (from === "") continue;
    if (seen.has(from)) duplicates.add(from);
    seen.add(from);
  }
  return duplicates;
}

/** Same control value (maps and lists compared by content, map order ignored). */
export function sameSettingValue(a: SettingValue | undefined, b: SettingValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// Validation, as the server will do it on save

export interface SettingsIssues {
  /** Messages per field key. */
  byField: Record<string, string[]>;
  /** Issues of settings without a control ("classification.domain: …"). */
  other: string[];
}

const startsWith = (path: readonly PropertyKey[], prefix: readonly PropertyKey[]) => prefix.every((key, i) => path[i] === key);

/**
 * The schema's complaints about `settings`, attached to the control they are about: the field
 * whose path is the longest prefix of the issue's path, else the first field under it (an invalid
 * `userMapping` object belongs to its mode select).
 */
export function settingsIssues(protocol: PunchoutProtocol, settings: SettingsObject): SettingsIssues {
  const result = SETTINGS_SCHEMAS[protocol].safeParse(settings);
  const issues: SettingsIssues = { byField: {}, other: [] };
  if (result.success) return issues;
  const fields = SETTINGS_FIELDS[protocol];
  for (const issue of result.error.issues) {
    const owner =
      fields.filter((f) => startsWith(issue.path, f.path)).sort((a, b) => b.path.length - a.path.length)[0] ??
      fields.find((f) => issue.path.length > 0 && startsWith(f.path, issue.path));
    if (owner) (issues.byField[owner.key] ??= []).push(issue.message);
    else issues.other.push(`${issue.path.map(String).join(".")}: ${issue.message}`);
  }
  return issues;
}
