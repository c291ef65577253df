import { SHOP_LANGUAGES } from "@/lib/punchout/buyer-language";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CXML_TRANSACTIONS, POOM_ENCODINGS, USER_MAPPING_MODES, cxmlConnectionSettingsSchema } from "@/lib/punchout/cxml/connection-settings";
import { OCI_OPTIONAL_FIELDS, ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import { OCI_CHARSETS } from "@/lib/punchout/oci/fields";
import {
  SETTINGS_FIELDS,
  SETTINGS_SCHEMAS,
  duplicateKeys,
  isSettingShown,
  listFromText,
  listToText,
  mapToRows,
  numberFromInput,
  parseSettingsText,
  readSetting,
  rowsToMap,
  selectFromInput,
  settingsIssues,
  settingsText,
  textFromInput,
  toggleOption,
  writeSetting,
  type PunchoutProtocol,
  type SettingField,
  type SettingValue,
  type SettingsObject,
} from "@/lib/punchout/settings-fields";

function field<K extends SettingField["kind"]>(protocol: PunchoutProtocol, key: string, kind: K): Extract<SettingField, { kind: K }> {
  const found = SETTINGS_FIELDS[protocol].find((f) => f.key === key);
  if (!found || found.kind !== kind) throw new Error(`${protocol} ${key} is not a ${kind} field`);
  return found as Extract<SettingField, { kind: K }>;
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

const cxmlShape = cxmlConnectionSettingsSchema.shape;
const ociShape = ociConnectionSettingsSchema.shape;

describe("the described fields match their schemas", () => {
  // Options from the schemas' own constants: a field that retyped its list would drift from these.
  const expected: [PunchoutProtocol, string, string, SettingField["kind"], readonly string[] | null][] = [
    ["cxml", "userMapping", "userMapping", "select", USER_MAPPING_MODES],
    ["cxml", "operationAllowed", "operationAllowed", "select", cxmlShape.operationAllowed.unwrap().options],
    ["cxml", "assortment", "assortment", "select", cxmlShape.assortment.unwrap().options],
    ["cxml", "shopLanguage", "shopLanguage", "select", SHOP_LANGUAGES],
    ["oci", "shopLanguage", "shopLanguage", "select", SHOP_LANGUAGES],
    ["cxml", "poomEncoding", "poomEncoding", "select", POOM_ENCODINGS],
    ["cxml", "targetFrame", "targetFrame", "text", null],
    ["cxml", "transactions", "transactions", "checkboxes", CXML_TRANSACTIONS],
    ["cxml", "shortNameMaxLength", "shortNameMaxLength", "number", null],
    ["cxml", "echoShipTo", "echoShipTo", "checkbox", null],
    ["cxml", "attachments", "attachments", "select", cxmlShape.attachments.unwrap().options],
    ["cxml", "unitMap", "unitMap", "map", null],
    ["cxml", "requiredExtrinsics", "requiredExtrinsics", "list", null],
    ["oci", "userMapping", "userMapping.mode", "select", ociShape.userMapping.unwrap().options.map((variant) => variant.shape.mode.value)],
    ["oci", "userMappingParameters", "userMapping.parameters", "list", null],
    ["oci", "userMappingFallback", "userMapping.fallbackToTechnicalUser", "checkbox", null],
    ["oci", "assortment", "assortment", "select", ociShape.assortment.unwrap().options],
    ["oci", "backgroundSearchMaxResults", "backgroundSearch.maxResults", "number", null],
    ["oci", "returnTargetOverride", "returnTargetOverride", "text", null],
    ["oci", "priceType", "priceType", "select", ociShape.priceType.unwrap().options],
    ["oci", "priceBasis", "priceBasis", "select", ociShape.priceBasis.unwrap().options],
    ["oci", "optionalFields", "optionalFields", "checkboxes", OCI_OPTIONAL_FIELDS],
    ["oci", "buyerMaterialNumber", "buyerMaterialNumber", "checkbox", null],
    ["oci", "attachment", "attachment", "select", ociShape.attachment.unwrap().options],
    ["oci", "vendorNumber", "vendorNumber", "text", null],
    ["oci", "extSchemaType", "extSchemaType", "text", null],
    ["oci", "defaultCharset", "defaultCharset", "select", OCI_CHARSETS],
    ["oci", "charsetOverride", "charsetOverride", "select", OCI_CHARSETS],
    ["oci", "manufacturerCodes", "manufacturerCodes", "map", null],
    ["oci", "unitBase", "units.base", "select", ociShape.units.unwrap().shape.base.unwrap().options],
    ["oci", "unitMap", "units.map", "map", null],
  ];

  it.each(expected)("%s %s is a %s at %s", (protocol, key, where, kind, options) => {
    const described = SETTINGS_FIELDS[protocol].find((f) => f.key === key);
    expect(described, key).toBeDefined();
    expect(described!.path.join(".")).toBe(where);
    expect(described!.kind).toBe(kind);
    if (options) expect("options" in described! ? described.options : null).toEqual([...options]);
  });

  it("describes exactly these fields, each key once per protocol", () => {
    for (const protocol of ["oci", "cxml"] as const) {
      const keys = SETTINGS_FIELDS[protocol].map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort()).toEqual(expected.filter(([p]) => p === protocol).map(([, key]) => key).sort());
    }
  });

  it("reads nullability and number bounds from the schema", () => {
    expect(field("cxml", "shortNameMaxLength", "number")).toMatchObject({ nullable: true, min: 1, max: undefined });
    expect(field("oci", "backgroundSearchMaxResults", "number")).toMatchObject({ nullable: false, min: 1, max: 500 });
    expect(field("oci", "charsetOverride", "select").nullable).toBe(true);
    expect(field("oci", "defaultCharset", "select").nullable).toBe(false);
    expect(field("oci", "returnTargetOverride", "text").nullable).toBe(true);
    expect(field("cxml", "targetFrame", "text").nullable).toBe(false);
  });

  /** Values the control can produce, and one per field the schema must refuse. */
  function samples(f: SettingField): { accepted: SettingValue[]; refused: unknown } {
    switch (f.kind) {
      case "select":
        return { accepted: [...f.options, ...(f.nullable ? [null] : [])], refused: "no-such-option" };
      case "checkboxes":
        return { accepted: [[...f.options], [f.options[0]!]], refused: ["no-such-option"] };
      case "checkbox":
        return { accepted: [true, false], refused: "yes" };
      case "number":
        return { accepted: [f.min ?? 1, ...(f.max === undefined ? [] : [f.max]), ...(f.nullable ? [null] : [])], refused: (f.min ?? 1) - 1 };
      case "text":
        return { accepted: f.suggestions.length ? [...f.suggestions] : ["ABC"], refused: 42 };
      case "list":
        return { accepted: [["EMAIL", "UniqueName"]], refused: "EMAIL" };
      case "map":
        return { accepted: [{ PCE: "ST" }, {}], refused: { PCE: 3 } };
    }
  }

  const allFields = (["oci", "cxml"] as const).flatMap((protocol) => SETTINGS_FIELDS[protocol].map((f) => [protocol, f.key, f] as const));

  it.each(allFields)("%s %s: what the control writes passes the schema, a wrong value is refused on that field", (protocol, _key, f) => {
    // OCI's e-mail parameter details only exist in that mode, which needs a parameter (also when the mode is the one written).
    const base: SettingsObject = protocol === "oci" && f.path[0] === "userMapping" ? { userMapping: { mode: "email-parameter", parameters: ["EMAIL"] } } : {};
    const { accepted, refused } = samples(f);
    for (const value of accepted) {
      const settings = writeSetting(base, f, value);
      expect(SETTINGS_SCHEMAS[protocol].safeParse(settings).success, JSON.stringify(settings)).toBe(true);
    }
    const wrong = writeSetting(base, f, refused as SettingValue);
    expect(settingsIssues(protocol, wrong).byField[f.key], JSON.stringify(wrong)).toBeDefined();
  });

  it("lib/punchout/settings-fields.ts is pure: zod and the protocol schemas only", () => {
    const source = readFileSync(path.join(process.cwd(), "lib/punchout/settings-fields.ts"), "utf8");
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(imports.filter((i) => i !== "zod" && !/^@\/lib\/punchout\/(oci|cxml)\//.test(i!))).toEqual([]);
    expect(source).not.toMatch(/process\.env|Date\.now\(\)|new Date\(\)/);
  });
});

describe("readSetting", () => {
  it.each((["oci", "cxml"] as const).flatMap((protocol) => SETTINGS_FIELDS[protocol].map((f) => [protocol, f.key, f] as const)))(
    "%s %s: with nothing set, the schema's default",
    (protocol, _key, f) => {
      const defaults = SETTINGS_SCHEMAS[protocol].parse({});
      const reading = readSetting(protocol, f, {});
      expect(reading.explicit).toBe(false);
      const fromSchema = valueAt(defaults, f.path);
      // Fields of a union variant the default is not (OCI's e-mail parameters) read as empty.
      const empty = { select: null, checkbox: false, checkboxes: [], number: null, text: null, list: [], map: {} }[f.kind];
      expect(reading.value).toEqual(fromSchema === undefined ? empty : fromSchema);
    },
  );

  const cases: { label: string; protocol: PunchoutProtocol; key: string; settings: SettingsObject; value: unknown; explicit: boolean }[] = [
    { label: "cXML user mapping default", protocol: "cxml", key: "userMapping", settings: {}, value: "match-email", explicit: false },
    { label: "set, equal to the default", protocol: "cxml", key: "assortment", settings: { assortment: "customer" }, value: "customer", explicit: true },
    { label: "set", protocol: "cxml", key: "assortment", settings: { assortment: "contract" }, value: "contract", explicit: true },
    { label: "no ShortName limit", protocol: "cxml", key: "shortNameMaxLength", settings: { shortNameMaxLength: null }, value: null, explicit: true },
    { label: "a ShortName limit", protocol: "cxml", key: "shortNameMaxLength", settings: { shortNameMaxLength: 40 }, value: 40, explicit: true },
    { label: "text as written, untrimmed", protocol: "oci", key: "vendorNumber", settings: { vendorNumber: " 123 " }, value: " 123 ", explicit: true },
    { label: "nested, set", protocol: "oci", key: "unitBase", settings: { units: { base: "rec20" } }, value: "rec20", explicit: true },
    { label: "nested sibling unset: its default", protocol: "oci", key: "unitMap", settings: { units: { base: "rec20" } }, value: {}, explicit: false },
    { label: "nested default", protocol: "oci", key: "backgroundSearchMaxResults", settings: {}, value: 50, explicit: false },
    { label: "union variant's own default", protocol: "oci", key: "userMappingFallback", settings: { userMapping: { mode: "email-parameter", parameters: ["EMAIL"] } }, value: false, explicit: false },
    { label: "OCI user mapping mode", protocol: "oci", key: "userMapping", settings: { userMapping: { mode: "email-parameter", parameters: ["EMAIL"] } }, value: "email-parameter", explicit: true },
    { label: "unknown option shown as it is", protocol: "cxml", key: "userMapping", settings: { userMapping: "match-by-magic" }, value: "match-by-magic", explicit: true },
    { label: "wrong type (OCI's shape on cXML) shows empty", protocol: "cxml", key: "userMapping", settings: { userMapping: { mode: "technical-user" } }, value: null, explicit: true },
    { label: "map values that are not strings stay visible", protocol: "cxml", key: "unitMap", settings: { unitMap: { EA: 3 } }, value: { EA: "3" }, explicit: true },
  ];
  it.each(cases)("$label", ({ protocol, key, settings, value, explicit }) => {
    const f = SETTINGS_FIELDS[protocol].find((candidate) => candidate.key === key)!;
    expect(readSetting(protocol, f, settings)).toEqual({ value, explicit });
  });
});

describe("writeSetting", () => {
  const assortment = field("cxml", "assortment", "select");
  const userMapping = field("cxml", "userMapping", "select");
  const stored = Object.freeze({
    poomEncoding: "cxml-urlencoded",
    userMapping: "match-email",
    classification: Object.freeze({ domain: "ECLASS" }),
    someFutureKey: Object.freeze({ kept: true }),
  });

  it("changes the field's key only, in place; untouched and unknown keys stay as they were", () => {
    const next = writeSetting(stored, userMapping, "match-or-create-email");
    expect(next).toEqual({ ...stored, userMapping: "match-or-create-email" });
    expect(Object.keys(next)).toEqual(Object.keys(stored));
    expect(stored.userMapping).toBe("match-email");
  });

  it("adds the key a control set, and no other", () => {
    const next = writeSetting(stored, assortment, "contract");
    expect(Object.keys(next)).toEqual([...Object.keys(stored), "assortment"]);
    expect(next.assortment).toBe("contract");
  });

  it("keeps a value equal to the default: what the manager chose is written down", () => {
    expect(writeSetting({}, assortment, "customer")).toEqual({ assortment: "customer" });
  });

  it("removes the key for undefined (a field emptied back to its default)", () => {
    const f = field("oci", "backgroundSearchMaxResults", "number");
    expect(writeSetting({ backgroundSearch: { maxResults: 100 }, priceType: "net" }, f, undefined)).toEqual({ backgroundSearch: {}, priceType: "net" });
    expect(writeSetting({ extSchemaType: "ECLASS", a: 1 }, field("oci", "extSchemaType", "text"), undefined)).toEqual({ a: 1 });
  });

  it("writes a nested field next to its siblings", () => {
    const f = field("oci", "unitBase", "select");
    expect(writeSetting({ units: { map: { PCE: "ST" } } }, f, "rec20")).toEqual({ units: { map: { PCE: "ST" }, base: "rec20" } });
  });

  it("starts a nested field's parent from the preset (merged per top-level key, the preset's siblings would be lost)", () => {
    const f = field("oci", "unitMap", "map");
    const preset = { units: { base: "rec20" }, priceBasis: "unit" };
    expect(writeSetting({}, f, { EA: "ST" }, preset)).toEqual({ units: { base: "rec20", map: { EA: "ST" } } });
    // The JSON's own parent wins over the preset's.
    expect(writeSetting({ units: { base: "iso" } }, f, { PCE: "ST" }, preset)).toEqual({ units: { base: "iso", map: { PCE: "ST" } } });
  });

  it("replaces a parent that is not an object (a cXML-style userMapping on an OCI connection)", () => {
    expect(writeSetting({ userMapping: "match-email" }, field("oci", "userMapping", "select"), "technical-user")).toEqual({ userMapping: { mode: "technical-user" } });
  });

  it("switching OCI's user mapping mode keeps the mode's other keys", () => {
    const f = field("oci", "userMapping", "select");
    const settings = { userMapping: { mode: "email-parameter", parameters: ["EMAIL"] } };
    expect(writeSetting(writeSetting(settings, f, "technical-user"), f, "email-parameter")).toEqual(settings);
  });
});

describe("control input", () => {
  it.each([
    ["cxml", "shortNameMaxLength", "", null],
    ["cxml", "shortNameMaxLength", "  ", null],
    ["cxml", "shortNameMaxLength", "40", 40],
    ["oci", "backgroundSearchMaxResults", "", undefined],
    ["oci", "backgroundSearchMaxResults", "120", 120],
  ] as const)("%s %s: number %j → %j", (protocol, key, text, value) => {
    expect(numberFromInput(field(protocol, key, "number"), text)).toBe(value);
  });

  it("an emptied number with no empty value gives the default back; one with an empty value writes null", () => {
    const results = field("oci", "backgroundSearchMaxResults", "number");
    const cleared = writeSetting({ backgroundSearch: { maxResults: 120 } }, results, numberFromInput(results, ""));
    expect(readSetting("oci", results, cleared)).toEqual({ value: 50, explicit: false });
    const shortName = field("cxml", "shortNameMaxLength", "number");
    const noLimit = writeSetting({ shortNameMaxLength: 40 }, shortName, numberFromInput(shortName, ""));
    expect(noLimit).toEqual({ shortNameMaxLength: null });
    expect(readSetting("cxml", shortName, noLimit)).toEqual({ value: null, explicit: true });
  });

  it.each([
    ["oci", "vendorNumber", "", null],
    ["oci", "vendorNumber", "DUNS 123", "DUNS 123"],
    ["cxml", "targetFrame", "", undefined],
    ["cxml", "targetFrame", "_parent", "_parent"],
  ] as const)("%s %s: text %j → %j", (protocol, key, text, value) => {
    expect(textFromInput(field(protocol, key, "text"), text)).toBe(value);
  });

  it("a select's empty option is null", () => {
    expect(selectFromInput("")).toBeNull();
    expect(selectFromInput("utf-8")).toBe("utf-8");
  });

  it("ticking checkboxes keeps the options' order and values the schema does not know", () => {
    const transactions = field("cxml", "transactions", "checkboxes");
    expect(toggleOption(transactions, ["OrderRequest"], "PunchOutSetupRequest", true)).toEqual(["PunchOutSetupRequest", "OrderRequest"]);
    expect(toggleOption(transactions, ["PunchOutSetupRequest", "OrderRequest"], "PunchOutSetupRequest", false)).toEqual(["OrderRequest"]);
    expect(toggleOption(transactions, ["Legacy", "OrderRequest"], "PunchOutSetupRequest", true)).toEqual(["PunchOutSetupRequest", "OrderRequest", "Legacy"]);
  });

  it.each([
    ["EMAIL, USER_EMAIL", ["EMAIL", "USER_EMAIL"]],
    ["EMAIL,\nUSER_EMAIL,", ["EMAIL", "USER_EMAIL"]],
    ["  ", []],
  ])("list %j → %j", (text, list) => {
    expect(listFromText(text)).toEqual(list);
    expect(listFromText(listToText(list))).toEqual(list);
  });
});

describe("unit map rows", () => {
  it.each([
    ["empty", {}],
    ["one", { EA: "ST" }],
    ["several, order kept", { PCE: "ST", KGM: "KG", MTR: "M" }],
  ])("%s: map → rows → map round-trips", (_label, map) => {
    expect(rowsToMap(mapToRows(map))).toEqual(map);
    expect(Object.keys(rowsToMap(mapToRows(map)))).toEqual(Object.keys(map));
  });

  it("round-trips through the control, the JSON text and back", () => {
    const f = field("cxml", "unitMap", "map");
    const rows = [
      { from: "EA", to: "ST" },
      { from: " KGM ", to: "KG " },
      { from: "", to: "" },
    ];
    const text = settingsText(writeSetting({ poomEncoding: "cxml-base64" }, f, rowsToMap(rows)));
    const parsed = parseSettingsText(text);
    expect(parsed.ok && readSetting("cxml", f, parsed.settings)).toEqual({ value: { EA: "ST", KGM: "KG" }, explicit: true });
    expect(parsed.ok && mapToRows(readSetting("cxml", f, parsed.settings).value)).toEqual([
      { from: "EA", to: "ST" },
      { from: "KGM", to: "KG" },
    ]);
  });

  it("keeps half-filled rows, so the server says what is missing", () => {
    expect(rowsToMap([{ from: "EA", to: "" }])).toEqual({ EA: "" });
    expect(settingsIssues("cxml", { unitMap: { EA: "" } }).byField.unitMap).toBeDefined();
  });

  it("a later row wins over an earlier one with the same unit, and the unit is reported", () => {
    const rows = [
      { from: "EA", to: "ST" },
      { from: "PCE", to: "ST" },
      { from: "EA ", to: "STK" },
    ];
    expect(rowsToMap(rows)).toEqual({ EA: "STK", PCE: "ST" });
    expect([...duplicateKeys(rows)]).toEqual(["EA"]);
    expect(duplicateKeys(rows.slice(0, 2)).size).toBe(0);
  });
});

describe("the JSON text", () => {
  it.each([
    ["", { ok: true, settings: {} }],
    ["  ", { ok: true, settings: {} }],
    ['{"assortment":"contract"}', { ok: true, settings: { assortment: "contract" } }],
    ["[1]", { ok: false, reason: "not_object" }],
    ["null", { ok: false, reason: "not_object" }],
    ['"text"', { ok: false, reason: "not_object" }],
    ['{"assortment": ', { ok: false, reason: "syntax" }],
  ])("%j", (text, expected) => {
    expect(parseSettingsText(text)).toMatchObject(expected);
  });

  it("is written back pretty-printed, every key kept", () => {
    const settings = { b: 1, a: { nested: [1, 2] } };
    expect(settingsText(settings)).toBe(JSON.stringify(settings, null, 2));
    expect(parseSettingsText(settingsText(settings))).toEqual({ ok: true, settings });
  });
});

describe("settingsIssues and visibility", () => {
  it("puts each complaint on its control, the rest apart", () => {
    const issues = settingsIssues("cxml", { userMapping: "nobody", unitMap: { "E A": "ST" }, classification: { domain: "" } });
    expect(Object.keys(issues.byField).sort()).toEqual(["unitMap", "userMapping"]);
    expect(issues.other).toEqual([expect.stringMatching(/^classification\.domain: /)]);
    expect(settingsIssues("cxml", {})).toEqual({ byField: {}, other: [] });
  });

  it("OCI: the e-mail mode without parameters is the parameters' problem; a wrong mode the mode's", () => {
    expect(Object.keys(settingsIssues("oci", { userMapping: { mode: "email-parameter" } }).byField)).toEqual(["userMappingParameters"]);
    expect(Object.keys(settingsIssues("oci", { userMapping: { mode: "sso" } }).byField)).toEqual(["userMapping"]);
    // Not an object at all (cXML's shape): the complaint is about userMapping as a whole, shown at its first control.
    expect(Object.keys(settingsIssues("oci", { userMapping: "match-email" }).byField)).toEqual(["userMapping"]);
  });

  it("shows OCI's e-mail parameter details only in that mode", () => {
    const parameters = field("oci", "userMappingParameters", "list");
    expect(isSettingShown("oci", parameters, {})).toBe(false);
    expect(isSettingShown("oci", parameters, { userMapping: { mode: "email-parameter" } })).toBe(true);
    expect(isSettingShown("oci", field("oci", "assortment", "select"), {})).toBe(true);
  });
});

describe("messages", () => {
  const catalogue = (locale: string) =>
    JSON.parse(readFileSync(path.join(process.cwd(), `lib/i18n/messages/punchout.${locale}.json`), "utf8")).punchout.admin.settingsEditor as Record<string, unknown>;

  it.each(["nl", "en"])("%s names every field, its help and every option (a new enum value needs a label)", (locale) => {
    const texts = catalogue(locale);
    const missing: string[] = [];
    const need = (key: string) => {
      if (typeof valueAt(texts, key.split(".")) !== "string") missing.push(key);
    };
    for (const group of ["users", "catalog", "transfer", "units"]) need(`groups.${group}`);
    for (const protocol of ["oci", "cxml"] as const) {
      for (const f of SETTINGS_FIELDS[protocol]) {
        const at = `fields.${f.messageKey}`;
        need(`${at}.label`);
        need(`${at}.help`);
        if ("options" in f) for (const option of f.options) need(`${at}.options.${option}`);
        if (f.kind === "select" && f.nullable) need(`${at}.none`);
        if ((f.kind === "number" || f.kind === "text") && f.nullable) need(`${at}.placeholder`);
        if (f.kind === "map") ["from", "to"].forEach((part) => need(`${at}.${part}`));
      }
    }
    expect(missing).toEqual([]);
  });
});
