import { parseProductImageFile, PRODUCT_IMAGE_TYPES } from "@/lib/catalog/product-image-path";
import { readProductImage } from "@/lib/data/product-images";

/**
 * GET /product-images/:sku/:key.jpg (large) and /:key-thumb.webp (thumbnail): a product photo.
 * Public like the catalogue's placeholders — procurement systems and catalogue files link to it —
 * and cacheable forever: the key is a hash of the uploaded file, a new photo gets a new URL.
 */
export async function GET(request: Request, { params }: { params: Promise<{ sku: string; file: string }> }) {
  const { sku, file } = await params;
  const wanted = parseProductImageFile(file);
  if (!wanted) return new Response("Not found", { status: 404 });
  const etag = `"${wanted.key}-${wanted.size}"`;
  const headers = {
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "x-content-type-options": "nosniff",
  };
  const bytes = await readProductImage(decodeURIComponent(sku), wanted.key, wanted.size);
  if (!bytes) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(bytes), { headers: { ...headers, "content-type": PRODUCT_IMAGE_TYPES[wanted.size], "content-length": String(bytes.byteLength) } });
}
