import { withStaffApi } from "@/lib/admin/api-route";
import { getInvoiceJsonForStaff } from "@/lib/admin/invoices-api";
import { invoiceNumberParam } from "@/lib/invoices/invoice-access";

// GET /admin/api/invoices/:number — one invoice or credit note as in the list (lib/admin/invoices-api.ts).
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = invoiceNumberParam((await params).number);
  return withStaffApi(request, "invoices", async (staff) => Response.json(await getInvoiceJsonForStaff(staff, number, new Date())));
}
