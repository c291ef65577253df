/**
 * SAP OCI 4.0/5.0 names in their spec spelling, kept in this one file (PROTOCOLS.md §1.2–§1.4).
 * Nothing outside lib/punchout/oci spells an OCI field or parameter name.
 */

/** One form field or request parameter, in wire order. */
export type OciField = readonly [name: string, value: string];

/** Charsets we can render a transfer page in (`http_content_charset`, OCI 4.0 §2.4). */
export const OCI_CHARSETS = ["utf-8", "iso-8859-1"] as const;
export type OciCharset = (typeof OCI_CHARSETS)[number];

/**
 * How a value is fitted into its maximum length: `text` is cut at a character boundary, `code` is left
 * out when too long (a cut SKU or category code points at a different thing), `number` is formatted
 * so it always fits.
 */
export type OciFieldKind = "text" | "code" | "number";

/** `NEW_ITEM-<FIELD>[n]` fields with SAP's lengths; `null` = unlimited. "The field type is always CHAR." */
export const OCI_ITEM_FIELDS = {
  DESCRIPTION: { maxLength: 40, kind: "text" },
  MATNR: { maxLength: 40, kind: "code" },
  QUANTITY: { maxLength: 15, kind: "number" },
  UNIT: { maxLength: 3, kind: "code" },
  PRICE: { maxLength: 15, kind: "number" },
  CURRENCY: { maxLength: 5, kind: "code" },
  PRICEUNIT: { maxLength: 5, kind: "number" },
  LEADTIME: { maxLength: 5, kind: "number" },
  LONGTEXT: { maxLength: null, kind: "text" },
  VENDOR: { maxLength: 10, kind: "code" },
  VENDORMAT: { maxLength: 40, kind: "code" },
  MANUFACTCODE: { maxLength: 10, kind: "code" },
  MANUFACTMAT: { maxLength: 40, kind: "code" },
  MATGROUP: { maxLength: 10, kind: "code" },
  SERVICE: { maxLength: 1, kind: "code" },
  CONTRACT: { maxLength: 10, kind: "code" },
  CONTRACT_ITEM: { maxLength: 5, kind: "code" },
  EXT_QUOTE_ID: { maxLength: 35, kind: "code" },
  EXT_QUOTE_ITEM: { maxLength: 10, kind: "code" },
  EXT_PRODUCT_ID: { maxLength: 40, kind: "code" },
  ATTACHMENT: { maxLength: 255, kind: "code" },
  ATTACHMENT_TITLE: { maxLength: 255, kind: "text" },
  ATTACHMENT_PURPOSE: { maxLength: 1, kind: "code" },
  EXT_SCHEMA_TYPE: { maxLength: 10, kind: "code" },
  EXT_CATEGORY_ID: { maxLength: 60, kind: "code" },
  EXT_CATEGORY: { maxLength: 40, kind: "code" },
  SLD_SYS_NAME: { maxLength: 60, kind: "code" },
  CUST_FIELD1: { maxLength: 10, kind: "text" },
  CUST_FIELD2: { maxLength: 10, kind: "text" },
  CUST_FIELD3: { maxLength: 10, kind: "text" },
  CUST_FIELD4: { maxLength: 20, kind: "text" },
  // mathielen/sapoci accepts 255 "even though documentation says 50"; we keep SAP's 50.
  CUST_FIELD5: { maxLength: 50, kind: "text" },
  // OCI 5.0 §3.2.5 item hierarchy.
  ITEM_TYPE: { maxLength: 1, kind: "code" },
  PARENT_ID: { maxLength: 5, kind: "number" },
} as const satisfies Record<string, { maxLength: number | null; kind: OciFieldKind }>;

export type OciItemFieldName = keyof typeof OCI_ITEM_FIELDS;

/** Free fields a connection may fill from product data (BAdI `BBP_CATALOG_TRANSFER`, OCI 4.0 §3.2). */
export const OCI_CUSTOM_FIELDS = ["CUST_FIELD1", "CUST_FIELD2", "CUST_FIELD3", "CUST_FIELD4", "CUST_FIELD5"] as const;

/**
 * `NEW_ITEM-<field>[<index>]`, index from 1. The long text is the one exception: its index sits inside
 * the name, `NEW_ITEM-LONGTEXT_<index>:132[]` (OCI 4.0/5.0 §3.2, note 4).
 */
export function ociItemFieldName(field: string, index: number): string {
  return field === "LONGTEXT" ? `NEW_ITEM-LONGTEXT_${index}:132[]` : `NEW_ITEM-${field}[${index}]`;
}

/** Inbound call-up parameters (OCI 4.0/5.0 §2.2–§2.4, §5). Matched case-insensitively by the parser. */
export const OCI_PARAMS = {
  username: "USERNAME",
  password: "PASSWORD",
  hookUrl: "HOOK_URL",
  ociVersion: "OCI_VERSION",
  opiVersion: "OPI_VERSION",
  charset: "http_content_charset",
  returnTarget: "returntarget",
  okCode: "~OkCode",
  target: "~TARGET",
  caller: "~CALLER",
  function: "FUNCTION",
  productId: "PRODUCTID",
  quantity: "QUANTITY",
  searchString: "SEARCHSTRING",
  vendor: "VENDOR",
  extProductId: "EXT_PRODUCT_ID",
  pageSize: "PAGESIZE",
  requestedPage: "REQUESTEDPAGE",
  lastUpdated: "LASTUPDATED",
  transactionId: "TRANSACTIONID",
  bypassOutboundHandler: "BYPASS_OUTB_HANDLER",
  bypassInboundHandler: "BYPASS_INB_HANDLER",
  usePortalNavigation: "usePortalNavigation",
  secureAuthUrl: "SECURE_AUTH_URL",
  secureTransmission: "SECURE_TRANSMISSION",
  secureAuthMethod: "SECURE_AUTH_METHOD",
  sessionId: "SessionId",
  sessionTransmissionId: "SessionTransmissionId",
} as const;

/** Our own cap on any inbound parameter value [I]; no OCI parameter legitimately comes near it. */
export const OCI_MAX_PARAMETER_LENGTH = 4096;

/** `FUNCTION` values (OCI 4.0/5.0 §2.3, OCI 5.0 §5, §6.6.1, §6.7). */
export const OCI_FUNCTIONS = [
  "DETAIL",
  "VALIDATE",
  "SOURCING",
  "BACKGROUND_SEARCH",
  "DETAILADD",
  "DOWNLOADJSON",
  "QUANTITYCHECK",
  "INITIALIZE",
  "RETRIEVEOCI",
] as const;
export type OciFunctionName = (typeof OCI_FUNCTIONS)[number];

/**
 * Spellings seen in third-party docs (PROTOCOLS.md §1.3). Keys are compared after upper-casing and
 * dropping `_`/`-`/spaces, so `quantity_check`, `Background-Search` and `DOWNLOAD_JSON` also match.
 */
export const OCI_FUNCTION_ALIASES: Readonly<Record<string, OciFunctionName>> = {
  DOWNLOAD: "DOWNLOADJSON",
};
