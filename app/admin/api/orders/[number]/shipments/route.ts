import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { reportShipmentViaApi, shipmentApiSchema } from "@/lib/admin/orders-api";

// POST /admin/api/orders/:number/shipments — the ERP reports a shipment ({"carrier":"PostNL","trackingNumber":"3S…",
// "lines":[{"line":1,"quantity":2}]}): 201 recorded; 200 with "replayed": true when the same carrier and tracking
// number came before (a retry), 409 when that tracking number went with other lines (lib/admin/orders-api.ts).
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "orders", async (staff) => {
    const parsed = shipmentApiSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const result = await reportShipmentViaApi(staff, decodeURIComponent(number), parsed.data, new Date());
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  });
}
