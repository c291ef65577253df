import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { apiPutSchema, listEntriesViaApi, putEntriesViaApi } from "@/lib/admin/price-api";

// GET /admin/api/price-lists/:code/entries — every entry of the list (amounts as decimal strings).
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return withStaffApi(request, "prices", async (staff) => Response.json(await listEntriesViaApi(staff, decodeURIComponent(code))));
}

// PUT /admin/api/price-lists/:code/entries — create/update entries; all-or-nothing unless applyValidOnly.
export async function PUT(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return withStaffApi(request, "prices", async (staff) => {
    const body = await request.json().catch(() => undefined);
    const parsed = apiPutSchema.safeParse(body);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await putEntriesViaApi(staff, decodeURIComponent(code), parsed.data, new Date());
    return Response.json(result, { status: result.status === "rejected" ? 422 : 200 });
  });
}
