import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { productPutSchema, putProductsViaApi } from "@/lib/admin/product-api";

// PUT /admin/api/products — product master data by SKU from the supplier's ERP or PIM (lib/admin/product-api.ts).
export async function PUT(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => {
    const body = await request.json().catch(() => undefined);
    const parsed = productPutSchema.safeParse(body);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await putProductsViaApi(staff, parsed.data, new Date());
    return Response.json(result, { status: result.status === "rejected" ? 422 : 200 });
  });
}
