import { withStaffApi } from "@/lib/admin/api-route";
import { invoiceFileForApi } from "@/lib/admin/invoices-api";
import { invoiceNumberParam } from "@/lib/invoices/invoice-access";

// GET /admin/api/invoices/:number/pdf — the document's PDF, as the customer receives it.
export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = invoiceNumberParam((await params).number);
  return withStaffApi(request, "invoices", (staff) => invoiceFileForApi(staff, number, "pdf"));
}
