import { describe, expect, it } from "vitest";
import { OCI_OPTIONAL_FIELDS, ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import { OCI_PRESETS } from "@/lib/punchout/oci/presets";

describe("ociConnectionSettingsSchema", () => {
  it("parses {} to a plain OCI 4.0 connection", () => {
    expect(ociConnectionSettingsSchema.parse({})).toEqual({
      shopLanguage: "buyer_system",
      parameterNames: { username: "USERNAME", password: "PASSWORD", hookUrl: "HOOK_URL" },
      units: { base: "iso", map: {} },
      matGroup: { source: "none" },
      extCategoryId: { source: "unspsc" },
      extSchemaType: "UNSPSC",
      vendorNumber: null,
      manufacturerCodes: {},
      buyerMaterialNumber: false,
      priceType: "net",
      priceBasis: "pack",
      defaultCharset: "utf-8",
      charsetOverride: null,
      returnTargetOverride: null,
      optionalFields: [...OCI_OPTIONAL_FIELDS],
      attachment: "none",
      customFields: [],
      backgroundSearch: { maxResults: 50 },
      userMapping: { mode: "technical-user" },
      assortment: "customer",
    });
  });

  it("upper-cases unit map keys and values and custom field names", () => {
    const settings = ociConnectionSettingsSchema.parse({
      units: { map: { pce: "st" } },
      customFields: [{ name: "cust_field1", value: { from: "constant", value: "x" } }],
    });
    expect(settings.units.map).toEqual({ PCE: "ST" });
    expect(settings.customFields[0]?.name).toBe("CUST_FIELD1");
  });

  it("reads e-mail user mapping with its defaults", () => {
    expect(
      ociConnectionSettingsSchema.parse({ userMapping: { mode: "email-parameter", parameters: ["EMAIL", "USER_EMAIL"] } })
        .userMapping,
    ).toEqual({ mode: "email-parameter", parameters: ["EMAIL", "USER_EMAIL"], fallbackToTechnicalUser: false });
  });

  it.each<[string, unknown]>([
    ["unit code longer than 3", { units: { map: { PCE: "STUK" } } }],
    ["VENDOR longer than 10", { vendorNumber: "12345678901" }],
    ["EXT_SCHEMA_TYPE longer than 10", { extSchemaType: "UNSPSC_VENDOR1" }],
    ["MATGROUP map value longer than 10", { matGroup: { source: "map", key: "unspsc", map: { "39131711": "12345678901" } } }],
    ["custom field overriding PRICE", { customFields: [{ name: "PRICE", value: { from: "constant", value: "0.01" } }] }],
    ["custom field overriding MATNR", { customFields: [{ name: "MATNR", value: { from: "item", property: "sku" } }] }],
    ["custom field name with a bracket", { customFields: [{ name: "ZZ[1]", value: { from: "constant", value: "x" } }] }],
    [
      "the same custom field twice",
      {
        customFields: [
          { name: "CUST_FIELD1", value: { from: "constant", value: "a" } },
          { name: "cust_field1", value: { from: "constant", value: "b" } },
        ],
      },
    ],
    ["background search over 500 results", { backgroundSearch: { maxResults: 501 } }],
    ["e-mail mapping without parameter names", { userMapping: { mode: "email-parameter", parameters: [] } }],
    ["unsupported charset", { defaultCharset: "shift_jis" }],
    ["buyerMaterialNumber as a string", { buyerMaterialNumber: "true" }],
    ["return target with markup", { returnTargetOverride: '"><x' }],
    // OCI carries one ATTACHMENT per item: "all" is a cXML choice only.
    ["every document as attachment", { attachment: "all" }],
  ])("rejects %s", (_label, input) => {
    expect(ociConnectionSettingsSchema.safeParse(input).success).toBe(false);
  });
});

describe("OCI_PRESETS", () => {
  it.each(Object.entries(OCI_PRESETS))("%s parses with the settings schema", (_id, preset) => {
    expect(ociConnectionSettingsSchema.safeParse(preset.settings).error).toBeUndefined();
    expect(preset.label).not.toBe("");
  });

  it.each(Object.entries(OCI_PRESETS))("%s leaves MATNR off: the buyer has to confirm their material numbers", (_id, preset) => {
    expect(ociConnectionSettingsSchema.parse(preset.settings).buyerMaterialNumber).toBe(false);
  });

  it.each(Object.entries(OCI_PRESETS))("%s attaches no document: the buyer's backend has to fetch it", (_id, preset) => {
    expect(ociConnectionSettingsSchema.parse(preset.settings).attachment).toBe("none");
  });

  it.each<[string, keyof typeof OCI_PRESETS, Record<string, unknown>]>([
    ["SAP SRM: ISO units, no MATGROUP, price per PRICEUNIT, Latin-1 fallback", "sap-srm", { units: { base: "iso", map: {} }, matGroup: { source: "none" }, priceBasis: "pack", defaultCharset: "iso-8859-1" }],
    ["S/4HANA: UTF-8", "sap-s4hana", { defaultCharset: "utf-8", priceBasis: "pack" }],
    ["Basware: net, per unit, UNSPSC, 50 background results", "basware-p2p", { priceType: "net", priceBasis: "unit", matGroup: { source: "unspsc" }, backgroundSearch: { maxResults: 50 } }],
    ["AFAS: UNSPSC in MATGROUP", "afas-profit", { matGroup: { source: "unspsc" } }],
  ])("%s", (_label, id, expected) => {
    expect(ociConnectionSettingsSchema.parse(OCI_PRESETS[id].settings)).toMatchObject(expected);
  });
});
