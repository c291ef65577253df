import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { erpCustomerNumberSchema, setErpCustomerNumberForStaff } from "@/lib/admin/customers-api";

const customerId = (id: string): number | null => (/^\d{1,9}$/.test(id) ? Number(id) : null);

// PUT /admin/api/customers/:id/erp-customer-number — the ERP reports its debtor number ({"erpCustomerNumber":"D-10042"};
// null or "": none); 409 erp_customer_number_taken when another customer has it.
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = customerId((await params).id);
  return withStaffApi(request, "customers", async (staff) => {
    if (id === null) return Response.json({ error: "customer_not_found", code: "not_found", details: null }, { status: 404 });
    const parsed = erpCustomerNumberSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await setErpCustomerNumberForStaff(staff, id, parsed.data.erpCustomerNumber));
  });
}
