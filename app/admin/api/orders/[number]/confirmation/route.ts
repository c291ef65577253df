import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { orderDecisionApiSchema } from "@/lib/admin/order-decision-input";
import { decideOrderViaApi } from "@/lib/admin/orders-api";

// POST /admin/api/orders/:number/confirmation — the ERP decides on an order ({"decision":"change","comment":"…",
// "lines":[{"line":1,"quantity":2,"unitPriceMinor":350,"deliveryDate":"2026-12-12"}]}): 200 with the order's new status
// and whether a ConfirmationRequest was queued for the buyer's system; the same decision again 200 "replayed": true,
// another one on an order decided or moved on 409 order_status_changed (lib/admin/orders-api.ts).
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "orders", async (staff) => {
    const parsed = orderDecisionApiSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await decideOrderViaApi(staff, decodeURIComponent(number), parsed.data));
  });
}
