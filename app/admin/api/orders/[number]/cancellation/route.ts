import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { orderCancellationApiSchema } from "@/lib/admin/order-decision-input";
import { cancelOrderViaApi } from "@/lib/admin/orders-api";

// POST /admin/api/orders/:number/cancellation — the ERP cancels a web order on the customer's request ({"reason":"…"},
// mailed to the orderer): 200 {orderNumber, status: "cancelled"}; an order cancelled already 200 "replayed": true;
// shipped, invoiced or a purchase order 409 (lib/admin/orders-api.ts).
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "orders", async (staff) => {
    const parsed = orderCancellationApiSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await cancelOrderViaApi(staff, decodeURIComponent(number), parsed.data, new Date()));
  });
}
