import { withStaffApi } from "@/lib/admin/api-route";
import { getProductViaApi } from "@/lib/admin/product-api";

// GET /admin/api/products/:sku — one product's master data as PUT /admin/api/products takes it, and its stock.
export async function GET(request: Request, { params }: { params: Promise<{ sku: string }> }) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => Response.json(await getProductViaApi(staff, decodeURIComponent(sku))));
}
