import { withStaffApi } from "@/lib/admin/api-route";
import { deleteEntryViaApi } from "@/lib/admin/price-api";

// DELETE /admin/api/price-lists/:code/entries/:sku — removes one entry (audited as "api").
export async function DELETE(request: Request, { params }: { params: Promise<{ code: string; sku: string }> }) {
  const { code, sku } = await params;
  return withStaffApi(request, "prices", async (staff) => {
    await deleteEntryViaApi(staff, decodeURIComponent(code), decodeURIComponent(sku));
    return new Response(null, { status: 204 });
  });
}
