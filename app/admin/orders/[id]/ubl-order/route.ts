import { NextResponse } from "next/server";
import { peppolOrderForStaff } from "@/lib/admin/peppol-order";
import { getStaffUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";

/** GET /admin/orders/[id]/ubl-order — the order as a Peppol BIS Ordering 3 UBL Order, for the ERP (lib/admin/peppol-order.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getStaffUser();
  const { id } = await params;
  if (!staff || !/^\d{1,9}$/.test(id)) return new NextResponse("Not found", { status: 404 });
  try {
    const { filename, xml } = await peppolOrderForStaff(staff, Number(id));
    return new NextResponse(xml, {
      headers: { "content-type": "application/xml; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return new NextResponse("Not found", { status: 404 });
    // Missing master data: say which, so the admin can complete it.
    if (isAppError(error) && error.code === "conflict") {
      return new NextResponse(`Cannot build the UBL order: ${error.message}${error.details?.reason ? ` (${String(error.details.reason)})` : ""}`, { status: 409, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
