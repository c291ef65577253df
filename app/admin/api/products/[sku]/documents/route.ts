import { withStaffApi } from "@/lib/admin/api-route";
import { listProductDocumentsAsAdmin, productDocumentFieldsSchema, uploadProductDocumentAsAdmin } from "@/lib/admin/product-documents";
import { MAX_DOCUMENT_BYTES } from "@/lib/catalog/product-document";
import { readBodyLimited } from "@/lib/punchout/read-body";

type Params = { params: Promise<{ sku: string }> };

// GET /admin/api/products/:sku/documents — the product's documents (kind, language, title, file name, size, URL).
export async function GET(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, async (staff) => Response.json({ documents: await listProductDocumentsAsAdmin(staff, decodeURIComponent(sku)) }));
}

// POST /admin/api/products/:sku/documents?kind=safety_data_sheet&language=nl&title=…&filename=…&notify=true — the
// PDF as the raw body. 201 with the new document; 200 with the stored one when the same file was sent before.
// `notify=true`: a new safety data sheet is also mailed to the product's buyers of the last twelve months
// (the answer's `notified`: people and customers).
export async function POST(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, async (staff) => {
    const query = new URL(request.url).searchParams;
    const fields = productDocumentFieldsSchema.safeParse({ kind: query.get("kind") ?? undefined, language: query.get("language") ?? "", title: query.get("title") ?? "" });
    if (!fields.success) return Response.json({ error: "invalid_input", issues: fields.error.issues }, { status: 400 });
    const { bytes, truncated } = await readBodyLimited(request, MAX_DOCUMENT_BYTES);
    if (truncated) return Response.json({ error: "document_too_large", code: "invalid_input", details: { maxBytes: MAX_DOCUMENT_BYTES } }, { status: 413 });
    const { document, alreadyPresent, notified } = await uploadProductDocumentAsAdmin(staff, decodeURIComponent(sku), { bytes, name: query.get("filename") }, fields.data, new Date(), {
      notify: query.get("notify") === "true",
    });
    return Response.json({ ...document, ...(notified ? { notified } : {}) }, { status: alreadyPresent ? 200 : 201 });
  });
}
