import { productDocumentFieldsSchema, uploadProductDocumentAsAdmin } from "@/lib/admin/product-documents";
import { openProductUpload } from "@/lib/admin/product-upload-route";
import { MAX_DOCUMENT_BYTES } from "@/lib/catalog/product-document";
import { isAppError } from "@/lib/errors";

/**
 * POST /admin/products/:sku/documents — the product page's document upload (multipart: `document`,
 * `kind`, `language`, `title`, and `notify` to mail a new safety data sheet to the product's buyers).
 * A route rather than a server action for the same reasons as the photo upload: the staff member is
 * checked before the body is read, and a PDF may be larger than a server action takes.
 */
export async function POST(request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const upload = await openProductUpload(request, (await params).sku, "documents");
  if ("refused" in upload) return upload.refused;
  const { staff, sku, back } = upload;
  // The multipart envelope and the three small fields add a little.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_DOCUMENT_BYTES + 16_384) return back({ documentError: "document_too_large" });
  const form = await request.formData().catch(() => null);
  const file = form?.get("document");
  const fields = productDocumentFieldsSchema.safeParse({ kind: form?.get("kind"), language: form?.get("language") ?? "", title: form?.get("title") ?? "" });
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return back({ documentError: "document_none" });
  if (!fields.success) return back({ documentError: fields.error.issues.some((issue) => issue.message === "document_title_too_long") ? "document_title_too_long" : "invalid_input" });
  try {
    const { alreadyPresent, notified } = await uploadProductDocumentAsAdmin(
      staff,
      sku,
      { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || null },
      fields.data,
      new Date(),
      { notify: form?.get("notify") === "on" },
    );
    return back({
      documentOutcome: alreadyPresent ? "present" : "added",
      ...(notified ? { sheetPeople: String(notified.people), sheetCompanies: String(notified.companies), sheetUnreached: String(notified.unreached.length) } : {}),
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "not_found") return new Response("Not found", { status: 404 });
    return back({ documentError: error.message, ...(file.name ? { documentFile: file.name.slice(0, 255) } : {}) });
  }
}
