import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { deleteProductDocumentAsAdmin, productDocumentFieldsSchema, updateProductDocumentAsAdmin } from "@/lib/admin/product-documents";

type Params = { params: Promise<{ sku: string; key: string }> };

// DELETE /admin/api/products/:sku/documents/:key — removes that version of the document: 204; or, when it was
// the current version and an earlier one is current again, 200 {"restored": "<its key>"}.
export async function DELETE(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const { restored } = await deleteProductDocumentAsAdmin(staff, decodeURIComponent(sku), key);
    return restored ? Response.json({ restored }) : new Response(null, { status: 204 });
  });
}

// PATCH /admin/api/products/:sku/documents/:key {"kind": "datasheet", "language": "en", "title": "…", "version": "2.0",
// "revisedOn": "2026-10-12"} — what the document is (kind and language on all its versions); version and revisedOn
// absent: unchanged, null or "": none.
export async function PATCH(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const parsed = productDocumentFieldsSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    await updateProductDocumentAsAdmin(staff, decodeURIComponent(sku), key, parsed.data);
    return new Response(null, { status: 204 });
  });
}
