import { NextResponse, type NextRequest } from "next/server";
import { decodeFormBody } from "@/lib/punchout/decode-form";
import { toFrameAncestors } from "@/lib/punchout/frame-policy";
import { applyPunchoutSessionCookies } from "@/lib/punchout/browser-session";
import { handleOciEntry, type OciEntryOutcome } from "@/lib/punchout/oci-entry";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locales";
import { clientAddress } from "@/lib/auth/client-address";

const MAX_BODY_BYTES = 256 * 1024;

// GET /punchout/oci — OCI call-up as a link (Basware, Exact style)
export async function GET(request: NextRequest) {
  return respond(request, [...request.nextUrl.searchParams]);
}

// POST /punchout/oci — OCI call-up as a form post (SAP SRM / S/4HANA style), any charset
export async function POST(request: NextRequest) {
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) return new NextResponse("Request too large", { status: 413 });
  const params = [...request.nextUrl.searchParams, ...decodeFormBody(body, request.headers.get("content-type"))];
  return respond(request, params);
}

async function respond(request: NextRequest, params: [string, string][]): Promise<Response> {
  const outcome = await handleOciEntry(params, {
    remoteAddress: clientAddress(request.headers),
    now: new Date(),
    locale: toLocale(request.cookies.get(LOCALE_COOKIE)?.value),
  });
  return toResponse(outcome, request);
}

function toResponse(outcome: OciEntryOutcome, request: NextRequest): Response {
  if (outcome.kind === "json") return NextResponse.json(outcome.body, { status: outcome.status, headers: { "cache-control": "no-store" } });
  if (outcome.kind === "html") {
    return new NextResponse(new Uint8Array(outcome.body), {
      status: outcome.status,
      headers: {
        "content-type": `text/html; charset=${outcome.charset}`,
        "cache-control": "no-store",
        "content-security-policy": `frame-ancestors ${toFrameAncestors(outcome.frameOrigins ?? [])}`,
      },
    });
  }
  // A brand-new punchout session: never reuse or upgrade whatever session this browser had.
  // Relative Location: correct whatever host name the buyer system used to reach us.
  const response = new NextResponse(null, { status: 303, headers: { location: outcome.location, "cache-control": "no-store" } });
  applyPunchoutSessionCookies(response, outcome);
  return response;
}
