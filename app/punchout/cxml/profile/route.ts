import { requestOrigin } from "@/lib/punchout/request-origin";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { CXML_MAX_BODY_BYTES, cxmlHttpResponse } from "@/lib/punchout/cxml-endpoint";
import { handleCxmlProfile } from "@/lib/punchout/cxml-profile";
import { readBodyLimited } from "@/lib/punchout/read-body";
import { clientAddress } from "@/lib/auth/client-address";

// POST /punchout/cxml/profile — ProfileRequest in, ProfileResponse (transactions and URLs) out
export async function POST(request: NextRequest) {
  const body = await readBodyLimited(request, CXML_MAX_BODY_BYTES);
  const answer = await handleCxmlProfile(body, {
    remoteAddress: clientAddress(request.headers),
    now: new Date(),
    baseUrl: env.APP_URL ?? requestOrigin(request),
    contentType: request.headers.get("content-type"),
  });
  return cxmlHttpResponse(answer);
}
