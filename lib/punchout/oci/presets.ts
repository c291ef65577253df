import type { OciConnectionSettingsInput } from "@/lib/punchout/oci/connection-settings";

export interface OciPreset {
  label: string;
  /** What the preset is based on, with PROTOCOLS.md evidence tags ([S] source, [I] inference). */
  notes: string;
  /** Partial settings; parse with `ociConnectionSettingsSchema` after merging connection overrides. */
  settings: OciConnectionSettingsInput;
}

/**
 * Starting points for new OCI connections (PROTOCOLS.md §3). Data only: a connection stores its parsed
 * settings, so changing a preset never changes an existing connection.
 */
export const OCI_PRESETS = {
  "generic-oci-4": {
    label: "Generic OCI 4.0",
    notes: "OCI 4.0 HTML variant as specified: ISO units, UNSPSC in EXT_CATEGORY_ID, price per PRICEUNIT. [S: OCI 4.0 §3]",
    settings: {},
  },
  "sap-srm": {
    label: "SAP SRM",
    notes:
      "UNIT/CURRENCY as ISO codes, MATGROUP/VENDOR are buyer master data (fill only when the buyer gives them), " +
      "likewise MATNR: switch on buyerMaterialNumber only when the customer's article numbers are their SAP material numbers, " +
      "PRICEUNIT honoured. Older non-Unicode SRM systems are Latin-1 when http_content_charset is missing. [S: §3, §3.2.2; I for the charset]",
    settings: {
      units: { base: "iso" },
      matGroup: { source: "none" },
      extCategoryId: { source: "unspsc" },
      extSchemaType: "UNSPSC",
      priceBasis: "pack",
      defaultCharset: "iso-8859-1",
    },
  },
  "sap-s4hana": {
    label: "SAP S/4HANA",
    notes: "Same OCI rules as SRM; S/4HANA systems are Unicode, so UTF-8 by default. [I: §3]",
    settings: {
      units: { base: "iso" },
      matGroup: { source: "none" },
      extCategoryId: { source: "unspsc" },
      extSchemaType: "UNSPSC",
      priceBasis: "pack",
      defaultCharset: "utf-8",
    },
  },
  "afas-profit": {
    label: "AFAS Profit",
    notes:
      "OCI-definitie per purchasing relation; free fields mapped in Profit (Custom Field 16–20) and truncated " +
      "silently there, so keep custom values short. Price per unit to be safe with PRICEUNIT. [S: AFAS help; I for price basis]",
    settings: {
      units: { base: "iso" },
      matGroup: { source: "unspsc" },
      extCategoryId: { source: "unspsc" },
      priceBasis: "unit",
    },
  },
  "basware-p2p": {
    label: "Basware P2P",
    notes:
      "HTML variant only; price type Net/Gross is configured on the Basware side and must match priceType; " +
      "the supplier is recognized by the DUNS code from the webshop (set vendorNumber to our DUNS); " +
      "supports BACKGROUND_SEARCH. [S: Basware KB]",
    settings: {
      units: { base: "iso" },
      matGroup: { source: "unspsc" },
      extCategoryId: { source: "unspsc" },
      priceType: "net",
      priceBasis: "unit",
      backgroundSearch: { maxResults: 50 },
    },
  },
  exact: {
    label: "Exact (Globe/Synergy via OCI add-on)",
    notes: "No public source; Exact reaches OCI through add-ons or third-party P2P. Plain OCI 4.0, price per unit. [I]",
    settings: { matGroup: { source: "unspsc" }, priceBasis: "unit" },
  },
  tblox: {
    label: "TBlox",
    notes: "No public source; plain OCI 4.0 with UNSPSC in MATGROUP as non-SAP systems expect. [I]",
    settings: { matGroup: { source: "unspsc" }, priceBasis: "unit" },
  },
  proquro: {
    label: "Proquro",
    notes: "No public source; plain OCI 4.0 with UNSPSC in MATGROUP as non-SAP systems expect. [I]",
    settings: { matGroup: { source: "unspsc" }, priceBasis: "unit" },
  },
  "proactis-oci": {
    label: "Proactis (OCI)",
    notes: "Proactis also speaks cXML; this is its OCI variant. Plain OCI 4.0. [I]",
    settings: { matGroup: { source: "unspsc" }, priceBasis: "unit" },
  },
  ivalua: {
    label: "Ivalua (OCI)",
    notes: "Ivalua also speaks cXML; this is its OCI variant. Plain OCI 4.0. [I]",
    settings: { matGroup: { source: "unspsc" }, priceBasis: "unit" },
  },
} satisfies Record<string, OciPreset>;

export type OciPresetId = keyof typeof OCI_PRESETS;
