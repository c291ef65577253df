import "server-only";
import { randomBytes } from "node:crypto";
import type { PunchoutConnection } from "@/db/schema";
import { logProtocolMessages, type ProtocolLogRow } from "@/lib/data/protocol-messages";
import { cxmlAuthState } from "@/lib/data/punchout-connections";
import { authenticateCxmlRequest, type CxmlAuthLoader } from "./cxml-authenticate";
import { buildStatusResponse, HTTP_STATUS_FOR_CXML_CODE, type CxmlStatusCode } from "./cxml/build-response";
import { parseCxmlHeader, type CxmlHeader } from "./cxml/parse-header";
import { orderIdOf } from "./cxml/parse-order-request";
import { cxmlTextForLog, redactCxmlSecrets } from "./cxml/redact";
import { scanUnreadableCxml, type UnreadableDocumentClues } from "./cxml/scan-unreadable";
import { parseCxml, type CxmlDocument } from "./cxml/xml";

/** Inbound cXML body limit (PROTOCOLS.md §5). Larger bodies are refused unread with 406. */
export const CXML_MAX_BODY_BYTES = 1024 * 1024;

/** Sender/UserAgent of the documents we send. */
export const CXML_USER_AGENT = "Koppel cXML 1.0";

export interface CxmlEndpointContext {
  remoteAddress: string | null;
  now: Date;
  /** Public base URL for absolute links: APP_URL, else the request's own origin. */
  baseUrl: string;
  contentType: string | null;
}

/** The request body; `truncated` when it exceeded CXML_MAX_BODY_BYTES and only its head was read. */
export interface CxmlBody {
  bytes: Uint8Array;
  truncated: boolean;
}

/** What an endpoint answers: always a cXML document, `text/xml; charset=UTF-8`. */
export interface CxmlAnswer {
  httpStatus: number;
  body: string;
  cxmlCode: CxmlStatusCode;
}

export interface CxmlHandled {
  code: CxmlStatusCode;
  /** Status detail for a failure (the reason, never secrets). */
  message?: string;
  /** The full Response document for a success (PunchOutSetupResponse, ProfileResponse). */
  render?: (payloadId: string) => string;
  /** A Response rendered by the handler itself (stored with its data, or for an idempotent replay), answered as-is for any code. */
  stored?: { payloadId: string; xml: string };
  responseType?: string;
  sessionId?: number | null;
  summary?: Record<string, unknown>;
  /** The handler wrote the log rows (AuthenticatedCxmlRequest.logRows) itself, with its own data in one statement. */
  logged?: boolean;
}

/** An outcome whose Response the handler rendered and stored itself. */
export type CxmlStoredAnswer = CxmlHandled & Required<Pick<CxmlHandled, "stored">>;

export interface AuthenticatedCxmlRequest {
  document: CxmlDocument;
  header: CxmlHeader;
  connection: PunchoutConnection;
  /**
   * The protocol log rows (the inbound document, then the Response) the endpoint would write for an
   * outcome with a `stored` Response. A handler that stores them itself, in the statement that stores
   * its own data, answers with that Response and `logged: true`: one round trip and one commit less,
   * and log and data are written together.
   */
  logRows: (outcome: CxmlStoredAnswer) => ProtocolLogRow[];
  /** The inbound document as the log stores it (text, SharedSecret redacted); built once per request. */
  redactedDocument: () => string;
}

/** `<epoch ms>.<pid>.<random>@<host>` — unique in space and time (PROTOCOLS.md §2.1). */
export function newPayloadId(now: Date, baseUrl: string): string {
  return `${now.getTime()}.${process.pid}.${randomBytes(8).toString("hex")}@${new URL(baseUrl).hostname}`;
}

/**
 * The shared pipeline of the server-to-server cXML endpoints: size limit → parse (no DTD loading,
 * no entities) → Header → authenticate → `handle` → one cXML Response. Inbound (SharedSecret
 * redacted) and outbound documents both go to the protocol message log with a parsed summary.
 * Only parse-level failures (406) and a Header without usable credentials (400) are answered
 * before authentication; everything else an unauthenticated sender sees is a generic 401.
 */
export async function runCxmlEndpoint(
  body: CxmlBody,
  context: CxmlEndpointContext,
  handle: (request: AuthenticatedCxmlRequest) => Promise<CxmlHandled>,
  options: {
    /** Throttle status and credential candidates (default: cXML connections with their setup secret). */
    credentials?: CxmlAuthLoader;
    /** Staff replay of a logged inbound document (its SharedSecret is redacted): runs as this connection. */
    trustedConnection?: PunchoutConnection;
  } = {},
): Promise<CxmlAnswer> {
  const started = Date.now();
  let document: CxmlDocument | null = null;
  let connection: PunchoutConnection | null = null;
  let outcome: CxmlHandled;
  let logReason: string | null = null;
  let unreadable: UnreadableDocumentClues | null = null; // what a document we could not parse still says (for the log)
  let redacted: string | undefined; // redactedDocument()'s text, once built
  // What every handler gets besides the request (declared before run() is called: no TDZ).
  const forHandler = { logRows: (handled: CxmlStoredAnswer) => logRows(handled, handled.stored), redactedDocument };
  try {
    const result = await run();
    outcome = result;
  } catch (error) {
    // Our failure (database down…), not the buyer's: a retryable cXML 500, never an HTML page.
    console.error("[koppel] cXML endpoint failed", error);
    logReason = error instanceof Error ? error.message : String(error);
    outcome = { code: 500, message: "Internal error; please retry later with the same payloadID" };
  }

  async function run(): Promise<CxmlHandled> {
    if (body.truncated) return { code: 406, message: `Document exceeds the limit of ${CXML_MAX_BODY_BYTES} bytes` };
    const parsed = parseCxml(Buffer.from(body.bytes), { maxBytes: CXML_MAX_BODY_BYTES });
    if (!parsed.ok) {
      // Still refused (406), but logged on the customer's connection when its text names one, with its
      // payloadID and orderID: the account manager sees it and finds it by the PO number.
      unreadable = scanUnreadableCxml(redactedDocument());
      connection = await connectionNamedBy(unreadable, context.now).catch(() => null);
      return { code: parsed.error.code, message: parsed.error.message, summary: { payloadId: unreadable.payloadId, ...(unreadable.orderId ? { orderId: unreadable.orderId } : {}) } };
    }
    document = parsed.value;
    if (document.kind !== "Request") return { code: 400, message: `Expected a cXML Request, got a ${document.kind}` };
    // A refused OrderRequest keeps its orderID in the log's summary: "did you get our order?" finds every attempt.
    const orderId = orderIdOf(document);
    const refusedSummary = orderId ? { orderId } : undefined;
    const header = parseCxmlHeader(document);
    if (!header.ok) return { code: header.error.code, message: header.error.message, summary: refusedSummary };
    if (options.trustedConnection) {
      connection = options.trustedConnection;
      return handle({ document, header: header.value, connection: options.trustedConnection, ...forHandler });
    }
    const auth = await authenticateCxmlRequest(document, header.value, context, options.credentials);
    connection = auth.connection;
    if (!auth.ok) {
      // "(secret)", or with what differed: "(from: sent NetworkID:X; expected DUNS:X)" (lib/admin/protocol-message-types.ts reads it).
      logReason = auth.detail ?? auth.reason;
      return { code: auth.code, message: auth.message, summary: refusedSummary };
    }
    return handle({ document, header: header.value, connection: auth.connection, ...forHandler });
  }

  function redactedDocument(): string {
    if (redacted === undefined) {
      const text = cxmlTextForLog(body.bytes);
      redacted = redactCxmlSecrets(body.truncated ? `${text}\n<!-- truncated at ${body.bytes.byteLength} bytes -->` : text);
    }
    return redacted;
  }

  // Inbound first, then the answer: the log reads in the order things happened.
  function logRows(handled: CxmlHandled, { payloadId, xml }: { payloadId: string; xml: string }): ProtocolLogRow[] {
    const doc = document as CxmlDocument | null;
    const conn = connection as PunchoutConnection | null;
    const common = {
      protocol: "cxml" as const,
      connectionId: conn?.id ?? null,
      companyId: conn?.companyId ?? null,
      sessionId: handled.sessionId ?? null,
      status: handled.code < 300 ? "ok" : handled.code >= 500 ? "error" : "rejected",
      httpStatus: HTTP_STATUS_FOR_CXML_CODE[handled.code],
      remoteAddress: context.remoteAddress,
      durationMs: Date.now() - started,
      error: handled.code < 300 ? null : [`${handled.code}: ${handled.message ?? ""}`, logReason && `(${logReason})`].filter(Boolean).join(" "),
    } as const;
    return [
      {
        ...common,
        direction: "inbound",
        type: `cxml.${doc?.payload?.name ?? (doc ? doc.kind : "unparseable")}`,
        contentType: context.contentType,
        payload: redactedDocument(),
        summary: { payloadId: doc?.payloadId ?? null, deploymentMode: doc?.deploymentMode ?? null, bytes: body.bytes.byteLength, ...handled.summary, cxmlStatus: handled.code },
      },
      {
        ...common,
        direction: "outbound",
        type: `cxml.${handled.code === 200 && handled.responseType ? handled.responseType : "Response"}`,
        contentType: "text/xml; charset=UTF-8",
        payload: xml,
        summary: { payloadId, inReplyTo: doc?.payloadId ?? unreadable?.payloadId ?? null, cxmlStatus: handled.code, statusText: handled.message ?? null },
      },
    ];
  }

  const payloadId = outcome.stored?.payloadId ?? newPayloadId(context.now, context.baseUrl);
  const responseXml = outcome.stored
    ? outcome.stored.xml
    : outcome.code === 200 && outcome.render
      ? outcome.render(payloadId)
      : buildStatusResponse({ payloadId, timestamp: context.now, code: outcome.code, message: outcome.message });
  if (!outcome.logged) {
    try {
      // One statement writes both rows (one round trip instead of two).
      await logProtocolMessages(logRows(outcome, { payloadId, xml: responseXml }));
    } catch (failure) {
      console.error("[koppel] cXML message log write failed", failure);
    }
  }
  return { httpStatus: HTTP_STATUS_FOR_CXML_CODE[outcome.code], body: responseXml, cxmlCode: outcome.code };
}

/**
 * The connection an unreadable document's From identities name (cXML connections, as authentication
 * looks them up): the only one, or the first enabled one when they all belong to one customer (a test
 * and a production connection share identities). Null when none, or several customers', match: the
 * log then keeps it for administrators only, as before.
 */
async function connectionNamedBy(clues: UnreadableDocumentClues, now: Date): Promise<PunchoutConnection | null> {
  if (clues.fromIdentities.length === 0) return null;
  const { connections } = await cxmlAuthState([], clues.fromIdentities, now);
  if (connections.length === 0 || new Set(connections.map((c) => c.companyId)).size !== 1) return null;
  return connections.find((c) => c.enabled) ?? connections[0]!;
}

/** The HTTP response for an answer: never HTML, even for failures. */
export function cxmlHttpResponse(answer: CxmlAnswer): Response {
  return new Response(answer.body, {
    status: answer.httpStatus,
    headers: {
      "content-type": "text/xml; charset=UTF-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    },
  });
}
