/**
 * The URLs of product photos (app/product-images). Apart from product-image.ts so that pages building
 * links do not load the image library.
 */

/** URL paths of a photo (relative to the shop's origin); the key makes them safe to cache forever. */
export function productImagePath(sku: string, key: string, size: "large" | "thumbnail"): string {
  return `/product-images/${encodeURIComponent(sku)}/${key}${size === "thumbnail" ? "-thumb.webp" : ".jpg"}`;
}

/** The path of a product's card image: its main photo's thumbnail, else the generated placeholder. */
export function productCardImagePath(product: { sku: string; imageKey: string | null }): string {
  return product.imageKey ? productImagePath(product.sku, product.imageKey, "thumbnail") : `/product-images/${encodeURIComponent(product.sku)}`;
}

/** The content type of each size (lib/catalog/product-image.ts writes them). */
export const PRODUCT_IMAGE_TYPES = { large: "image/jpeg", thumbnail: "image/webp" } as const;

/** "<key>.jpg" → large, "<key>-thumb.webp" → thumbnail, anything else → null (a 404). */
export function parseProductImageFile(file: string): { key: string; size: "large" | "thumbnail" } | null {
  const match = /^([0-9a-f]{24})(\.jpg|-thumb\.webp)$/.exec(file);
  return match?.[1] ? { key: match[1], size: match[2] === ".jpg" ? "large" : "thumbnail" } : null;
}
