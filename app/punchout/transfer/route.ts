import { requestOrigin, seeOther } from "@/lib/punchout/request-origin";
import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { LOCALE_COOKIE, toLocale, type Locale } from "@/lib/i18n/locales";
import { FRAME_POLICY_COOKIE, toFrameAncestors } from "@/lib/punchout/frame-policy";
import { PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { renderPunchoutMessagePageIn } from "@/lib/punchout/html-page";
import { transferPunchoutCart } from "@/lib/punchout/transfer";

// POST /punchout/transfer — "Transfer cart" / "Cancel punchout" / inspect "Return": the auto-submitting
// return page (OCI fields, or the cXML PunchOutOrderMessage)
export async function POST(request: NextRequest) {
  // The punchout cookie is SameSite=None, so refuse cross-site form posts (CSRF).
  const origin = request.headers.get("origin");
  if (origin && origin !== requestOrigin(request)) return new NextResponse("Forbidden", { status: 403 });
  // The shop's language (the cookie its pages are rendered in; Dutch without one).
  const locale = toLocale(request.cookies.get(LOCALE_COOKIE)?.value);
  const user = await getCurrentUser();
  // A second press, a stale tab or an expired session: the session's cookie is gone or points at a session that is over.
  if (!isBuyer(user) || !user.punchout) return endSessionCookies(await sessionEndedPage(locale));
  const mode = (await request.formData()).get("mode") === "cancel" ? "cancel" : "transfer";
  try {
    const page = await transferPunchoutCart(user, mode, locale, new Date(), { baseUrl: env.APP_URL ?? requestOrigin(request) });
    const response = new NextResponse(new Uint8Array(page.body), {
      status: 200,
      headers: {
        "content-type": `text/html; charset=${page.charset}`,
        "cache-control": "no-store",
        "content-security-policy": `frame-ancestors ${toFrameAncestors(page.frameOrigins)}`,
      },
    });
    // The session has ended; the browser goes back to being whatever it was before.
    return endSessionCookies(response);
  } catch (error) {
    // A double submit: the other request ended the session first (lib/data/punchout-transfers.ts).
    if (isAppError(error) && error.message === "punchout_session_not_active") return endSessionCookies(await sessionEndedPage(locale));
    if (isAppError(error)) return seeOther(`/cart?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
}

function endSessionCookies(response: NextResponse): NextResponse {
  const gone = { httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true, path: "/", maxAge: 0 };
  response.cookies.set(PUNCHOUT_COOKIE, "", gone);
  response.cookies.set(FRAME_POLICY_COOKIE, "", gone);
  return response;
}

/**
 * "Deze punchout-sessie is al afgesloten…" as a page like the entry's error pages (401: there is no
 * session to act for), in the shop's language. Framable by any site: it is often shown in the buyer's
 * frame, whose origins went with the session's cookies, and text with nothing to click cannot be
 * clickjacked.
 */
async function sessionEndedPage(locale: Locale): Promise<NextResponse> {
  const t = await getTranslations({ locale, namespace: "punchout" });
  const html = renderPunchoutMessagePageIn(locale, { title: t("sessionEnded"), text: t("errors.punchout_session_not_active") });
  return new NextResponse(html, {
    status: 401,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "frame-ancestors *" },
  });
}
