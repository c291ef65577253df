import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { LARGE_SIDE, MAX_IMAGE_BYTES, processProductImage, productImageKey, THUMBNAIL_BOX, type ProductImageProblem } from "@/lib/catalog/product-image";
import { parseProductImageFile, productCardImagePath, productImagePath } from "@/lib/catalog/product-image-path";

const solid = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 10, g: 120, b: 90, alpha: 0.5 } : { r: 10, g: 120, b: 90 } } });

describe("processProductImage", () => {
  const accepted: [string, () => Promise<Buffer>, string][] = [
    ["JPEG", () => solid(800, 600).jpeg().toBuffer(), "image/jpeg"],
    ["PNG with transparency", () => solid(500, 500, true).png().toBuffer(), "image/png"],
    ["WebP", () => solid(300, 200).webp().toBuffer(), "image/webp"],
    ["GIF", () => solid(200, 200).gif().toBuffer(), "image/gif"],
    ["TIFF", () => solid(200, 300).tiff().toBuffer(), "image/tiff"],
    ["AVIF", () => solid(256, 256).avif().toBuffer(), "image/avif"],
  ];
  it.each(accepted)("reads a %s and writes a JPEG and a WebP thumbnail", async (_name, make, type) => {
    const input = await make();
    const image = await processProductImage(input);
    expect(image.originalType).toBe(type);
    expect(image.originalBytes).toBe(input.byteLength);
    expect(image.key).toBe(productImageKey(input));
    const large = await sharp(image.large).metadata();
    const thumbnail = await sharp(image.thumbnail).metadata();
    expect(large.format).toBe("jpeg");
    expect(large.hasAlpha).toBe(false);
    expect(thumbnail.format).toBe("webp");
    expect([large.width, large.height]).toEqual([image.width, image.height]);
    expect(thumbnail.width!).toBeLessThanOrEqual(THUMBNAIL_BOX.width);
    expect(thumbnail.height!).toBeLessThanOrEqual(THUMBNAIL_BOX.height);
  });

  it("scales a large photo down to fit LARGE_SIDE, keeping its proportions, and never enlarges a small one", async () => {
    const big = await processProductImage(await solid(3000, 1500).jpeg().toBuffer());
    expect([big.width, big.height]).toEqual([LARGE_SIDE, LARGE_SIDE / 2]);
    const thumb = await sharp(big.thumbnail).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 160]);
    const small = await processProductImage(await solid(200, 100).png().toBuffer());
    expect([small.width, small.height]).toEqual([200, 100]);
  });

  it("turns a photo upright from its EXIF orientation and drops its metadata (no camera or GPS data served)", async () => {
    // 400 × 200 as stored, orientation 6 ("rotate 90° clockwise to view"): upright it is 200 × 400.
    const input = await solid(400, 200).jpeg().withMetadata({ orientation: 6 }).withExifMerge({ IFD0: { Make: "Koppel test camera" } }).toBuffer();
    const stored = await sharp(input).metadata();
    expect([stored.orientation, stored.exif?.includes("Koppel test camera")]).toEqual([6, true]);
    const image = await processProductImage(input);
    expect([image.width, image.height]).toEqual([200, 400]);
    const large = await sharp(image.large).metadata();
    expect(large.exif).toBeUndefined();
    expect(large.orientation).toBeUndefined();
  });

  it("keeps the same key for the same file and gives another file another key", async () => {
    const a = await solid(100, 100).png().toBuffer();
    const b = await solid(101, 100).png().toBuffer();
    expect((await processProductImage(a)).key).toBe((await processProductImage(a)).key);
    expect(productImageKey(a)).not.toBe(productImageKey(b));
    expect(productImageKey(a)).toMatch(/^[0-9a-f]{24}$/);
  });

  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><script>alert(1)</script><rect width="200" height="200"/></svg>');
  const refused: [string, () => Promise<Uint8Array> | Uint8Array, ProductImageProblem][] = [
    ["an empty file", () => new Uint8Array(0), "image_empty"],
    ["a file over the size limit", () => new Uint8Array(MAX_IMAGE_BYTES + 1), "image_too_large"],
    ["text", () => Buffer.from("SKU;quantity\nA-1;2\n"), "image_unreadable"],
    ["a PDF", () => Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), "image_unreadable"],
    ["an SVG (it can carry script)", () => svg, "image_type_not_allowed"],
    ["an icon smaller than 64 px", () => solid(32, 200).png().toBuffer(), "image_too_small"],
    ["a truncated JPEG", async () => (await solid(800, 600).jpeg().toBuffer()).subarray(0, 400), "image_unreadable"],
    // 8,000 × 6,000 = 48 megapixels, a few kilobytes compressed: refused before decoding.
    ["a decompression bomb", () => solid(8000, 6000).png({ compressionLevel: 9 }).toBuffer(), "image_too_large"],
  ];
  it.each(refused)("refuses %s", async (_name, make, problem) => {
    await expect(processProductImage(await make())).rejects.toMatchObject({ name: "ProductImageError", problem });
  });
});

describe("product image paths", () => {
  it.each([
    ["abcdef0123456789abcdef01.jpg", { key: "abcdef0123456789abcdef01", size: "large" }],
    ["abcdef0123456789abcdef01.webp", null],
    ["abcdef0123456789abcdef01-thumb.jpg", null],
    ["abcdef0123456789abcdef01-thumb.webp", { key: "abcdef0123456789abcdef01", size: "thumbnail" }],
    ["abcdef0123456789abcdef01.png", null],
    ["ABCDEF0123456789ABCDEF01.jpg", null],
    ["abcdef0123456789abcdef0.jpg", null],
    ["../abcdef0123456789abcdef01.jpg", null],
    ["abcdef0123456789abcdef01-large.jpg", null],
  ])("parses %s", (file, expected) => {
    expect(parseProductImageFile(file)).toEqual(expected);
  });

  it("builds what the route parses, with the SKU escaped", () => {
    const key = "abcdef0123456789abcdef01";
    expect(productImagePath("A/B 1", key, "large")).toBe(`/product-images/A%2FB%201/${key}.jpg`);
    expect(productImagePath("A-1", key, "thumbnail")).toBe(`/product-images/A-1/${key}-thumb.webp`);
    expect(parseProductImageFile(productImagePath("A-1", key, "thumbnail").split("/").pop()!)).toEqual({ key, size: "thumbnail" });
    expect(productCardImagePath({ sku: "A-1", imageKey: key })).toBe(`/product-images/A-1/${key}-thumb.webp`);
    expect(productCardImagePath({ sku: "A/1", imageKey: null })).toBe("/product-images/A%2F1");
  });
});
