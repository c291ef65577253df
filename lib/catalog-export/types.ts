/**
 * The catalogue projection every static-catalogue writer serialises (../shared/docs/CATALOGS.md §0):
 * one customer's view of our assortment — their net prices and tiers, their own article numbers —
 * built by lib/admin/catalog-export.ts from the pricing module. The writers (cif.ts, bmecat.ts) are
 * pure functions of it: no Next, no database, `generatedAt` passed in.
 */

import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
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
  /** Pieces in one order unit (1 when the unit is the piece itself). */
  packSize: number;
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
