import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { putStockViaApi, stockPutSchema } from "@/lib/admin/stock-api";

// PUT /admin/api/stock — stock levels by SKU from the supplier's ERP (lib/admin/stock-api.ts).
export async function PUT(request: Request) {
  return withStaffApi(request, "stock", async (staff) => {
    const body = await request.json().catch(() => undefined);
    const parsed = stockPutSchema.safeParse(body);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await putStockViaApi(staff, parsed.data, new Date());
    return Response.json(result, { status: result.status === "rejected" ? 422 : 200 });
  });
}
