import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { invoiceFeedQuerySchema, listInvoicesForApi } from "@/lib/admin/invoices-api";

// GET /admin/api/invoices?after=<cursor>&limit=100 — issued invoices and credit notes, oldest first, for the ERP's
// bookkeeping; `cursor` in the answer is the next call's `after` (lib/admin/invoices-api.ts).
export async function GET(request: Request) {
  return withStaffApi(request, "invoices", async (staff) => {
    const parsed = invoiceFeedQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await listInvoicesForApi(staff, parsed.data, new Date()));
  });
}
