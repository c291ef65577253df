import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { listReturnsViaApi, returnListQuerySchema } from "@/lib/admin/returns-api";

// GET /admin/api/returns?status=approved&limit=50&offset=0 — returns of the key holder's customers, with their lines.
export async function GET(request: Request) {
  return withStaffApi(request, "returns", async (staff) => {
    const parsed = returnListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await listReturnsViaApi(staff, parsed.data));
  });
}
