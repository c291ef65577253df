/** `<PunchOutSetupResponse>` (PROTOCOLS.md §2.6). */
import { renderResponseDocument } from "@/lib/punchout/cxml/build-response";
import { el } from "@/lib/punchout/cxml/xml";

export interface SetupResponseInput {
  payloadId: string;
  timestamp: Date;
  /** StartPage URL carrying the single-use, short-lived session token. */
  startPageUrl: string;
  lang?: string;
}

/** Status 200 + PunchOutSetupResponse/StartPage/URL. Failures use buildStatusResponse (no StartPage). */
export function buildPunchOutSetupResponse(input: SetupResponseInput): string {
  const url = new URL(input.startPageUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError("StartPage URL must be http(s)");
  return renderResponseDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, code: 200, lang: input.lang },
    el("PunchOutSetupResponse", null, el("StartPage", null, el("URL", null, input.startPageUrl))),
  );
}
