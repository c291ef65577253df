import { z } from "zod";
import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { addProductImagesFromUrlsAsAdmin, listProductImagesAsAdmin, uploadProductImagesAsAdmin, type ProductImageUploadResult } from "@/lib/admin/product-images";
import { MAX_IMAGE_BYTES } from "@/lib/catalog/product-image";
import { readBodyLimited } from "@/lib/punchout/read-body";

type Params = { params: Promise<{ sku: string }> };

/** `{"url": "https://…"}`: a photo to fetch instead of the photo itself. */
const fromUrlSchema = z.strictObject({ url: z.string().min(1) });
const JSON_BODY_LIMIT = 16 * 1024;

// GET /admin/api/products/:sku/images — the product's photos in shop order (the first is the main photo).
export async function GET(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => Response.json({ images: await listProductImagesAsAdmin(staff, decodeURIComponent(sku)) }));
}

// POST /admin/api/products/:sku/images — the photo as the raw body (JPEG, PNG, WebP, GIF, AVIF or TIFF),
// `?filename=` optional; or, as application/json, `{"url":"https://…"}` for a photo the shop fetches.
// 201 with the new photo; 200 with the stored one when the same image was sent before.
export async function POST(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const answer = ({ images: [image] }: ProductImageUploadResult) => Response.json(image, { status: image?.alreadyPresent ? 200 : 201 });
    if (/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
      const { bytes, truncated } = await readBodyLimited(request, JSON_BODY_LIMIT);
      let body: unknown;
      try {
        body = truncated ? undefined : JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        body = undefined;
      }
      const parsed = fromUrlSchema.safeParse(body);
      if (!parsed.success) return invalidInput(parsed.error.issues);
      return answer(await addProductImagesFromUrlsAsAdmin(staff, decodeURIComponent(sku), [parsed.data.url], new Date()));
    }
    const { bytes, truncated } = await readBodyLimited(request, MAX_IMAGE_BYTES);
    if (truncated) return Response.json({ error: "image_too_large", code: "invalid_input", details: { maxBytes: MAX_IMAGE_BYTES } }, { status: 413 });
    const name = new URL(request.url).searchParams.get("filename");
    return answer(await uploadProductImagesAsAdmin(staff, decodeURIComponent(sku), [{ bytes, name }], new Date()));
  });
}
