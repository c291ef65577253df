import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { getCategoriesViaApi } from "@/lib/admin/categories";
import { categoryPutSchema, putCategoriesViaApi } from "@/lib/admin/category-api";

// GET /admin/api/categories — the whole tree exactly as PUT takes it (sending it back is all `unchanged`).
export async function GET(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => Response.json(await getCategoriesViaApi(staff)));
}

// PUT /admin/api/categories — the category tree by code from the supplier's ERP or PIM (lib/admin/category-api.ts).
export async function PUT(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => {
    const body = await request.json().catch(() => undefined);
    const parsed = categoryPutSchema.safeParse(body);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await putCategoriesViaApi(staff, parsed.data);
    return Response.json(result, { status: result.status === "rejected" ? 422 : 200 });
  });
}
