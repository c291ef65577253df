/**
 * Starting points for new cXML connections per procurement system (PROTOCOLS.md §2.2, §2.5, §3).
 * Data only: the admin UI copies `settings` into a connection and shows `notes` / `credentialHints`.
 * [S] = sourced in PROTOCOLS.md, [I] = our inference.
 */
import type { CxmlConnectionSettingsInput } from "@/lib/punchout/cxml/connection-settings";

export interface CxmlPreset {
  label: string;
  /** Typical Credential domains; the buyer tells you the actual values. */
  credentialHints: { from: string; to: string; sender: string };
  notes: readonly string[];
  settings: CxmlConnectionSettingsInput;
}

const STANDARD_EXTRINSICS = {
  UserEmail: "email",
  UniqueName: "uniqueName",
  FirstName: "firstName",
  LastName: "lastName",
} as const;

export const CXML_PRESETS = {
  ariba: {
    label: "SAP Ariba / SAP Business Network",
    credentialHints: { from: "NetworkID", to: "DUNS or NetworkID", sender: "NetworkID" },
    notes: [
      "From = buyer ANID, Sender = the network, which substitutes the supplier's shared secret [S].",
      "Test accounts carry a -T suffix; keep separate test credentials [I].",
      "UNSPSC (or eCl@ss) classification may be required [S].",
    ],
    settings: {
      poomEncoding: "cxml-base64",
      operationAllowed: "edit",
      userMapping: "match-email",
      extrinsicMap: { ...STANDARD_EXTRINSICS, User: "uniqueName", CostCenter: "costCenter" },
      classification: { domain: "UNSPSC", source: "unspsc" },
    },
  },
  coupa: {
    label: "Coupa",
    credentialHints: { from: "DUNS or NetworkID (buyer-defined)", to: "DUNS or NetworkID", sender: "as From" },
    notes: [
      "Shared secret required; separate test and production credentials [S].",
      "Sends Contact before BrowserFormPost and mixed-case domains (duns/Duns/DUNS) [S].",
      "POOM minimum: part number, UOM, quantity, description, UNSPSC [S].",
      "Orders arrive as cXML OrderRequest (new, update) at the order routing URL [S].",
    ],
    settings: {
      poomEncoding: "cxml-base64",
      operationAllowed: "edit",
      userMapping: "match-email",
      extrinsicMap: { ...STANDARD_EXTRINSICS, User: "uniqueName", BusinessUnit: "businessUnit" },
      classification: { domain: "UNSPSC", source: "unspsc" },
    },
  },
  oracle: {
    label: "Oracle iProcurement / Fusion Procurement",
    credentialHints: { from: "NetworkId", to: "NetworkId", sender: "NetworkId" },
    notes: ["The shared secret is entered in Oracle's \"Password\" field [S].", "Fusion details unverified [I]."],
    settings: {
      poomEncoding: "cxml-base64",
      operationAllowed: "edit",
      userMapping: "match-email",
      extrinsicMap: { ...STANDARD_EXTRINSICS },
    },
  },
  ghx: {
    label: "GHX (healthcare)",
    credentialHints: { from: "NetworkID", to: "NetworkID", sender: "NetworkID (GHXUser)" },
    notes: ["UniqueName extrinsic is required; no DUNS needed; missing secret/UniqueName is \"invalid cXML\" [S]."],
    settings: {
      poomEncoding: "cxml-base64",
      operationAllowed: "edit",
      userMapping: "match-unique-name",
      requiredExtrinsics: ["UniqueName"],
      extrinsicMap: { UniqueName: "uniqueName", UserEmail: "email", FirstName: "firstName", LastName: "lastName" },
    },
  },
  jaggaer: {
    label: "Jaggaer",
    credentialHints: { from: "NetworkID", to: "DUNS or NetworkID", sender: "NetworkID" },
    notes: ["Maps units of measure and has an unmapped-UoM policy: fill unitMap with the buyer's codes [S]."],
    settings: { poomEncoding: "cxml-base64", operationAllowed: "edit", userMapping: "match-email" },
  },
  proactis: {
    label: "Proactis (incl. Perfect Commerce / Hubwoo)",
    credentialHints: { from: "NetworkID", to: "DUNS", sender: "NetworkID" },
    notes: ["cXML details unverified; confirm extrinsics and encoding with the buyer [I]."],
    settings: { poomEncoding: "cxml-base64", operationAllowed: "edit", userMapping: "match-email" },
  },
  basware: {
    label: "Basware Marketplace",
    credentialHints: { from: "NetworkID", to: "DUNS", sender: "NetworkID" },
    notes: [
      "Basware P2P itself only does OCI; cXML punchout goes through Basware Marketplace [S].",
      "The supplier is identified by the DUNS received from the webshop [S].",
    ],
    settings: { poomEncoding: "cxml-base64", operationAllowed: "edit", userMapping: "match-email" },
  },
  ivalua: {
    label: "Ivalua",
    credentialHints: { from: "NetworkID", to: "DUNS", sender: "NetworkID" },
    notes: ["cXML details unverified; confirm extrinsics and encoding with the buyer [I]."],
    settings: { poomEncoding: "cxml-base64", operationAllowed: "edit", userMapping: "match-email" },
  },
  afas: {
    label: "AFAS Profit (cXML orders only)",
    credentialHints: { from: "as agreed with the customer", to: "as agreed", sender: "as agreed" },
    notes: [
      "Punchout from AFAS is OCI; enabling the OCI profile switches the order issue method to a cXML XML order [S].",
      "Orders include requester contact data since Profit 4 [S].",
    ],
    settings: { transactions: ["OrderRequest"], userMapping: "connection-user" },
  },
  generic: {
    label: "Generic cXML buyer",
    credentialHints: { from: "NetworkID or DUNS", to: "DUNS or NetworkID", sender: "as From" },
    notes: ["Defaults: base64 POOM, target _top, operationAllowed edit, UNSPSC classification [I]."],
    settings: {
      extrinsicMap: { ...STANDARD_EXTRINSICS, EMailAddress: "email", PhoneNumber: "phone", CostCenter: "costCenter" },
    },
  },
} satisfies Record<string, CxmlPreset>;

export type CxmlPresetId = keyof typeof CXML_PRESETS;
