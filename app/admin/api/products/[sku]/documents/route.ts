import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import {
  listProductDocumentsAsAdmin,
  productDocumentFieldsSchema,
  productDocumentVersionFieldsSchema,
  uploadProductDocumentAsAdmin,
  uploadProductDocumentVersionAsAdmin,
} from "@/lib/admin/product-documents";
import { MAX_DOCUMENT_BYTES } from "@/lib/catalog/product-document";
import { readBodyLimited } from "@/lib/punchout/read-body";

type Params = { params: Promise<{ sku: string }> };

// GET /admin/api/products/:sku/documents — the product's current documents (kind, language, title, version, revision
// date, file name, size, URL), each with its `earlierVersions` (newest first; still served at their URLs).
export async function GET(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => Response.json({ documents: await listProductDocumentsAsAdmin(staff, decodeURIComponent(sku)) }));
}

// POST /admin/api/products/:sku/documents?kind=safety_data_sheet&language=nl&title=…&filename=…&notify=true — the
// PDF as the raw body. 201 with the new document; 200 with the stored one when the same file was sent before.
// `notify=true`: a new safety data sheet is also mailed to the product's buyers of the last twelve months
// (the answer's `notified`: people and customers). Also `version=3.1&revisedOn=2026-10-12` as printed on it.
// `replaces=<key>`: a new version of that current document (its kind and language, its title unless `title`
// is given); the replaced one becomes an earlier version. 409 when that key is an earlier version itself, or
// when the file is stored as an earlier version.
export async function POST(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const query = new URL(request.url).searchParams;
    const replaces = query.get("replaces");
    const common = { title: query.get("title") ?? "", version: query.get("version") ?? undefined, revisedOn: query.get("revisedOn") ?? undefined };
    const fields = productDocumentFieldsSchema.safeParse({ ...common, kind: query.get("kind") ?? undefined, language: query.get("language") ?? "" });
    const versionFields = productDocumentVersionFieldsSchema.safeParse(common);
    const parsed = replaces === null ? fields : versionFields;
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { bytes, truncated } = await readBodyLimited(request, MAX_DOCUMENT_BYTES);
    if (truncated) return Response.json({ error: "document_too_large", code: "invalid_input", details: { maxBytes: MAX_DOCUMENT_BYTES } }, { status: 413 });
    const file = { bytes, name: query.get("filename") };
    const options = { notify: query.get("notify") === "true" };
    const { document, alreadyPresent, notified } =
      replaces === null
        ? await uploadProductDocumentAsAdmin(staff, decodeURIComponent(sku), file, fields.data!, new Date(), options)
        : await uploadProductDocumentVersionAsAdmin(staff, decodeURIComponent(sku), replaces, file, versionFields.data!, new Date(), options);
    return Response.json({ ...document, ...(notified ? { notified } : {}) }, { status: alreadyPresent ? 200 : 201 });
  });
}
