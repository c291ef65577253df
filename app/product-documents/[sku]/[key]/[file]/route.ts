import { parseProductDocumentKey, PRODUCT_DOCUMENT_TYPE, productDocumentPath } from "@/lib/catalog/product-document";
import { readProductDocument } from "@/lib/data/product-documents";

/**
 * GET /product-documents/:sku/:key/:fileName — a product's document (PDF). Public like its photos:
 * procurement systems fetch it from their back end (OCI NEW_ITEM-ATTACHMENT, cXML AttachmentReference)
 * and catalogue files link to it. Cacheable forever: the key is a hash of the file. The file name is
 * only for the browser's download; the stored one is what we send. An earlier version of a document is
 * still served — a mail, a requisition or a catalogue file carried that version — with a `Link` to the
 * current one (rel "latest-version", RFC 5829 §3.3).
 */
export async function GET(request: Request, { params }: { params: Promise<{ sku: string; key: string; file: string }> }) {
  const { sku, key: rawKey } = await params;
  const key = parseProductDocumentKey(rawKey);
  const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  if (!key) return notFound();
  const storedSku = decodeURIComponent(sku);
  const document = await readProductDocument(storedSku, key);
  if (!document) return notFound();
  const headers: Record<string, string> = {
    // An earlier version's bytes never change, but which version is current does: the Link is revalidated daily.
    "cache-control": document.latest ? "public, max-age=86400" : "public, max-age=31536000, immutable",
    etag: `"${key}"`,
    "x-content-type-options": "nosniff",
    ...(document.latest ? { link: `<${productDocumentPath(storedSku, document.latest.key, document.latest.fileName)}>; rel="latest-version"` } : {}),
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
