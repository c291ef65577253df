import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { FRAME_POLICY_COOKIE, toFrameAncestors, verifyFramePolicy } from "@/lib/punchout/frame-policy";

/**
 * Routing-level headers only; authorization happens in every page, action and route itself.
 * Clickjacking protection: pages may be framed by the shop itself, and during a punchout session
 * by the procurement system's origins (signed cookie set at punchout entry).
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  const origins = env.AUTH_SECRET ? verifyFramePolicy(request.cookies.get(FRAME_POLICY_COOKIE)?.value, env.AUTH_SECRET) : null;
  response.headers.set("Content-Security-Policy", `frame-ancestors ${toFrameAncestors(origins ?? [])}`);
  return response;
}

export const config = {
  // Only where a punchout session's frame-policy cookie (FRAME_POLICY_COOKIE) is present: without it the
  // answer is always `frame-ancestors 'self'`, which next.config.ts sends as a static header for the same
  // paths without the per-request cost of a proxy round. Literals, as Next.js reads them at build time;
  // tests/unit/punchout/frame-policy.test.ts holds them equal to next.config.ts's.
  // Not for the punchout entry, cXML and transfer routes: they know the connection and set frame-ancestors
  // themselves (a header set here would replace theirs, e.g. on an error page shown in the buyer's frame),
  // and procurement systems' server-to-server posts (cXML setup, OrderRequest) skip the proxy's cost.
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|product-images|punchout/(?:oci|transfer|cxml/)).*)",
      has: [{ type: "cookie", key: "koppel_frame" }],
    },
  ],
};
