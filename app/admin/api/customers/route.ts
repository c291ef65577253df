import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { customerListQuerySchema, listCustomersForStaffApi } from "@/lib/admin/customers-api";

// GET /admin/api/customers?after=<cursor>&limit=100[&erpCustomerNumber=D-10042] — the customers, oldest first, with
// their ERP customer numbers (lib/admin/customers-api.ts).
export async function GET(request: Request) {
  return withStaffApi(request, "customers", async (staff) => {
    const parsed = customerListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await listCustomersForStaffApi(staff, parsed.data));
  });
}
