import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { MAX_IMAGE_BYTES, processProductImage, ProductImageError, type ProcessedProductImage } from "@/lib/catalog/product-image";
import { productImagePath } from "@/lib/catalog/product-image-path";
import { IMAGE_FETCH_TIMEOUT_MS, imageNameOfUrl, MAX_IMAGE_REDIRECTS, mayBeImageContentType, parseImageUrl } from "@/lib/catalog/remote-image";
import { addProductImages, deleteProductImage, listProductImages, MAX_IMAGES_PER_PRODUCT, moveProductImage, type ProductImageInfo } from "@/lib/data/product-images";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { allowedPrivateHostsFromEnv, fetchPublicUrl, FetchPublicUrlError, type FetchPublicUrlOptions } from "@/lib/http/fetch-public-url";
import { getProductForAdminOrThrow } from "./access";

/**
 * Admins manage a product's photos, in the back office (admin → Products → a product) and through the
 * API (`POST/DELETE /admin/api/products/:sku/images`), like the rest of the master data: account
 * managers and API keys of account managers get "not found". Every file of an upload is read and
 * re-encoded before anything is stored; one unreadable file stores none. Photos from URLs (a PIM
 * export, the old shop's CDN) are fetched (lib/http/fetch-public-url.ts: public addresses only) and
 * then treated exactly like uploaded files, all or none as well.
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
  return storeProcessed(product, processed, staff, now);
}

async function storeProcessed(
  product: { id: number; sku: string },
  processed: { image: ProcessedProductImage; originalName: string | null }[],
  staff: StaffUser,
  now: Date,
): Promise<ProductImageUploadResult> {
  const result = await addProductImages(product.id, processed, staff.id, now);
  if (result.outcome === "product_not_found") throw new AppError("not_found", "product_not_found");
  if (result.outcome !== "added") throw new AppError("conflict", "image_too_many", { max: MAX_IMAGES_PER_PRODUCT });
  return { images: result.images.map(({ image, alreadyPresent }) => ({ ...viewOf(product.sku, image), alreadyPresent })) };
}

/** Why one URL of a "photos from URLs" request gave no photo (an error code of admin.errors, and its values). */
export interface PhotoUrlFailure {
  url: string;
  problem: string;
  /** The HTTP status of image_fetch_status. */
  status?: number;
  /** image_fetch_failed: timeout, redirects, dns, network, tls; image_url_invalid: what was wrong. */
  reason?: string;
}

/** The fetch's limits; tests shorten the timeout and reach their own server. */
export type PhotoUrlFetchOptions = Partial<Pick<FetchPublicUrlOptions, "timeoutMs" | "maxRedirects" | "allowHosts" | "resolve">>;

/**
 * Fetches each URL (at most MAX_FILES_PER_UPLOAD) and stores the photos like an upload: the same
 * processing, the same key (the same image twice is one photo), all or none. When any URL fails,
 * nothing is stored and the AppError names the first failure (message = its code, details.url) and
 * lists every one in details.failures.
 */
export async function addProductImagesFromUrlsAsAdmin(staff: StaffUser, sku: string, urls: string[], now: Date, options: PhotoUrlFetchOptions = {}): Promise<ProductImageUploadResult> {
  const product = await getProductForAdminOrThrow(staff, sku);
  if (urls.length === 0) throw new AppError("invalid_input", "image_url_none");
  if (urls.length > MAX_FILES_PER_UPLOAD) throw new AppError("invalid_input", "image_too_many_urls", { max: MAX_FILES_PER_UPLOAD });
  const fetchOptions: FetchPublicUrlOptions = {
    maxBytes: MAX_IMAGE_BYTES,
    timeoutMs: options.timeoutMs ?? IMAGE_FETCH_TIMEOUT_MS,
    maxRedirects: options.maxRedirects ?? MAX_IMAGE_REDIRECTS,
    allowHosts: options.allowHosts ?? allowedPrivateHostsFromEnv(),
    acceptContentType: mayBeImageContentType,
    resolve: options.resolve,
  };
  // Fetched side by side (at most 8 × 10 MB); decoded one at a time like an upload.
  const fetched = await Promise.all(
    urls.map(async (text): Promise<{ url: string; bytes: Uint8Array; name: string } | PhotoUrlFailure> => {
      const url = text.slice(0, 2 * 2048);
      const parsed = parseImageUrl(text);
      if (!parsed.ok) return { url, problem: parsed.problem, reason: parsed.reason };
      try {
        const { bytes } = await fetchPublicUrl(parsed.url, fetchOptions);
        return { url, bytes, name: imageNameOfUrl(parsed.url) };
      } catch (error) {
        if (error instanceof FetchPublicUrlError) return { url, problem: error.problem, ...error.details };
        throw error;
      }
    }),
  );
  const failures: PhotoUrlFailure[] = [];
  const processed: { image: ProcessedProductImage; originalName: string | null }[] = [];
  for (const item of fetched) {
    if (!("bytes" in item)) {
      failures.push(item);
      continue;
    }
    try {
      processed.push({ image: await processProductImage(item.bytes), originalName: item.name });
    } catch (error) {
      if (!(error instanceof ProductImageError)) throw error;
      failures.push({ url: item.url, problem: error.problem });
    }
  }
  const [first] = failures;
  if (first) {
    const { problem, ...values } = first;
    throw new AppError("invalid_input", problem, { ...values, failures });
  }
  return storeProcessed(product, processed, staff, now);
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
