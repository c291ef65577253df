import { MAX_FILES_PER_UPLOAD, uploadProductImagesAsAdmin } from "@/lib/admin/product-images";
import { openProductUpload } from "@/lib/admin/product-upload-route";
import { MAX_IMAGE_BYTES } from "@/lib/catalog/product-image";
import { isAppError } from "@/lib/errors";

/**
 * POST /admin/products/:sku/photos — the product page's upload form (multipart, `photos` one or more
 * files). A route rather than a server action: the staff member is checked before the body is read,
 * and the body may be larger than a server action takes. Answers with a redirect back to the product
 * page, which shows the outcome (so the form works without JavaScript).
 */
export async function POST(request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const upload = await openProductUpload(request, (await params).sku, "photos");
  if ("refused" in upload) return upload.refused;
  const { staff, sku, back } = upload;
  // The multipart envelope adds a little per file.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FILES_PER_UPLOAD * (MAX_IMAGE_BYTES + 4096)) return back({ photoError: "image_too_large" });
  const form = await request.formData().catch(() => null);
  const files = (form?.getAll("photos") ?? []).filter((value): value is File => value instanceof File);
  try {
    const uploads = await Promise.all(files.map(async (file) => ({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name || null })));
    const { images } = await uploadProductImagesAsAdmin(staff, sku, uploads, new Date());
    return back({ photosAdded: String(images.filter((image) => !image.alreadyPresent).length), photosPresent: String(images.filter((image) => image.alreadyPresent).length) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "not_found") return new Response("Not found", { status: 404 });
    return back({ photoError: error.message, ...(typeof error.details?.file === "string" && error.details.file ? { photoFile: error.details.file } : {}) });
  }
}
