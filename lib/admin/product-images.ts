import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { processProductImage, ProductImageError, type ProcessedProductImage } from "@/lib/catalog/product-image";
import { productImagePath } from "@/lib/catalog/product-image-path";
import { addProductImages, deleteProductImage, listProductImages, MAX_IMAGES_PER_PRODUCT, moveProductImage, type ProductImageInfo } from "@/lib/data/product-images";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getProductForAdminOrThrow } from "./access";

/**
 * Admins manage a product's photos, in the back office (admin → Products → a product) and through the
 * API (`POST/DELETE /admin/api/products/:sku/images`), like the rest of the master data: account
 * managers and API keys of account managers get "not found". Every file of an upload is read and
 * re-encoded before anything is stored; one unreadable file stores none.
 */

export { MAX_IMAGES_PER_PRODUCT };

/** At most this many files in one upload (the form's multiple-file input). */
export const MAX_FILES_PER_UPLOAD = 8;

export interface UploadedFile {
  bytes: Uint8Array;
  name: string | null;
}

export interface ProductImageView extends ProductImageInfo {
  /** Absolute when APP_URL is set (what the API answers), else relative to the shop. */
  url: string;
  thumbnailUrl: string;
}

function viewOf(sku: string, info: ProductImageInfo): ProductImageView {
  const base = env.APP_URL?.replace(/\/$/, "") ?? "";
  return { ...info, url: base + productImagePath(sku, info.key, "large"), thumbnailUrl: base + productImagePath(sku, info.key, "thumbnail") };
}

export async function listProductImagesAsAdmin(staff: StaffUser, sku: string): Promise<ProductImageView[]> {
  const product = await getProductForAdminOrThrow(staff, sku);
  return (await listProductImages(product.id)).map((info) => viewOf(product.sku, info));
}

export interface ProductImageUploadResult {
  images: (ProductImageView & { alreadyPresent: boolean })[];
}

export async function uploadProductImagesAsAdmin(staff: StaffUser, sku: string, files: UploadedFile[], now: Date): Promise<ProductImageUploadResult> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const uploads = files.filter((file) => file.bytes.byteLength > 0 || file.name);
  if (uploads.length === 0) throw new AppError("invalid_input", "image_none");
  if (uploads.length > MAX_FILES_PER_UPLOAD) throw new AppError("invalid_input", "image_too_many_files", { max: MAX_FILES_PER_UPLOAD });
  const processed: { image: ProcessedProductImage; originalName: string | null }[] = [];
  // One at a time: decoding a 40-megapixel photo takes ~200 MB; eight at once would be too much.
  for (const file of uploads) {
    try {
      processed.push({ image: await processProductImage(file.bytes), originalName: file.name?.slice(0, 255) || null });
    } catch (error) {
      if (error instanceof ProductImageError) throw new AppError("invalid_input", error.problem, { file: file.name ?? "" });
      throw error;
    }
  }
  const result = await addProductImages(product.id, processed, staff.id, now);
  if (result.outcome === "product_not_found") throw new AppError("not_found", "product_not_found");
  if (result.outcome !== "added") throw new AppError("conflict", "image_too_many", { max: MAX_IMAGES_PER_PRODUCT });
  return { images: result.images.map(({ image, alreadyPresent }) => ({ ...viewOf(product.sku, image), alreadyPresent })) };
}

export async function deleteProductImageAsAdmin(staff: StaffUser, sku: string, key: string, now: Date): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  if (!(await deleteProductImage(product.id, key, now))) throw new AppError("not_found", "image_not_found");
}

/** Moves a photo to `position` (0 makes it the main photo). */
export async function moveProductImageAsAdmin(staff: StaffUser, sku: string, key: string, position: number, now: Date): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  if (!(await moveProductImage(product.id, key, position, now))) throw new AppError("not_found", "image_not_found");
}
