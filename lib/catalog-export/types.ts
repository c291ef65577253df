/**
 * The catalogue projection every static-catalogue writer serialises (../shared/docs/CATALOGS.md §0):
 * one customer's view of our assortment — their net prices and tiers, their own article numbers —
 * built by lib/admin/catalog-export.ts from the pricing module. The writers (cif.ts, bmecat.ts) are
 * pure functions of it: no Next, no database, `generatedAt` passed in.
 */

import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { labelAttributes, type AttributeMeaning } from "@/lib/catalog/attributes";
import { productDocumentPath, type ProductDocumentKind, type ProductDocumentLanguage } from "@/lib/catalog/product-document";
import { productImagePath } from "@/lib/catalog/product-image-path";

export type CatalogLanguage = "nl" | "en";

export interface CatalogExportHeader {
  /** The language of single-language formats (CIF) and the default one of BMEcat. */
  language: CatalogLanguage;
  currency: string;
  generatedAt: Date;
  /** The day the prices were resolved for (Europe/Amsterdam calendar date). */
  priceDate: string;
  /** Stable per customer (BMEcat CATALOG_ID: at most 20 characters). */
  catalogId: string;
  catalogName: string;
  supplier: {
    name: string;
    /** How the buyer's system knows us: ANID/DUNS for CIF's Supplier ID, a party id in BMEcat. */
    id: { domain: string; identity: string };
  };
  buyer: { name: string };
  /** The shop's base URL: product pages become each item's Supplier URL; null leaves them out. */
  shopUrl: string | null;
}

export interface CatalogPriceStep {
  /** In order units; the first step starts at 1. */
  minQuantity: number;
  unitPriceMinor: number;
}

export interface CatalogExportItem {
  sku: string;
  name: Record<CatalogLanguage, string>;
  description: Record<CatalogLanguage, string>;
  manufacturerName: string | null;
  manufacturerPartNumber: string | null;
  gtin: string | null;
  unspsc: string | null;
  /** UN/ECE Recommendation 20 code of the unit we sell in (the order unit). */
  unit: string;
  /** Content units in one order unit (1 when the unit is the piece itself). */
  packSize: number;
  /** What packSize counts (products.content_unit, our unit code), or null: not said — read as pieces when packSize > 1. */
  contentUnit: string | null;
  minOrderQuantity: number;
  orderMultiple: number;
  leadTimeDays: number;
  vatRateBasisPoints: number;
  listPriceMinor: number;
  /** The customer's net prices by quantity (their contract ladder, else the list ladder), ascending. */
  ladder: CatalogPriceStep[];
  /** The last day the customer's contract price holds, when it ends (the contract window). */
  priceValidTo: string | null;
  /** The customer's own article number for the product. */
  buyerPartNumber: string | null;
  /** The main photo's key (app/product-images): linked when the header has a shopUrl. */
  imageKey: string | null;
  /** Accessories and alternatives (SKUs) that are in the same file, in the admin's order. */
  related: { kind: "accessory" | "alternative"; sku: string }[];
  /**
   * The product's documents (PDFs) in the order a reader of the catalogue's language sees them: linked
   * when the header has a shopUrl (BMEcat MIME_INFO; CIF has no column for them).
   */
  documents: CatalogDocument[];
  /**
   * The product's attributes (products.attributes) as features, in the definitions' order (see
   * CatalogFeature); absent or empty: none. Filled for BMEcat only — see catalogFeatureLabeller.
   */
  features?: CatalogFeature[];
}

/**
 * One of a product's attributes as a catalogue reader reads it, in both languages: the name from its
 * attribute_definitions row (the key itself while nobody has defined it), the value as stored in Dutch
 * and under its English label where one is defined (else as stored). BMEcat writes them as FEATUREs in
 * PRODUCT_FEATURES (FNAME and FVALUE per language, FORDER). CIF 3.0 has no field for features (its
 * fixed field list has none; the classification code is all it carries), so cif.ts leaves them out.
 */
export interface CatalogFeature {
  key: string;
  name: Record<CatalogLanguage, string>;
  value: Record<CatalogLanguage, string>;
}

/**
 * Features of products from one reading of the definitions (an export reads them once, not per
 * product): the shop's labelAttributes per language — the same order (definition position, then key;
 * undefined keys after, by key) and the same names and labels as the product page — joined by key.
 * Only the product's own definitions are handed on, so a product costs its attributes, not all keys.
 */
export function catalogFeatureLabeller(definitions: readonly AttributeMeaning[]): (attributes: Record<string, string>) => CatalogFeature[] {
  const known = new Map(definitions.map((definition) => [definition.key, definition]));
  return (attributes) => {
    const own = Object.keys(attributes).flatMap((key) => known.get(key) ?? []);
    const english = new Map(labelAttributes(attributes, own, "en").map((line) => [line.key, line]));
    return labelAttributes(attributes, own, "nl").map((dutch) => {
      const en = english.get(dutch.key);
      return {
        key: dutch.key,
        name: { nl: dutch.label.trim() ? dutch.label : dutch.key, en: en?.label.trim() ? en.label : dutch.key },
        value: { nl: dutch.storedValue, en: en?.value.trim() ? en.value : dutch.storedValue },
      };
    });
  };
}

export interface CatalogDocument {
  key: string;
  kind: ProductDocumentKind;
  title: string;
  fileName: string;
  language: ProductDocumentLanguage | null;
}

/** Absolute URLs of an item's main photo, or null (no photo, or no shop URL to link to). */
export function itemImageUrls(item: Pick<CatalogExportItem, "sku" | "imageKey">, header: Pick<CatalogExportHeader, "shopUrl">): { large: string; thumbnail: string } | null {
  if (!item.imageKey || !header.shopUrl) return null;
  return {
    large: header.shopUrl + productImagePath(item.sku, item.imageKey, "large"),
    thumbnail: header.shopUrl + productImagePath(item.sku, item.imageKey, "thumbnail"),
  };
}

/** Absolute URL of one of an item's documents, or null (no shop URL to link to). */
export function itemDocumentUrl(item: Pick<CatalogExportItem, "sku">, document: Pick<CatalogDocument, "key" | "fileName">, header: Pick<CatalogExportHeader, "shopUrl">): string | null {
  return header.shopUrl ? header.shopUrl + productDocumentPath(item.sku, document.key, document.fileName) : null;
}

/** The net unit price at the smallest quantity the customer can order (min, rounded up to the multiple). */
export function priceAtMinimum(item: Pick<CatalogExportItem, "ladder" | "minOrderQuantity" | "orderMultiple">): number {
  const smallest = smallestValidQuantity(item);
  let price = item.ladder[0]?.unitPriceMinor ?? 0;
  for (const step of item.ladder) if (smallest >= step.minQuantity) price = step.unitPriceMinor;
  return price;
}

/** Minor units as a decimal with a point and two decimals ("4.25"), as every catalogue format wants. */
export function decimalAmount(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
