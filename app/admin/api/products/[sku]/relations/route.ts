import { isAdmin } from "@/lib/admin/access";
import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { getProductRelationsAsAdmin, saveProductRelationsAsAdmin } from "@/lib/admin/product-relations";
import { relationsPutSchema } from "@/lib/catalog/product-relations";

type Params = { params: Promise<{ sku: string }> };

// GET /admin/api/products/:sku/relations — {"accessories": […], "alternatives": […], "successor": "…" | null}, as PUT takes it.
export async function GET(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    const { accessories, alternatives, successor } = await getProductRelationsAsAdmin(staff, decodeURIComponent(sku));
    return Response.json({ accessories, alternatives, successor });
  });
}

// PUT /admin/api/products/:sku/relations — replaces all three, all or nothing; 422 names every refused SKU by field.
export async function PUT(request: Request, { params }: Params) {
  const { sku } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    // Account managers' keys: "not found", before the body is even read (as every admin-only route).
    if (!isAdmin(staff)) return Response.json({ error: "not_found" }, { status: 404 });
    const parsed = relationsPutSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await saveProductRelationsAsAdmin(staff, decodeURIComponent(sku), parsed.data);
    if (result.status === "rejected") return Response.json({ error: "invalid_relations", problems: result.problems }, { status: 422 });
    const { accessories, alternatives, successor } = result.relations;
    return Response.json({ accessories, alternatives, successor });
  });
}
