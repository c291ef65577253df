import {
  OCI_FUNCTION_ALIASES,
  OCI_FUNCTIONS,
  OCI_MAX_PARAMETER_LENGTH,
  OCI_PARAMS,
  type OciCharset,
  type OciField,
  type OciFunctionName,
} from "@/lib/punchout/oci/fields";

/** HOOK_URL split for the transfer form: `action` = `base`, each `query` pair = a hidden field (OCI §3). */
export interface OciHookUrl {
  href: string;
  /** Scheme, host, port and path; no query, no fragment. */
  base: string;
  /** The query parameters in their original order (e.g. `sap-client`, `sid`). */
  query: OciField[];
}

export type OciFunctionCall =
  | { name: "DETAIL"; productId: string }
  | { name: "VALIDATE"; productId: string; quantity: number }
  | { name: "SOURCING"; searchString: string; vendor: string | null }
  | { name: "BACKGROUND_SEARCH"; searchString: string }
  | { name: "DETAILADD"; productId: string }
  | {
      name: "DOWNLOADJSON";
      pageSize: number;
      /** null = first page. */
      requestedPage: number | null;
      /** null = initial load; `LASTUPDATED` read as UTC. */
      lastUpdated: Date | null;
      transactionId: string | null;
    }
  | { name: "QUANTITYCHECK"; productId: string; quantity: number }
  | { name: "INITIALIZE"; authMethod: "GET" | "POST" }
  | { name: "RETRIEVEOCI"; sessionTransmissionId: string };

export interface OciEntry {
  /** null when the username parameter is missing or blank; the caller decides how to authenticate. */
  credentials: { username: string; password: string } | null;
  /** null only for functions that return nothing through the browser (DETAIL and back-end calls). */
  hookUrl: OciHookUrl | null;
  ociVersion: string | null;
  opiVersion: string | null;
  /** From `http_content_charset`; null when absent or not one we can render. */
  charset: OciCharset | null;
  requestedCharset: string | null;
  /** Form `target`: `returntarget`, else OCI 3.0 `~TARGET`, else `_top`. */
  returnTarget: string;
  okCode: string | null;
  caller: string | null;
  /** OCI 3.0 `~OkCode`/`~TARGET`/`~CALLER` sent beside HOOK_URL; they go back as hidden fields. */
  legacyReturnFields: OciField[];
  /** null = normal shopping session. */
  function: OciFunctionCall | null;
  /** Every parameter except the password, names as sent, in order (user mapping, logging). */
  params: OciField[];
}

export type OciEntryErrorCode =
  | "missing_hook_url"
  | "invalid_hook_url"
  | "unknown_function"
  | "missing_parameter"
  | "invalid_parameter"
  | "duplicate_parameter";

export interface OciEntryError {
  code: OciEntryErrorCode;
  message: string;
  field?: string;
}

export type OciEntryResult = { ok: true; entry: OciEntry } | { ok: false; error: OciEntryError };

/** Parameter names are catalog-specific in OCI; these three are configurable per connection. */
export interface OciParameterNames {
  username: string;
  password: string;
  hookUrl: string;
}

class EntryError extends Error {
  constructor(readonly error: OciEntryError) {
    super(error.message);
  }
}

function fail(code: OciEntryErrorCode, message: string, field?: string): never {
  throw new EntryError(field === undefined ? { code, message } : { code, message, field });
}

/** Upper-case, without `_`, `-`, spaces: the key under which FUNCTION spellings are compared. */
const functionKey = (value: string) => value.toUpperCase().replace(/[\s_-]/g, "");

const FUNCTIONS_BY_KEY = new Map<string, OciFunctionName>([
  ...OCI_FUNCTIONS.map((name) => [functionKey(name), name] as const),
  ...Object.entries(OCI_FUNCTION_ALIASES).map(([alias, name]) => [functionKey(alias), name] as const),
]);

/** Functions whose answer goes back through the browser to HOOK_URL (OCI §2.3). */
const NEEDS_HOOK_URL = new Set<OciFunctionName | null>([null, "VALIDATE", "SOURCING", "BACKGROUND_SEARCH", "DETAILADD"]);

const CHARSET_LABELS: Readonly<Record<string, OciCharset>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "iso-8859-1": "iso-8859-1",
  "iso8859-1": "iso-8859-1",
  "iso_8859-1": "iso-8859-1",
  latin1: "iso-8859-1",
  "latin-1": "iso-8859-1",
  // Browsers decode every Latin-1 label as windows-1252 anyway (WHATWG Encoding); we only emit the shared range.
  "windows-1252": "iso-8859-1",
  cp1252: "iso-8859-1",
};

const FRAME_TARGET = /^[\w.:-]{1,64}$/;
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const LAST_UPDATED = /^(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})(\d{2})$/;

/**
 * Parses an OCI call-up (GET query or POST form, OCI 4.0/5.0 §2.2–§2.4). Parameter names match
 * case-insensitively (`HOOK_URL`, `hook_url`); the same name sent twice with different values is refused.
 * FUNCTION values match case-insensitively and accept the alias spellings of PROTOCOLS.md §1.3.
 * Does not authenticate and does not check the HOOK_URL allowlist (see `isReturnUrlAllowed`).
 */
export function parseOciEntry(
  params: URLSearchParams | Record<string, string>,
  options: { parameterNames?: Partial<OciParameterNames> } = {},
): OciEntryResult {
  const names: OciParameterNames = {
    username: OCI_PARAMS.username,
    password: OCI_PARAMS.password,
    hookUrl: OCI_PARAMS.hookUrl,
    ...options.parameterNames,
  };
  const all: OciField[] = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  try {
    return { ok: true, entry: readEntry(all, names) };
  } catch (error) {
    if (error instanceof EntryError) return { ok: false, error: error.error };
    throw error;
  }
}

function readEntry(all: OciField[], names: OciParameterNames): OciEntry {
  const byName = new Map<string, string[]>();
  for (const [name, value] of all) {
    if (value.length > OCI_MAX_PARAMETER_LENGTH) fail("invalid_parameter", `${name} is too long`, name);
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }

  const get = (name: string): string | null => {
    const values = byName.get(name.toLowerCase());
    if (!values) return null;
    if (new Set(values).size > 1) fail("duplicate_parameter", `${name} was sent more than once`, name);
    return values[0] ?? null;
  };
  const getTrimmed = (name: string): string | null => get(name)?.trim() || null;
  const required = (name: string): string =>
    getTrimmed(name) ?? fail("missing_parameter", `${name} is required for this FUNCTION`, name);

  const fn = readFunction(getTrimmed(OCI_PARAMS.function), getTrimmed, required);
  const hookUrl = readHookUrl(getTrimmed(names.hookUrl), names.hookUrl);
  if (hookUrl === null && NEEDS_HOOK_URL.has(fn?.name ?? null)) {
    fail("missing_hook_url", `${names.hookUrl} is required`, names.hookUrl);
  }

  const returnTarget = getTrimmed(OCI_PARAMS.returnTarget) ?? getTrimmed(OCI_PARAMS.target) ?? "_top";
  if (!FRAME_TARGET.test(returnTarget)) fail("invalid_parameter", "not a frame name", OCI_PARAMS.returnTarget);

  const requestedCharset = getTrimmed(OCI_PARAMS.charset);
  const username = getTrimmed(names.username);
  const legacy = new Set([OCI_PARAMS.okCode, OCI_PARAMS.target, OCI_PARAMS.caller].map((n) => n.toLowerCase()));
  const password = names.password.toLowerCase();

  return {
    credentials: username === null ? null : { username, password: get(names.password) ?? "" },
    hookUrl,
    ociVersion: getTrimmed(OCI_PARAMS.ociVersion),
    opiVersion: getTrimmed(OCI_PARAMS.opiVersion),
    charset: requestedCharset === null ? null : (CHARSET_LABELS[requestedCharset.toLowerCase()] ?? null),
    requestedCharset,
    returnTarget,
    okCode: getTrimmed(OCI_PARAMS.okCode),
    caller: getTrimmed(OCI_PARAMS.caller),
    legacyReturnFields: all.filter(([name]) => legacy.has(name.toLowerCase())),
    function: fn,
    params: all.filter(([name]) => name.toLowerCase() !== password),
  };
}

function readHookUrl(raw: string | null, field: string): OciHookUrl | null {
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail("invalid_hook_url", "not an absolute URL", field);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail("invalid_hook_url", "not an http(s) URL", field);
  if (url.username !== "" || url.password !== "") fail("invalid_hook_url", "URL contains credentials", field);
  // OCI §2.2.2: the catalog must not assume anything about HOOK_URL, not even that it has a "?".
  return { href: url.href, base: `${url.origin}${url.pathname}`, query: [...url.searchParams] };
}

function readFunction(
  raw: string | null,
  get: (name: string) => string | null,
  required: (name: string) => string,
): OciFunctionCall | null {
  if (raw === null) return null;
  const name = FUNCTIONS_BY_KEY.get(functionKey(raw));
  if (name === undefined) fail("unknown_function", `unknown FUNCTION ${raw}`, OCI_PARAMS.function);

  const quantity = () => {
    const value = get(OCI_PARAMS.quantity);
    if (value === null) return 1;
    // SAP writes a decimal point; lenient parsers (meplato/sapoci) also take a comma.
    const number = DECIMAL.test(value) ? Number(value.replace(",", ".")) : NaN;
    if (!(number > 0)) fail("invalid_parameter", "QUANTITY must be a positive number", OCI_PARAMS.quantity);
    return number;
  };
  const positiveInt = (field: string) => {
    const value = get(field);
    if (value === null) return null;
    if (!/^\d{1,9}$/.test(value) || Number(value) < 1) fail("invalid_parameter", `${field} must be a positive integer`, field);
    return Number(value);
  };

  switch (name) {
    case "DETAIL":
    case "DETAILADD":
      return { name, productId: required(OCI_PARAMS.productId) };
    case "VALIDATE":
      return { name, productId: required(OCI_PARAMS.productId), quantity: quantity() };
    case "SOURCING":
      return { name, searchString: get(OCI_PARAMS.searchString) ?? "", vendor: get(OCI_PARAMS.vendor) };
    case "BACKGROUND_SEARCH":
      return { name, searchString: required(OCI_PARAMS.searchString) };
    case "DOWNLOADJSON":
      return {
        name,
        pageSize: positiveInt(OCI_PARAMS.pageSize) ?? 20,
        requestedPage: positiveInt(OCI_PARAMS.requestedPage),
        lastUpdated: readLastUpdated(get(OCI_PARAMS.lastUpdated)),
        transactionId: get(OCI_PARAMS.transactionId),
      };
    case "QUANTITYCHECK":
      // OCI 5.0 names it EXT_PRODUCT_ID; several buyer systems send PRODUCTID as for DETAIL/VALIDATE.
      return { name, productId: get(OCI_PARAMS.extProductId)?.trim() || required(OCI_PARAMS.productId), quantity: quantity() };
    case "INITIALIZE": {
      const method = (get(OCI_PARAMS.secureAuthMethod) ?? "POST").toUpperCase();
      if (method !== "GET" && method !== "POST") {
        fail("invalid_parameter", "SECURE_AUTH_METHOD must be GET or POST", OCI_PARAMS.secureAuthMethod);
      }
      return { name, authMethod: method };
    }
    case "RETRIEVEOCI":
      return { name, sessionTransmissionId: required(OCI_PARAMS.sessionTransmissionId) };
  }
}

/** OCI 5.0 §6.6.1: `LASTUPDATED` is `DDMMYYYYHHMMSS`, blank for the initial load. */
function readLastUpdated(value: string | null): Date | null {
  if (value === null) return null;
  const match = LAST_UPDATED.exec(value);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
    const date = new Date(`${iso}Z`);
    // The round trip rejects 31 February and 24:00 instead of rolling them over.
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso)) return date;
  }
  return fail("invalid_parameter", "LASTUPDATED must be DDMMYYYYHHMMSS", OCI_PARAMS.lastUpdated);
}

/**
 * First non-blank value among `names` (matched case-insensitively, tried in order), e.g. the
 * parameters a connection reads the user's e-mail address from.
 */
export function findOciParam(entry: Pick<OciEntry, "params">, names: readonly string[]): string | null {
  for (const wanted of names) {
    const key = wanted.toLowerCase();
    const value = entry.params.find(([name, v]) => name.toLowerCase() === key && v.trim() !== "")?.[1];
    if (value !== undefined) return value.trim();
  }
  return null;
}
