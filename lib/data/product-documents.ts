import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { productDocuments, products } from "@/db/schema";
import { MAX_DOCUMENTS_PER_PRODUCT, type ProductDocumentKind, type ProductDocumentLanguage } from "@/lib/catalog/product-document";
import { database } from "./database";

/** A product's documents without their bytes: what pages, transfers and catalogue files list. */
export interface ProductDocumentInfo {
  key: string;
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
  fileName: string;
  byteSize: number;
  createdAt: Date;
}

const infoColumns = {
  key: productDocuments.key,
  kind: productDocuments.kind,
  language: productDocuments.language,
  title: productDocuments.title,
  fileName: productDocuments.fileName,
  byteSize: productDocuments.byteSize,
  createdAt: productDocuments.createdAt,
};

export async function listProductDocuments(productId: number): Promise<ProductDocumentInfo[]> {
  const db = await database();
  return db.select(infoColumns).from(productDocuments).where(eq(productDocuments.productId, productId)).orderBy(asc(productDocuments.id));
}

/**
 * The documents of several products in one statement (a punchout transfer, a catalogue file), by
 * product id; a product without documents maps to an empty list.
 */
export async function listProductDocumentsOf(productIds: readonly number[]): Promise<Map<number, ProductDocumentInfo[]>> {
  const byProduct = new Map<number, ProductDocumentInfo[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const db = await database();
  const rows = await db
    .select({ productId: productDocuments.productId, ...infoColumns })
    .from(productDocuments)
    .where(inArray(productDocuments.productId, [...new Set(productIds)]))
    .orderBy(asc(productDocuments.productId), asc(productDocuments.id));
  for (const { productId, ...info } of rows) byProduct.get(productId)?.push(info);
  return byProduct;
}

/**
 * A product's documents found by its SKU: the shop's product page reads them beside the product itself
 * (one index probe that finds nothing for most products), so no page waits for an extra round trip.
 */
export async function listProductDocumentsBySku(sku: string): Promise<ProductDocumentInfo[]> {
  const db = await database();
  return db
    .select(infoColumns)
    .from(productDocuments)
    .innerJoin(products, eq(products.id, productDocuments.productId))
    .where(eq(products.sku, sku))
    .orderBy(asc(productDocuments.id));
}

/** One document's file, found by SKU and key (the public document route). */
export async function readProductDocument(sku: string, key: string): Promise<{ bytes: Buffer; fileName: string } | null> {
  const db = await database();
  const [row] = await db
    .select({ bytes: productDocuments.bytes, fileName: productDocuments.fileName })
    .from(productDocuments)
    .innerJoin(products, eq(products.id, productDocuments.productId))
    .where(and(eq(products.sku, sku), eq(productDocuments.key, key)))
    .limit(1);
  return row ?? null;
}

export interface NewProductDocument {
  key: string;
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
  fileName: string;
  bytes: Uint8Array;
}

export type AddProductDocumentResult =
  | { outcome: "added" | "already_present"; document: ProductDocumentInfo }
  | { outcome: "product_not_found" | "too_many_documents" };

/**
 * Adds a document to a product, under the product's row lock so that two uploads at once cannot both
 * take the last place. The same file again is not a second document: the stored one is answered
 * (`already_present`, its kind, language and title unchanged), so an integration may send it twice.
 */
export async function addProductDocument(productId: number, document: NewProductDocument, userId: number | null, now: Date): Promise<AddProductDocumentResult> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
    if (!product) return { outcome: "product_not_found" };
    const stored = await tx.select(infoColumns).from(productDocuments).where(eq(productDocuments.productId, productId));
    const present = stored.find((info) => info.key === document.key);
    if (present) return { outcome: "already_present", document: present };
    if (stored.length >= MAX_DOCUMENTS_PER_PRODUCT) return { outcome: "too_many_documents" };
    const [added] = await tx
      .insert(productDocuments)
      .values({ productId, ...document, bytes: Buffer.from(document.bytes), byteSize: document.bytes.byteLength, createdAt: now, createdByUserId: userId })
      .returning(infoColumns);
    return { outcome: "added", document: added! };
  });
}

/** Changes what a document is (kind, language, title); false when the product has no such document. */
export async function updateProductDocument(
  productId: number,
  key: string,
  fields: { kind: ProductDocumentKind; language: ProductDocumentLanguage | null; title: string },
): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(productDocuments)
    .set(fields)
    .where(and(eq(productDocuments.productId, productId), eq(productDocuments.key, key)))
    .returning({ key: productDocuments.key });
  return updated.length > 0;
}

/** Removes a document; false when the product had no such document. */
export async function deleteProductDocument(productId: number, key: string): Promise<boolean> {
  const db = await database();
  const deleted = await db
    .delete(productDocuments)
    .where(and(eq(productDocuments.productId, productId), eq(productDocuments.key, key)))
    .returning({ key: productDocuments.key });
  return deleted.length > 0;
}
