import { NextResponse, type NextRequest } from "next/server";
import { getStaffUser } from "@/lib/auth/guards";
import { connectionTestPath } from "@/lib/punchout/connection-test";
import { seeOther } from "@/lib/punchout/request-origin";

/**
 * POST /admin/connections/[id]/test/received — where a connection test's transfer page posts the
 * cart instead of the buyer's system. The cart itself was logged when the transfer page was built
 * (what the buyer's system would receive); this only takes the browser back to the test page. It
 * changes nothing, so it needs no origin check (the cXML transfer page posts with `Origin: null`,
 * its referrer policy being no-referrer).
 */
export async function POST(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getStaffUser();
  const { id } = await params;
  const connectionId = Number(id);
  if (!staff || !/^\d{1,9}$/.test(id)) return new NextResponse("Not found", { status: 404 });
  return seeOther(`${connectionTestPath(connectionId)}#result`);
}
