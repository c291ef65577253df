import { withStaffApi } from "@/lib/admin/api-route";
import { listSafetyDataSheetNoticesAsAdmin, sendSafetyDataSheetAsAdmin } from "@/lib/admin/product-documents";

type Params = { params: Promise<{ sku: string; key: string }> };

// GET /admin/api/products/:sku/documents/:key/notices — who this safety data sheet was sent to, and when.
export async function GET(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => {
    return Response.json({ notices: await listSafetyDataSheetNoticesAsAdmin(staff, decodeURIComponent(sku), key) });
  });
}

// POST /admin/api/products/:sku/documents/:key/notices — mails the safety data sheet to everyone who bought the
// product in the last twelve months (REACH art. 31(9)); answers how many people at how many customers.
export async function POST(request: Request, { params }: Params) {
  const { sku, key } = await params;
  return withStaffApi(request, "catalog", async (staff) => Response.json(await sendSafetyDataSheetAsAdmin(staff, decodeURIComponent(sku), key, new Date())));
}
