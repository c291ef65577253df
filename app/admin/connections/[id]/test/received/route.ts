import { NextResponse, type NextRequest } from "next/server";
import { getStaffUser } from "@/lib/auth/guards";
import { connectionTestPath } from "@/lib/punchout/connection-test";
import { requestOrigin, seeOther } from "@/lib/punchout/request-origin";

/**
 * POST /admin/connections/[id]/test/received — where a connection test's transfer page posts the
 * cart instead of the buyer's system. The cart itself was logged when the transfer page was built
 * (what the buyer's system would receive); this only takes the browser back to the test page.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const origin = request.headers.get("origin");
  if (origin && origin !== requestOrigin(request)) return new NextResponse("Forbidden", { status: 403 });
  const staff = await getStaffUser();
  const { id } = await params;
  const connectionId = Number(id);
  if (!staff || !/^\d{1,9}$/.test(id)) return new NextResponse("Not found", { status: 404 });
  return seeOther(`${connectionTestPath(connectionId)}#result`);
}
