import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { creditLimitSchema, getCreditForStaff, setCreditLimitForStaff } from "@/lib/admin/credit-api";

const customerId = (id: string): number | null => (/^\d{1,9}$/.test(id) ? Number(id) : null);

// GET /admin/api/customers/:id/credit — the customer's credit limit, what it owes and what is left.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = customerId((await params).id);
  return withStaffApi(request, "credit", async (staff) => {
    if (id === null) return Response.json({ error: "not_found" }, { status: 404 });
    return Response.json(await getCreditForStaff(staff, id));
  });
}

// PUT /admin/api/customers/:id/credit — the ERP sets the credit limit ({"creditLimit":"12500.00"}; null: none).
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = customerId((await params).id);
  return withStaffApi(request, "credit", async (staff) => {
    if (id === null) return Response.json({ error: "not_found" }, { status: 404 });
    const parsed = creditLimitSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await setCreditLimitForStaff(staff, id, parsed.data.creditLimit));
  });
}
