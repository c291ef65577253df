import { z } from "zod";
import { SHOP_LANGUAGES } from "@/lib/punchout/buyer-language";
import { OCI_CHARSETS, OCI_CUSTOM_FIELDS, OCI_ITEM_FIELDS, OCI_PARAMS } from "@/lib/punchout/oci/fields";

const parameterName = z.string().trim().min(1).max(64);
const upperCode = (maxLength: number) => z.string().trim().min(1).max(maxLength).toUpperCase();

/** Where a classification field (MATGROUP, EXT_CATEGORY_ID) gets its value. */
const classificationSchema = (maxLength: number) =>
  z.discriminatedUnion("source", [
    z.object({ source: z.literal("none") }),
    z.object({ source: z.literal("unspsc") }),
    z.object({ source: z.literal("category") }),
    z.object({
      source: z.literal("map"),
      /** What the map is keyed by. */
      key: z.enum(["unspsc", "category"]),
      map: z.record(z.string(), z.string().trim().min(1).max(maxLength)),
      fallback: z.string().trim().min(1).max(maxLength).nullable().default(null),
    }),
  ]);

/** Product data a custom field can be filled from. */
export const OCI_ITEM_PROPERTIES = [
  "sku",
  "productKey",
  "lineReference",
  "gtin",
  "brand",
  "manufacturerName",
  "unspsc",
  "categoryCode",
  "language",
  "imageUrl",
] as const;

const valueSourceSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("attribute"), name: z.string().min(1) }),
  z.object({ from: z.literal("item"), property: z.enum(OCI_ITEM_PROPERTIES) }),
  z.object({ from: z.literal("constant"), value: z.string() }),
]);

const customFieldNames = new Set<string>(OCI_CUSTOM_FIELDS);
const standardFieldNames = new Set<string>(Object.keys(OCI_ITEM_FIELDS));

const customFieldSchema = z.object({
  /** `CUST_FIELD1`…`CUST_FIELD5`, or a buyer extension field `NEW_ITEM-<NAME>` (OCI 5.0 §3.2.8). */
  name: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{0,29}$/)
    .refine((name) => customFieldNames.has(name) || !standardFieldNames.has(name), {
      message: "standard OCI fields are filled by the builder, not by custom mappings",
    }),
  value: valueSourceSchema,
  /** Lowers the spec length of CUST_FIELD1–5; the only limit for extension fields. */
  maxLength: z.int().positive().optional(),
});

/** Optional NEW_ITEM fields a connection can switch off. DESCRIPTION, QUANTITY, UNIT, PRICE, CURRENCY are always sent. */
export const OCI_OPTIONAL_FIELDS = [
  "PRICEUNIT",
  "LEADTIME",
  "LONGTEXT",
  "VENDORMAT",
  "MANUFACTMAT",
  "EXT_PRODUCT_ID",
] as const;
export type OciOptionalField = (typeof OCI_OPTIONAL_FIELDS)[number];

/**
 * Per-connection OCI mapping (PROTOCOLS.md §8.1). Every key has a default, so `{}` parses to a plain
 * OCI 4.0 connection; presets in `presets.ts` are partial inputs to this schema.
 */
export const ociConnectionSettingsSchema = z.object({
  /** The shop's language in this connection's sessions: SAP's LANGUAGE (sy-langu) is the user's own, so followed by default. */
  shopLanguage: z.enum(SHOP_LANGUAGES).default("buyer_system"),
  /** Call-up parameter names are catalog-defined (OCI §2.2); matched case-insensitively. */
  parameterNames: z
    .object({
      username: parameterName.default(OCI_PARAMS.username),
      password: parameterName.default(OCI_PARAMS.password),
      hookUrl: parameterName.default(OCI_PARAMS.hookUrl),
    })
    .prefault({}),
  /**
   * UNIT: stored UN/ECE Rec 20 code → `base` (`rec20` as stored, `iso` = the SAP T006 ISO code, e.g.
   * EA → PCE) → `map` keyed by the base code (e.g. PCE → ST for buyers wanting internal units). Appendix A.
   */
  units: z
    .object({
      base: z.enum(["rec20", "iso"]).default("iso"),
      map: z
        .record(z.string(), upperCode(OCI_ITEM_FIELDS.UNIT.maxLength))
        .default({})
        .transform((map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k.trim().toUpperCase(), v]))),
    })
    .prefault({}),
  /** MATGROUP is buyer master data in SAP; non-SAP systems often want UNSPSC there (§1.4). */
  matGroup: classificationSchema(OCI_ITEM_FIELDS.MATGROUP.maxLength).default({ source: "none" }),
  extCategoryId: classificationSchema(OCI_ITEM_FIELDS.EXT_CATEGORY_ID.maxLength).default({ source: "unspsc" }),
  /** Name the buyer imported the schema under, e.g. `UNSPSC`, `ECLASS` (required with EXT_CATEGORY_ID). */
  extSchemaType: z.string().trim().min(1).max(OCI_ITEM_FIELDS.EXT_SCHEMA_TYPE.maxLength).default("UNSPSC"),
  /** Our business-partner number in the buyer's system (VENDOR), or e.g. our DUNS for Basware. */
  vendorNumber: z.string().trim().min(1).max(OCI_ITEM_FIELDS.VENDOR.maxLength).nullable().default(null),
  /** Manufacturer name → the buyer's manufacturer number (MANUFACTCODE); matched case-insensitively. */
  manufacturerCodes: z.record(z.string(), z.string().trim().min(1).max(OCI_ITEM_FIELDS.MANUFACTCODE.maxLength)).default({}),
  /**
   * Send the customer's own article number as MATNR. OCI 5.0 §3.2.2: MATNR is the buyer's material number
   * (ours goes in VENDORMAT) and is filled only when the catalog knows the buyer's number, so this is off
   * until the buyer confirms the article numbers they keep with us are their material numbers.
   */
  buyerMaterialNumber: z.boolean().default(false),
  /** Basware asks the buyer whether webshop prices are net or gross (§1.7 #12). */
  priceType: z.enum(["net", "gross"]).default("net"),
  /** `pack`: PRICE per the item's price basis with that basis in PRICEUNIT; `unit`: always per 1 (§1.7 #1). */
  priceBasis: z.enum(["pack", "unit"]).default("pack"),
  /** Used when the call-up has no (usable) `http_content_charset`. */
  defaultCharset: z.enum(OCI_CHARSETS).default("utf-8"),
  /** Ignore `http_content_charset` for buyers that send a wrong one. */
  charsetOverride: z.enum(OCI_CHARSETS).nullable().default(null),
  /** Ignore `returntarget` (e.g. a buyer whose iframe needs `_top`). */
  returnTargetOverride: z.string().regex(/^[\w.:-]{1,64}$/).nullable().default(null),
  optionalFields: z.array(z.enum(OCI_OPTIONAL_FIELDS)).default([...OCI_OPTIONAL_FIELDS]),
  /**
   * `primary`: each line carries its product's one document (lib/catalog/product-document.ts
   * primaryAttachment: the safety data sheet, else the datasheet, in the reader's language where there
   * is one) as NEW_ITEM-ATTACHMENT (its URL) and NEW_ITEM-ATTACHMENT_TITLE; `none`: no attachment.
   *
   * Off by default. SAP SRM does not keep the link: its backend downloads the file into the shopping
   * cart while taking over the transfer, so the buyer's backend must be able to reach our public
   * document URL (many SRM systems reach the internet only through a proxy, or not at all), and every
   * requisition line stores a copy of the PDF. A connection that worked yesterday would start sending
   * fields its buyer never agreed to, with downloads that may fail on their side. So an account
   * manager switches it on once the buyer has said their system fetches and wants the documents.
   */
  attachment: z.enum(["none", "primary"]).default("none"),
  customFields: z
    .array(customFieldSchema)
    .max(50)
    .default([])
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, { message: "duplicate custom field" }),
  backgroundSearch: z.object({ maxResults: z.int().min(1).max(500).default(50) }).prefault({}),
  /** Who the punchout session runs as: one technical user, or the user whose e-mail a parameter carries. */
  userMapping: z
    .discriminatedUnion("mode", [
      z.object({ mode: z.literal("technical-user") }),
      z.object({
        mode: z.literal("email-parameter"),
        /** Tried in order, names matched case-insensitively. */
        parameters: z.array(parameterName).min(1),
        fallbackToTechnicalUser: z.boolean().default(false),
      }),
    ])
    .default({ mode: "technical-user" }),
  /**
   * Which products this connection's sessions show and its orders may hold: `customer` follows the
   * customer's own assortment; `contract` limits them to its contract assortment whatever the
   * customer's setting (the procurement system allows contract items only, its staff buy everything
   * directly). It narrows, never widens (lib/catalog/assortment.ts effectiveAssortment).
   */
  assortment: z.enum(["customer", "contract"]).default("customer"),
});

export type OciConnectionSettings = z.infer<typeof ociConnectionSettingsSchema>;
export type OciConnectionSettingsInput = z.input<typeof ociConnectionSettingsSchema>;
