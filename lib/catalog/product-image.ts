import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";

/**
 * Product photos as the shop serves them. An upload (a supplier's own photo, a manufacturer's JPEG, a
 * PNG cut-out) is read once and written as two files: `large`, a JPEG on white, for the product page
 * and for links in punchout carts and catalogue files (what every consumer takes: BMEcat's MIME_TYPE
 * knows image/jpeg but not WebP, mail clients and PDF writers read JPEG), and `thumbnail`, a WebP for
 * the shop's cards and lists (a third smaller; only browsers read it). Re-encoding is the safety
 * net too: what is served is always an image we wrote (never the uploaded bytes, so no EXIF location
 * data, no SVG with script, no polyglot file), rotated upright from its EXIF orientation.
 */

// An upload is rare and the shop's requests are not: no libvips operation cache kept in memory after it
// (up to 50 MB by default), and one thread, so a 40-megapixel photo does not take every core from them.
sharp.cache(false);
sharp.concurrency(1);

/** Bigger files are refused before decoding: a product photo needs far less. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Decoding bound (a small file can still claim 60,000 × 60,000 pixels: a decompression bomb). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Smaller than this on either side is an icon, not a product photo. */
export const MIN_IMAGE_SIDE = 64;
/** The large image fits in this square (the product page shows it at up to 480 px, 2× for sharp screens). */
export const LARGE_SIDE = 1200;
/** The thumbnail fits in this box: cards show it at 160 × 120 CSS pixels, 2× for sharp screens. */
export const THUMBNAIL_BOX = { width: 320, height: 240 } as const;

/** What libvips reports → what we accept. SVG, PDF, HEIC and the rest are refused (SVG can carry script). */
const ACCEPTED_FORMATS = new Map<string, string>([
  ["jpeg", "image/jpeg"],
  ["png", "image/png"],
  ["webp", "image/webp"],
  ["gif", "image/gif"],
  ["tiff", "image/tiff"],
]);
export const ACCEPTED_IMAGE_TYPES = [...ACCEPTED_FORMATS.values(), "image/avif"];

/** libvips calls AVIF "heif" with AV1 compression; HEIC (HEVC) is not decoded by this build and refused. */
function acceptedType(metadata: Metadata): string | undefined {
  if (metadata.format === "heif") return metadata.compression === "av1" ? "image/avif" : undefined;
  return metadata.format ? ACCEPTED_FORMATS.get(metadata.format) : undefined;
}

export type ProductImageProblem = "image_empty" | "image_too_large" | "image_unreadable" | "image_type_not_allowed" | "image_too_small";

export class ProductImageError extends Error {
  constructor(readonly problem: ProductImageProblem) {
    super(problem);
    this.name = "ProductImageError";
  }
}

export interface ProcessedProductImage {
  /** 24 hex digits of the SHA-256 of the uploaded bytes: the same file is the same image. */
  key: string;
  /** Size of the large image. */
  width: number;
  height: number;
  large: Buffer;
  thumbnail: Buffer;
  /** The uploaded file's type as read from its content (not as the browser claimed it). */
  originalType: string;
  originalBytes: number;
}

export function productImageKey(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 24);
}

/** Reads an uploaded photo and writes the shop's two files, or throws a ProductImageError. */
export async function processProductImage(bytes: Uint8Array): Promise<ProcessedProductImage> {
  if (bytes.byteLength === 0) throw new ProductImageError("image_empty");
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new ProductImageError("image_too_large");
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let metadata: Metadata;
  try {
    // The header only: the pixel bound is checked below, with our own answer.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ProductImageError("image_unreadable");
  }
  const originalType = acceptedType(metadata);
  if (!originalType) throw new ProductImageError("image_type_not_allowed");
  // EXIF orientations 5–8 turn the picture a quarter: its upright sides are swapped.
  const quarterTurn = (metadata.orientation ?? 1) >= 5;
  const width = quarterTurn ? metadata.height : metadata.width;
  const height = quarterTurn ? metadata.width : metadata.height;
  if (!width || !height) throw new ProductImageError("image_unreadable");
  if ((width * height) > MAX_IMAGE_PIXELS) throw new ProductImageError("image_too_large");
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) throw new ProductImageError("image_too_small");

  // First frame only (an animated GIF becomes a still); upright; sRGB (CMYK catalogue JPEGs too).
  const upright = () => sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, animated: false }).autoOrient().toColourspace("srgb");
  try {
    const large = await upright()
      .resize({ width: LARGE_SIDE, height: LARGE_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 84, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await upright()
      .resize({ ...THUMBNAIL_BOX, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    return {
      key: productImageKey(bytes),
      width: large.info.width,
      height: large.info.height,
      large: large.data,
      thumbnail,
      originalType,
      originalBytes: bytes.byteLength,
    };
  } catch {
    // A header that reads but a body that does not (a truncated upload).
    throw new ProductImageError("image_unreadable");
  }
}
