import { z } from "zod";
import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { deleteProductImageAsAdmin, moveProductImageAsAdmin } from "@/lib/admin/product-images";

type Params = { params: Promise<{ sku: string; key: string }> };
const moveSchema = z.object({ position: z.int().min(0) });

// DELETE /admin/api/products/:sku/images/:key — removes the photo (the next one becomes the main photo).
export async function DELETE(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    await deleteProductImageAsAdmin(staff, decodeURIComponent(sku), key, new Date());
    return new Response(null, { status: 204 });
  });
}

// PATCH /admin/api/products/:sku/images/:key {"position": 0} — moves the photo (0 = main photo).
export async function PATCH(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const parsed = moveSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    await moveProductImageAsAdmin(staff, decodeURIComponent(sku), key, parsed.data.position, new Date());
    return new Response(null, { status: 204 });
  });
}
