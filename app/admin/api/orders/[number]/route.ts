import { withStaffApi } from "@/lib/admin/api-route";
import { getOrderJsonForStaff } from "@/lib/admin/orders-api";

// GET /admin/api/orders/:number — the order as JSON, as the webhook events carry it (lib/admin/orders-api.ts).
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "orders", async (staff) => Response.json(await getOrderJsonForStaff(staff, decodeURIComponent(number))));
}
