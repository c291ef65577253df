import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { productImages, products } from "@/db/schema";
import type { ProcessedProductImage } from "@/lib/catalog/product-image";
import { database } from "./database";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A product's photos (product_images) in their shop order. Every change happens under the product's
 * row lock and keeps products.image_key equal to the key of the photo at position 0, so the listing,
 * search and cart read the main photo with the product and never join.
 */

/** More photos than this for one product is a mistake (or a loop in an integration). */
export const MAX_IMAGES_PER_PRODUCT = 12;

export interface ProductImageInfo {
  key: string;
  position: number;
  width: number;
  height: number;
  originalName: string | null;
  originalType: string;
  originalBytes: number;
  createdAt: Date;
}

const infoColumns = {
  key: productImages.key,
  position: productImages.position,
  width: productImages.width,
  height: productImages.height,
  originalName: productImages.originalName,
  originalType: productImages.originalType,
  originalBytes: productImages.originalBytes,
  createdAt: productImages.createdAt,
};

export async function listProductImages(productId: number): Promise<ProductImageInfo[]> {
  const db = await database();
  return db.select(infoColumns).from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
}

/** The photos of several products at once (the product API's read-back), by product id. */
export async function listProductImagesOf(productIds: number[]): Promise<Map<number, ProductImageInfo[]>> {
  const byProduct = new Map<number, ProductImageInfo[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const db = await database();
  const rows = await db
    .select({ productId: productImages.productId, ...infoColumns })
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(asc(productImages.productId), asc(productImages.position));
  for (const { productId, ...info } of rows) byProduct.get(productId)?.push(info);
  return byProduct;
}

/** The bytes of one size of one photo, found by SKU and key (the public image route). */
export async function readProductImage(sku: string, key: string, size: "large" | "thumbnail"): Promise<Buffer | null> {
  const db = await database();
  const column = size === "large" ? productImages.large : productImages.thumbnail;
  const [row] = await db
    .select({ bytes: column })
    .from(productImages)
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(and(eq(products.sku, sku), eq(productImages.key, key)))
    .limit(1);
  return row?.bytes ?? null;
}

async function lockProduct(tx: Tx, productId: number): Promise<boolean> {
  const [row] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
  return row !== undefined;
}

/** Writes positions 0…n-1 in the given order and points products.image_key at the first. */
async function storeOrder(tx: Tx, productId: number, keys: string[], now: Date): Promise<void> {
  // At most MAX_IMAGES_PER_PRODUCT statements, and only for photos whose place changed.
  for (const [position, key] of keys.entries()) {
    await tx
      .update(productImages)
      .set({ position })
      .where(and(eq(productImages.productId, productId), eq(productImages.key, key), ne(productImages.position, position)));
  }
  await tx.update(products).set({ imageKey: keys[0] ?? null, updatedAt: now }).where(eq(products.id, productId));
}

async function currentKeys(tx: Tx, productId: number): Promise<string[]> {
  const rows = await tx.select({ key: productImages.key }).from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
  return rows.map((row) => row.key);
}

export type AddProductImagesResult =
  | { outcome: "added"; images: { image: ProductImageInfo; alreadyPresent: boolean }[] }
  | { outcome: "product_not_found" | "too_many_images" };

/**
 * Adds photos after the product's others, all or none (the first of a product without photos becomes
 * its main photo). A file stored already is not a second photo: it is answered with the stored one
 * (`alreadyPresent`), so an integration may send the same photo again.
 */
export async function addProductImages(
  productId: number,
  uploads: { image: ProcessedProductImage; originalName: string | null }[],
  userId: number | null,
  now: Date,
): Promise<AddProductImagesResult> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (!(await lockProduct(tx, productId))) return { outcome: "product_not_found" };
    const stored = await tx.select(infoColumns).from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
    const byKey = new Map(stored.map((info) => [info.key, info]));
    const newKeys = new Set(uploads.map((upload) => upload.image.key).filter((key) => !byKey.has(key)));
    if (stored.length + newKeys.size > MAX_IMAGES_PER_PRODUCT) return { outcome: "too_many_images" };
    const results: { image: ProductImageInfo; alreadyPresent: boolean }[] = [];
    let total = stored.length;
    for (const { image, originalName } of uploads) {
      const present = byKey.get(image.key);
      if (present) {
        results.push({ image: present, alreadyPresent: true });
        continue;
      }
      const [added] = await tx
        .insert(productImages)
        .values({
          productId,
          key: image.key,
          position: total,
          width: image.width,
          height: image.height,
          large: image.large,
          thumbnail: image.thumbnail,
          originalName,
          originalType: image.originalType,
          originalBytes: image.originalBytes,
          createdAt: now,
          createdByUserId: userId,
        })
        .returning(infoColumns);
      byKey.set(image.key, added!);
      results.push({ image: added!, alreadyPresent: false });
      total++;
    }
    if (stored.length === 0 && total > 0) await storeOrder(tx, productId, [...byKey.keys()], now);
    return { outcome: "added", images: results };
  });
}

/** Removes a photo; the others close up (the next becomes the main photo). False when there was none. */
export async function deleteProductImage(productId: number, key: string, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (!(await lockProduct(tx, productId))) return false;
    const deleted = await tx
      .delete(productImages)
      .where(and(eq(productImages.productId, productId), eq(productImages.key, key)))
      .returning({ key: productImages.key });
    if (deleted.length === 0) return false;
    await storeOrder(tx, productId, await currentKeys(tx, productId), now);
    return true;
  });
}

/** Moves a photo to `position` (0 = main photo; clamped to the end). False when the product has no such photo. */
export async function moveProductImage(productId: number, key: string, position: number, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (!(await lockProduct(tx, productId))) return false;
    const keys = await currentKeys(tx, productId);
    const from = keys.indexOf(key);
    if (from < 0) return false;
    keys.splice(from, 1);
    keys.splice(Math.max(0, Math.min(position, keys.length)), 0, key);
    await storeOrder(tx, productId, keys, now);
    return true;
  });
}
