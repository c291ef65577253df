import { requestOrigin } from "@/lib/punchout/request-origin";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { CXML_MAX_BODY_BYTES, cxmlHttpResponse } from "@/lib/punchout/cxml-endpoint";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { readBodyLimited } from "@/lib/punchout/read-body";
import { clientAddress } from "@/lib/auth/client-address";

// POST /punchout/cxml/order — OrderRequest in, stored and reconciled, then the cXML Response
export async function POST(request: NextRequest) {
  const body = await readBodyLimited(request, CXML_MAX_BODY_BYTES);
  const answer = await handleCxmlOrder(body, {
    remoteAddress: clientAddress(request.headers),
    now: new Date(),
    baseUrl: env.APP_URL ?? requestOrigin(request),
    contentType: request.headers.get("content-type"),
  });
  return cxmlHttpResponse(answer);
}
