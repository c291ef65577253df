import { parseProductDocumentKey, PRODUCT_DOCUMENT_TYPE } from "@/lib/catalog/product-document";
import { readProductDocument } from "@/lib/data/product-documents";

/**
 * GET /product-documents/:sku/:key/:fileName — a product's document (PDF). Public like its photos:
 * procurement systems fetch it from their back end (OCI NEW_ITEM-ATTACHMENT, cXML AttachmentReference)
 * and catalogue files link to it. Cacheable forever: the key is a hash of the file. The file name is
 * only for the browser's download; the stored one is what we send.
 */
export async function GET(request: Request, { params }: { params: Promise<{ sku: string; key: string; file: string }> }) {
  const { sku, key: rawKey } = await params;
  const key = parseProductDocumentKey(rawKey);
  const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  if (!key) return notFound();
  const document = await readProductDocument(decodeURIComponent(sku), key);
  if (!document) return notFound();
  const headers = {
    "cache-control": "public, max-age=31536000, immutable",
    etag: `"${key}"`,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      ...headers,
      "content-type": PRODUCT_DOCUMENT_TYPE,
      "content-length": String(document.bytes.byteLength),
      // Shown in the browser's PDF viewer; "save" keeps the name (ASCII only, lib/catalog/product-document.ts).
      "content-disposition": `inline; filename="${document.fileName}"`,
    },
  });
}
