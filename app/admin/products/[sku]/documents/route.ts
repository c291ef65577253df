import {
  productDocumentFieldsSchema,
  productDocumentVersionFieldsSchema,
  uploadProductDocumentAsAdmin,
  uploadProductDocumentVersionAsAdmin,
} from "@/lib/admin/product-documents";
import { openProductUpload } from "@/lib/admin/product-upload-route";
import { MAX_DOCUMENT_BYTES } from "@/lib/catalog/product-document";
import { isAppError } from "@/lib/errors";

/**
 * POST /admin/products/:sku/documents — the product page's document upload (multipart: `document`,
 * `kind`, `language`, `title`, `version`, `revisedOn`, and `notify` to mail a new safety data sheet to the
 * product's buyers); with `replaces` (a current document's key) a new version of that document, which
 * keeps its kind and language.
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
  const replaces = typeof form?.get("replaces") === "string" ? (form.get("replaces") as string) : null;
  const common = { title: form?.get("title") ?? "", version: form?.get("version") ?? "", revisedOn: form?.get("revisedOn") ?? "" };
  const fields = productDocumentFieldsSchema.safeParse({ ...common, kind: form?.get("kind"), language: form?.get("language") ?? "" });
  const versionFields = productDocumentVersionFieldsSchema.safeParse(common);
  const parsed = replaces === null ? fields : versionFields;
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return back({ documentError: "document_none" });
  if (!parsed.success) {
    const known = ["document_title_too_long", "document_version_too_long", "document_revised_on_invalid"];
    return back({ documentError: parsed.error.issues.map((issue) => issue.message).find((message) => known.includes(message)) ?? "invalid_input" });
  }
  try {
    const upload = { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || null };
    const options = { notify: form?.get("notify") === "on" };
    const { alreadyPresent, notified } =
      replaces === null
        ? await uploadProductDocumentAsAdmin(staff, sku, upload, fields.data!, new Date(), options)
        : await uploadProductDocumentVersionAsAdmin(staff, sku, replaces, upload, versionFields.data!, new Date(), options);
    return back({
      documentOutcome: alreadyPresent ? "present" : replaces === null ? "added" : "versionAdded",
      ...(notified ? { sheetPeople: String(notified.people), sheetCompanies: String(notified.companies), sheetUnreached: String(notified.unreached.length) } : {}),
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "not_found" && error.message !== "document_not_found") return new Response("Not found", { status: 404 });
    return back({ documentError: error.message, ...(file.name ? { documentFile: file.name.slice(0, 255) } : {}) });
  }
}
