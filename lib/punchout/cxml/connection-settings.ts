/**
 * Per-connection cXML mapping (PROTOCOLS.md §8.1): how we answer one buyer system. Stored as JSON
 * on the connection; credentials live elsewhere (see verify-credentials.ts).
 */
import { z } from "zod";
import { SHOP_LANGUAGES } from "@/lib/punchout/buyer-language";
import type { CxmlSetupRequest, PunchOutOperation } from "@/lib/punchout/cxml/parse-setup-request";
import type { CxmlError } from "@/lib/punchout/cxml/xml";

export const POOM_ENCODINGS = ["cxml-base64", "cxml-urlencoded"] as const;
export type PoomEncoding = (typeof POOM_ENCODINGS)[number];

export const CXML_TRANSACTIONS = ["PunchOutSetupRequest", "OrderRequest"] as const;

/**
 * How a punchout session finds its shop user:
 * - `connection-user`: everyone logs in as the connection's technical user;
 * - `match-email`: the customer's user with the mapped email (extrinsic, else the endUser
 *   Contact's Email), else the technical user;
 * - `match-or-create-email`: like match-email, creating the user under the customer when missing
 *   (never when the address belongs to someone outside the customer);
 * - `match-unique-name`: the customer's user whose login e-mail equals the mapped uniqueName (GHX;
 *   users have no separate external id yet), else the mapped email, else the technical user.
 */
export const USER_MAPPING_MODES = ["connection-user", "match-email", "match-or-create-email", "match-unique-name"] as const;
export type UserMappingMode = (typeof USER_MAPPING_MODES)[number];

/** Session fields a POSR extrinsic can fill. */
export const SESSION_FIELDS = [
  "email",
  "uniqueName",
  "firstName",
  "lastName",
  "fullName",
  "phone",
  "costCenter",
  "businessUnit",
  "department",
] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

/** PunchoutItem fields usable as Classification code or ItemDetail Extrinsic value. */
export const ITEM_VALUE_FIELDS = [
  "sku",
  "productKey",
  "gtin",
  "unspsc",
  "categoryCode",
  "brand",
  "manufacturerName",
  "manufacturerPartNumber",
  "imageUrl",
] as const;
export type ItemValueSource = (typeof ITEM_VALUE_FIELDS)[number] | `attributes.${string}`;

const itemValueSource = z.union([z.enum(ITEM_VALUE_FIELDS), z.templateLiteral(["attributes.", z.string().min(1)])]);
// UnitOfMeasure is an NMTOKEN in the DTD.
const unitCode = z.string().regex(/^[A-Za-z0-9._:-]+$/, "unit codes are NMTOKENs (letters, digits, . _ : -)");

export const cxmlConnectionSettingsSchema = z.object({
  /**
   * The shop's language in this connection's sessions. Not the cXML xml:lang by default: Coupa, Ariba
   * and most others send "en-US" whatever their user reads, which would show Dutch buyers an English shop.
   */
  shopLanguage: z.enum(SHOP_LANGUAGES).default("browser"),
  /** cXML transactions this connection uses; AFAS only sends OrderRequests (punchout is OCI there). */
  transactions: z.array(z.enum(CXML_TRANSACTIONS)).min(1).default(["PunchOutSetupRequest", "OrderRequest"]),
  /** Form field carrying the POOM; base64 is what Ariba prefers (§2.7). */
  poomEncoding: z.enum(POOM_ENCODINGS).default("cxml-base64"),
  /** Form target of the cart transfer; `_top` leaves buyer iframes (§3 window/iframe behaviour). */
  targetFrame: z
    .string()
    .regex(/^(?:_top|_parent|_self|_blank|[A-Za-z][\w-]*)$/)
    .default("_top"),
  /**
   * POOM operationAllowed. It also decides which later POSR operations we accept (DTD comment):
   * create → create only, inspect → + inspect, edit → + inspect + edit.
   */
  operationAllowed: z.enum(["create", "inspect", "edit"]).default("edit"),
  userMapping: z.enum(USER_MAPPING_MODES).default("match-email"),
  /** POSR extrinsics that must be present and non-empty (GHX: UniqueName). */
  requiredExtrinsics: z.array(z.string().min(1)).default([]),
  /** Extrinsic name (case-sensitive) → session field; earlier entries win for the same field. */
  extrinsicMap: z.record(z.string().min(1), z.enum(SESSION_FIELDS)).default({
    UserEmail: "email",
    UniqueName: "uniqueName",
    FirstName: "firstName",
    LastName: "lastName",
  }),
  /** Our UN/ECE Rec 20 unit → the buyer's UnitOfMeasure code; unmapped units pass through. */
  unitMap: z.record(unitCode, unitCode).default({}),
  classification: z
    .object({
      domain: z.string().min(1).default("UNSPSC"),
      source: itemValueSource.default("unspsc"),
      /** Code to send when the item has none (Classification is mandatory); null sends it empty. */
      fallbackCode: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  /** Extra ItemDetail Extrinsics, e.g. { name: "GTIN", source: "gtin" }. */
  itemExtrinsics: z.array(z.object({ name: z.string().min(1), source: itemValueSource })).default([]),
  /** cXML sets no ShortName limit; some buyers truncate. null = full short description. */
  shortNameMaxLength: z.number().int().positive().nullable().default(null),
  /** Echo the POSR ShipTo in the POOM header. */
  echoShipTo: z.boolean().default(false),
  /**
   * Product documents as ItemDetail/AttachmentReference (a link with name, title and size, not the
   * file): `primary` the one a single-attachment system gets (the safety data sheet, else the
   * datasheet; lib/catalog/product-document.ts primaryAttachment), `all` every document in the
   * reader's order, `none` no AttachmentReference.
   *
   * Off by default. ItemDetail took AttachmentReference only in later 1.2.0xx DTDs (1.2.014 and 1.2.020
   * do not have it), and buyers read the POOM against the version they implemented: a strict one
   * rejects the whole cart for an element it does not know. The DTD describes it as a reference into
   * the buyer's own system (inside an "Attachments" Extrinsic), so whether a system shows our link at
   * all is the buyer's to confirm. Existing connections keep sending exactly what they sent before.
   */
  attachments: z.enum(["none", "primary", "all"]).default("none"),
  /**
   * Which products this connection's sessions show and its orders may hold: `customer` follows the
   * customer's own assortment; `contract` limits them to its contract assortment whatever the
   * customer's setting (the procurement system allows contract items only, its staff buy everything
   * directly). It narrows, never widens (lib/catalog/assortment.ts effectiveAssortment).
   */
  assortment: z.enum(["customer", "contract"]).default("customer"),
});

export type CxmlConnectionSettings = z.output<typeof cxmlConnectionSettingsSchema>;
export type CxmlConnectionSettingsInput = z.input<typeof cxmlConnectionSettingsSchema>;

/** Parses stored JSON; throws ZodError on invalid settings (admin input is validated on save). */
export function parseCxmlConnectionSettings(input: unknown): CxmlConnectionSettings {
  return cxmlConnectionSettingsSchema.parse(input ?? {});
}

const OPERATION_RANK: Record<PunchOutOperation, number> = { create: 0, inspect: 1, edit: 2 };

export function isSetupOperationAllowed(settings: Pick<CxmlConnectionSettings, "operationAllowed">, operation: PunchOutOperation): boolean {
  return OPERATION_RANK[operation] <= OPERATION_RANK[settings.operationAllowed];
}

/** Connection-level acceptance of a parsed POSR: transaction enabled, operation allowed, required extrinsics present. */
export function checkSetupRequest(setup: CxmlSetupRequest, settings: CxmlConnectionSettings): CxmlError | null {
  if (!settings.transactions.includes("PunchOutSetupRequest")) {
    return { kind: "unsupported", code: 450, message: "PunchOut is not enabled for this connection" };
  }
  if (!isSetupOperationAllowed(settings, setup.operation)) {
    return { kind: "unsupported", code: 450, message: `PunchOutSetupRequest operation "${setup.operation}" is not enabled` };
  }
  const missing = settings.requiredExtrinsics.filter((name) => !setup.extrinsics.some((e) => e.name === name && e.value !== ""));
  if (missing.length > 0) return { kind: "invalid-content", code: 400, message: `Missing required Extrinsic: ${missing.join(", ")}` };
  return null;
}

/**
 * Session fields from a POSR: mapped extrinsics first (extrinsicMap order decides between several
 * sources of one field), then the endUser Contact for email and fullName.
 */
export function sessionFieldsFromSetup(
  setup: Pick<CxmlSetupRequest, "extrinsics" | "endUser">,
  settings: Pick<CxmlConnectionSettings, "extrinsicMap">,
): Partial<Record<SessionField, string>> {
  const fields: Partial<Record<SessionField, string>> = {};
  for (const [name, field] of Object.entries(settings.extrinsicMap)) {
    if (fields[field] !== undefined) continue;
    const value = setup.extrinsics.find((e) => e.name === name && e.value !== "")?.value;
    if (value !== undefined) fields[field] = value;
  }
  fields.email ??= setup.endUser?.email ?? undefined;
  fields.fullName ??= setup.endUser?.name ?? undefined;
  for (const key of Object.keys(fields) as SessionField[]) if (fields[key] === undefined) delete fields[key];
  return fields;
}
