import { withStaffApi } from "@/lib/admin/api-route";
import { getCustomerJsonForStaff } from "@/lib/admin/customers-api";

const customerId = (id: string): number | null => (/^\d{1,9}$/.test(id) ? Number(id) : null);

// GET /admin/api/customers/:id — one customer as in the list, with its ERP customer number.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = customerId((await params).id);
  return withStaffApi(request, "customers", async (staff) => {
    if (id === null) return Response.json({ error: "customer_not_found", code: "not_found", details: null }, { status: 404 });
    return Response.json(await getCustomerJsonForStaff(staff, id));
  });
}
