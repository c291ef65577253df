"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ProductPhotoUrlState } from "@/components/admin/product-photo-url-form";
import { addProductImagesFromUrlsAsAdmin, type PhotoUrlFailure } from "@/lib/admin/product-images";
import { getStaffUser } from "@/lib/auth/guards";
import { imageUrlsFromText } from "@/lib/catalog/remote-image";
import { isAppError } from "@/lib/errors";

const fromUrlsSchema = z.object({ sku: z.string().min(1).max(100), urls: z.string().max(64 * 1024) });

/**
 * The product page's "Add photo from URL" (one URL per line): every URL fetched and stored like an
 * upload, all or none; a refusal names each URL that failed and why. Staff only (admins, as the
 * lib function checks); everybody else gets not_found like every /admin action.
 */
export async function addProductPhotosFromUrlsAction(_previous: ProductPhotoUrlState, formData: FormData): Promise<ProductPhotoUrlState> {
  const staff = await getStaffUser();
  if (!staff) return { status: "error", code: "not_found", message: "not_found" };
  const parsed = fromUrlsSchema.safeParse({ sku: formData.get("sku"), urls: formData.get("urls") });
  if (!parsed.success) return { status: "error", code: "invalid_input", message: "invalid_input" };
  try {
    const { images } = await addProductImagesFromUrlsAsAdmin(staff, parsed.data.sku, imageUrlsFromText(parsed.data.urls), new Date());
    revalidatePath(`/admin/products/${encodeURIComponent(parsed.data.sku)}`);
    const added = images.filter((image) => !image.alreadyPresent).length;
    return { status: "ok", data: { added, present: images.length - added } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const failures = Array.isArray(error.details?.failures) ? (error.details.failures as PhotoUrlFailure[]) : [];
    const max = typeof error.details?.max === "number" ? { max: error.details.max } : undefined;
    return { status: "error", code: error.code, message: error.message, ...(max && { details: max }), ...(failures.length > 0 && { failures }) };
  }
}
