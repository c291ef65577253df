import { withStaffApi } from "@/lib/admin/api-route";
import { listProductImagesAsAdmin, uploadProductImagesAsAdmin } from "@/lib/admin/product-images";
import { MAX_IMAGE_BYTES } from "@/lib/catalog/product-image";
import { readBodyLimited } from "@/lib/punchout/read-body";

type Params = { params: Promise<{ sku: string }> };

// GET /admin/api/products/:sku/images — the product's photos in shop order (the first is the main photo).
export async function GET(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, async (staff) => Response.json({ images: await listProductImagesAsAdmin(staff, decodeURIComponent(sku)) }));
}

// POST /admin/api/products/:sku/images — the photo as the raw body (JPEG, PNG, WebP, GIF, AVIF or TIFF),
// `?filename=` optional. 201 with the new photo; 200 with the stored one when the same file was sent before.
export async function POST(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, async (staff) => {
    const { bytes, truncated } = await readBodyLimited(request, MAX_IMAGE_BYTES);
    if (truncated) return Response.json({ error: "image_too_large", code: "invalid_input", details: { maxBytes: MAX_IMAGE_BYTES } }, { status: 413 });
    const name = new URL(request.url).searchParams.get("filename");
    const { images } = await uploadProductImagesAsAdmin(staff, decodeURIComponent(sku), [{ bytes, name }], new Date());
    const [image] = images;
    return Response.json(image, { status: image?.alreadyPresent ? 200 : 201 });
  });
}
