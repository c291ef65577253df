import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { receiptSchema, reportReceiptViaApi } from "@/lib/admin/returns-api";

// POST /admin/api/returns/:number/receipt — what arrived per line ({"lines":[{"line":1,"received":2}]}); completes and credits.
export async function POST(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return withStaffApi(request, "returns", async (staff) => {
    const parsed = receiptSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await reportReceiptViaApi(staff, decodeURIComponent(number).slice(0, 40), parsed.data, new Date()));
  });
}
