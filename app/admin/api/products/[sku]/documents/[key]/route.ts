import { withStaffApi } from "@/lib/admin/api-route";
import { deleteProductDocumentAsAdmin, productDocumentFieldsSchema, updateProductDocumentAsAdmin } from "@/lib/admin/product-documents";

type Params = { params: Promise<{ sku: string; key: string }> };

// DELETE /admin/api/products/:sku/documents/:key — removes the document.
export async function DELETE(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, async (staff) => {
    await deleteProductDocumentAsAdmin(staff, decodeURIComponent(sku), key);
    return new Response(null, { status: 204 });
  });
}

// PATCH /admin/api/products/:sku/documents/:key {"kind": "datasheet", "language": "en", "title": "…"} — what the document is.
export async function PATCH(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, async (staff) => {
    const parsed = productDocumentFieldsSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return Response.json({ error: "invalid_input", issues: parsed.error.issues }, { status: 400 });
    await updateProductDocumentAsAdmin(staff, decodeURIComponent(sku), key, parsed.data);
    return new Response(null, { status: 204 });
  });
}
