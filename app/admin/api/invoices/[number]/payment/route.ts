import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { invoicePaymentSchema, setInvoicePaymentForStaff } from "@/lib/admin/credit-api";

// PUT /admin/api/invoices/:number/payment — the ERP reports a payment ({"paidOn":"2026-11-30"}; null: not paid).
export async function PUT(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "credit", async (staff) => {
    const parsed = invoicePaymentSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await setInvoicePaymentForStaff(staff, decodeURIComponent(number), parsed.data.paidOn, new Date()));
  });
}
