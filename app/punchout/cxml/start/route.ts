import { NextResponse, type NextRequest } from "next/server";
import { applyPunchoutSessionCookies } from "@/lib/punchout/browser-session";
import { redeemCxmlStartPage } from "@/lib/punchout/cxml-start";
import { clientAddress } from "@/lib/auth/client-address";

// GET /punchout/cxml/start?token=… — the StartPage: single-use token → new punchout shop session
export async function GET(request: NextRequest) {
  const outcome = await redeemCxmlStartPage(request.nextUrl.searchParams.get("token"), {
    now: new Date(),
    remoteAddress: clientAddress(request.headers),
  });
  if (outcome.kind === "html") {
    // Usually shown inside the buyer's frame, whose origin we cannot know without a valid token:
    // a static message without any control is safe to frame anywhere.
    return new NextResponse(outcome.body, {
      status: outcome.status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "frame-ancestors *" },
    });
  }
  // Relative Location: correct whatever host name the buyer system used to reach us.
  const response = new NextResponse(null, { status: 303, headers: { location: outcome.location, "cache-control": "no-store" } });
  applyPunchoutSessionCookies(response, outcome);
  return response;
}
