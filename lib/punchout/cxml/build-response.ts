/** Synchronous cXML `<Response><Status/></Response>` documents (PROTOCOLS.md §2.3). */
import { el, renderCxmlDocument, type XmlBuildChild, type XmlBuildElement } from "@/lib/punchout/cxml/xml";

/** Standard Status@text per cXML status code [Ariba KB0402515/188136; cXML guide]. */
export const CXML_STATUS_TEXT = {
  200: "OK",
  201: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  417: "Expectation Failed",
  450: "Not Implemented",
  475: "Signature Required",
  476: "Signature Verification Failed",
  477: "Signature Unacceptable",
  500: "Internal Server Error",
  550: "Unable to reach cXML server",
  551: "Unable to forward request",
  560: "Temporary server error",
} as const;

export type CxmlStatusCode = keyof typeof CXML_STATUS_TEXT;

/**
 * HTTP status we send with each cXML Status code. Policy (PROTOCOLS.md §2.3): every request we
 * could parse gets HTTP 200 and the outcome lives in the cXML Status, because buyers and hubs read
 * the Status, and some treat non-200 HTTP as a transport failure and retry. Only a body we could
 * not parse at all (406) gets HTTP 400. 5xx Status codes tell the client to retry with the same
 * payloadID; the HTTP layer does not need to repeat that.
 */
export const HTTP_STATUS_FOR_CXML_CODE: Readonly<Record<CxmlStatusCode, number>> = {
  200: 200,
  201: 200,
  204: 200,
  400: 200,
  401: 200,
  402: 200,
  403: 200,
  406: 400,
  409: 200,
  412: 200,
  417: 200,
  450: 200,
  475: 200,
  476: 200,
  477: 200,
  500: 200,
  550: 200,
  551: 200,
  560: 200,
};

export interface StatusResponseInput {
  payloadId: string;
  timestamp: Date;
  code: CxmlStatusCode;
  /** Status@text; defaults to the standard text for the code. */
  text?: string;
  /** Free-text detail (Status element content). Never put secrets or stack traces here. */
  message?: string;
  /** xml:lang of text/message, default "en-US". */
  lang?: string;
}

/** `<Status code text xml:lang>message</Status>`. */
export function statusElement(input: Pick<StatusResponseInput, "code" | "text" | "message" | "lang">): XmlBuildElement {
  return el(
    "Status",
    { code: input.code, text: input.text ?? CXML_STATUS_TEXT[input.code], "xml:lang": input.lang ?? "en-US" },
    input.message ?? null,
  );
}

/** Renders `<cXML><Response><Status/>…</Response></cXML>` (Responses carry no Header). */
export function renderResponseDocument(input: StatusResponseInput, ...payload: XmlBuildChild[]): string {
  return renderCxmlDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, lang: input.lang },
    el("Response", null, statusElement(input), ...payload),
  );
}

/** A bare status Response (200 OK for an order, 401 for bad credentials, 406 for unparseable input, …). */
export function buildStatusResponse(input: StatusResponseInput): string {
  return renderResponseDocument(input);
}
