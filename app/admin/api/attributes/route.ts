import { withStaffApi } from "@/lib/admin/api-route";
import { getAttributesViaApi, putAttributesViaApi } from "@/lib/admin/attribute-api";

// GET /admin/api/attributes — every definition exactly as PUT takes it (sending it back is all `unchanged`).
export async function GET(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => Response.json(await getAttributesViaApi(staff)));
}

// PUT /admin/api/attributes — a JSON array of definitions from the PIM, upserted by key, all or nothing (lib/admin/attribute-api.ts).
export async function PUT(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => {
    const body = await request.json().catch(() => undefined);
    const result = await putAttributesViaApi(staff, body, new Date());
    return Response.json(result, { status: "error" in result ? 400 : 200 });
  });
}
