import { requestOrigin, seeOther } from "@/lib/punchout/request-origin";
import { NextResponse, type NextRequest } from "next/server";
import { getLocale } from "next-intl/server";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/locales";
import { FRAME_POLICY_COOKIE, toFrameAncestors } from "@/lib/punchout/frame-policy";
import { PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { transferPunchoutCart } from "@/lib/punchout/transfer";

// POST /punchout/transfer — "Transfer cart" / "Cancel punchout" / inspect "Return": the auto-submitting
// return page (OCI fields, or the cXML PunchOutOrderMessage)
export async function POST(request: NextRequest) {
  // The punchout cookie is SameSite=None, so refuse cross-site form posts (CSRF).
  const origin = request.headers.get("origin");
  if (origin && origin !== requestOrigin(request)) return new NextResponse("Forbidden", { status: 403 });
  const user = await getCurrentUser();
  if (!isBuyer(user) || !user.punchout) return new NextResponse("No active punchout session", { status: 401 });
  const mode = (await request.formData()).get("mode") === "cancel" ? "cancel" : "transfer";
  try {
    const page = await transferPunchoutCart(user, mode, toLocale(await getLocale()), new Date(), { baseUrl: env.APP_URL ?? requestOrigin(request) });
    const response = new NextResponse(new Uint8Array(page.body), {
      status: 200,
      headers: {
        "content-type": `text/html; charset=${page.charset}`,
        "cache-control": "no-store",
        "content-security-policy": `frame-ancestors ${toFrameAncestors(page.frameOrigins)}`,
      },
    });
    // The session has ended; the browser goes back to being whatever it was before.
    const gone = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/", maxAge: 0 };
    response.cookies.set(PUNCHOUT_COOKIE, "", gone);
    response.cookies.set(FRAME_POLICY_COOKIE, "", gone);
    return response;
  } catch (error) {
    if (isAppError(error)) return seeOther(`/cart?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
}
