import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { erpReferenceSchema, setErpReferenceForStaff } from "@/lib/admin/orders-api";

// PUT /admin/api/orders/:number/erp-reference — the ERP reports its own number for our order.
export async function PUT(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "orders", async (staff) => {
    const parsed = erpReferenceSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await setErpReferenceForStaff(staff, { orderNumber: decodeURIComponent(number) }, parsed.data.erpReference, new Date()));
  });
}
