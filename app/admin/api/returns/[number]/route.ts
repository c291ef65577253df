import { withStaffApi } from "@/lib/admin/api-route";
import { getReturnViaApi } from "@/lib/admin/returns-api";

// GET /admin/api/returns/:number — one return with its lines and, once completed, its credit notes.
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "returns", async (staff) => Response.json(await getReturnViaApi(staff, decodeURIComponent(number).slice(0, 40))));
}
