import type { ProductDocumentKind, ProductDocumentLanguage } from "@/lib/catalog/product-document";

/**
 * Protocol-neutral punchout shapes. The shop builds a PunchoutCart from its server-side cart with
 * the pricing module; lib/punchout/oci and lib/punchout/cxml turn it into their wire formats.
 * No OCI field names or cXML element names appear here.
 */

export interface PunchoutItem {
  /** Opaque, stable reference to the transferred-cart snapshot line (cXML SupplierPartAuxiliaryID). */
  lineReference: string;
  /** Our article number (OCI VENDORMAT, cXML SupplierPartID). */
  sku: string;
  /** The customer's own article number for the product, if they keep one (OCI MATNR if the connection asks, cXML BuyerPartID). */
  buyerPartNumber: string | null;
  /** Stable product key the buyer system can send back (OCI EXT_PRODUCT_ID, DETAIL/VALIDATE PRODUCTID). */
  productKey: string;
  /** Short description in the user's language (full text; builders truncate per protocol). */
  description: string;
  /** Long text in the user's language (OCI LONGTEXT, cXML Description body). */
  longText: string;
  /** ISO 639-1 language of description/longText ("nl", "en"). */
  language: string;
  /** Ordered quantity in `unit`. Integer in this shop. */
  quantity: number;
  /** Unit of measure as stored: UN/ECE Recommendation 20 code ("EA", "PK", "BX", "KGM"...). */
  unit: string;
  /** Net unit price in minor units for `priceBasisQuantity` units, from the pricing module. */
  unitPriceMinor: number;
  /** Number of units the price is for (1, or the pack size when the connection prices per pack). */
  priceBasisQuantity: number;
  currency: string;
  /** VAT rate in basis points (2100 = 21 %). */
  vatRateBasisPoints: number;
  leadTimeDays: number;
  manufacturerName: string | null;
  manufacturerPartNumber: string | null;
  gtin: string | null;
  /** UNSPSC commodity code (8 digits). */
  unspsc: string | null;
  /** Our own category code. */
  categoryCode: string | null;
  brand: string | null;
  /** Absolute URL of the product's main photo (JPEG), or null: for a connection that maps it (cXML Extrinsic, OCI custom field). */
  imageUrl: string | null;
  /** Product attributes available to per-connection custom field mappings. */
  attributes: Record<string, string>;
  /** The line is priced at our quote: its number and line (OCI EXT_QUOTE_ID / EXT_QUOTE_ITEM). */
  quote: { number: string; item: number } | null;
  /**
   * The product's documents in the reader's order (orderDocumentsForReader), each with its absolute
   * public URL: what a connection may attach (OCI NEW_ITEM-ATTACHMENT, cXML AttachmentReference).
   * Empty when the product has none, when the connection attaches none (they are not read then), or
   * when the shop's origin (APP_URL) is unknown: a document without a URL the buyer's system can
   * fetch is no attachment at all.
   */
  documents: PunchoutDocument[];
}

export interface PunchoutDocument {
  /** The document's key (a hash of the file, lib/catalog/product-document.ts): stable, our id for it (cXML InternalID). */
  key: string;
  kind: ProductDocumentKind;
  title: string;
  /** Absolute URL of the public document route (lib/catalog/product-document.ts productDocumentPath). */
  url: string;
  /** ASCII, ends in .pdf: also the last part of `url`. */
  fileName: string;
  byteSize: number;
  /** The document's language; null = for every language. */
  language: ProductDocumentLanguage | null;
}

export interface PunchoutCart {
  items: PunchoutItem[];
  currency: string;
  /** Sum of line totals (unit price × quantity / basis), minor units, excl. VAT. */
  totalMinor: number;
}
