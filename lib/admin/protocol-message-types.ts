/**
 * The message log's vocabulary, pure (no Next, no database): the types the log holds, grouped for the
 * type filter, each with a message key for its readable name ("oci.entry" → log.types.oci_entry), and
 * what a replayed OrderRequest did, read from the log row the replay wrote.
 */

/** The type filter value that selects outbound invoices; `invoice.<channel>` selects one channel. */
export const INVOICE_LOG_TYPE = "invoice";
export const INVOICE_CHANNELS = ["peppol", "nlcius", "cxml", "email"] as const;
export type InvoiceLogChannel = (typeof INVOICE_CHANNELS)[number];

export function invoiceLogType(channel: InvoiceLogChannel): string {
  return `${INVOICE_LOG_TYPE}.${channel}`;
}

/**
 * Every type written to the log (lib/punchout/oci-entry.ts, transfer.ts, cxml-endpoint.ts: `cxml.<payload>`
 * in and `cxml.<Response type>` out, cxml-start.ts, lib/purchase-orders/outbound-worker.ts) and the
 * invoice filters, in the order the filter offers them.
 */
export const MESSAGE_TYPE_GROUPS = [
  { group: "oci", types: ["oci.entry", "oci.transfer", "oci.cancel"] },
  {
    group: "cxmlPunchout",
    types: ["cxml.PunchOutSetupRequest", "cxml.PunchOutSetupResponse", "cxml.StartPage", "cxml.PunchOutOrderMessage", "cxml.ProfileRequest", "cxml.ProfileResponse"],
  },
  { group: "orders", types: ["cxml.OrderRequest", "cxml.Response", "cxml.ConfirmationRequest", "cxml.ShipNoticeRequest"] },
  { group: "invoices", types: [INVOICE_LOG_TYPE, ...INVOICE_CHANNELS.map(invoiceLogType), "cxml.InvoiceDetailRequest"] },
] as const;

/** Types with a readable name that the type filter does not offer: a document we could not parse (cxml-endpoint.ts), whatever it was meant to be. */
export const UNFILTERED_MESSAGE_TYPES = ["cxml.unparseable"] as const;

const KNOWN_TYPES: ReadonlySet<string> = new Set([...MESSAGE_TYPE_GROUPS.flatMap((group) => group.types), ...UNFILTERED_MESSAGE_TYPES]);

/** The message key (under log.types) of a known type's readable name; null for a type the log does not name (shown as it is). */
export function messageTypeKey(type: string): string | null {
  return KNOWN_TYPES.has(type) ? type.replace(/\./g, "_") : null;
}

/** The order a logged message belongs to, as the log query resolves it (lib/data/protocol-messages.ts). */
export interface MessageOrderLink {
  id: number;
  number: string;
}

/** What replaying a logged OrderRequest did, for the account manager. */
export type ReplayOutcome =
  /** The document had been processed before: the stored answer was sent again, nothing created twice. */
  | { kind: "existing"; order: MessageOrderLink | null }
  /** Processed now (the first time failed): the order was created, changed or cancelled. */
  | { kind: "created" | "updated" | "cancelled"; order: MessageOrderLink | null }
  /** Refused again (409: another document already created an order with this buyer's order id). */
  | { kind: "refused"; code: number; reason: string }
  /** Our own failure again (cXML 5xx). */
  | { kind: "failed"; code: number }
  /** Processed, but the replay's log row could not be found (its log write failed): only the cXML status is known. */
  | { kind: "unknown"; code: number };

/** The log row the replay wrote for the document (the inbound one), as far as the outcome needs it. */
export interface ReplayLogRow {
  status: "ok" | "rejected" | "error";
  error: string | null;
  summary: Record<string, unknown>;
  order: MessageOrderLink | null;
}

/**
 * Reads the outcome of a replay from the inbound row it logged (lib/punchout/cxml-order.ts notes
 * `replay`/`duplicate` when the payloadID or the byte-identical document was stored already, the
 * request's `type` and the order number when it stored something). `code` is the cXML status of the
 * replay's answer, for when there is no row.
 */
export function replayOutcome(row: ReplayLogRow | null, code: number): ReplayOutcome {
  if (!row) return code >= 500 ? { kind: "failed", code } : code >= 300 ? { kind: "refused", code, reason: "" } : { kind: "unknown", code };
  const status = typeof row.summary.cxmlStatus === "number" ? row.summary.cxmlStatus : code;
  if (row.status === "error") return { kind: "failed", code: status };
  if (row.status === "rejected") return { kind: "refused", code: status, reason: (row.error ?? "").replace(/^\d{3}:\s*/, "") };
  if (row.summary.replay === true || row.summary.duplicate === true) return { kind: "existing", order: row.order };
  const kind = row.summary.type === "update" ? "updated" : row.summary.type === "delete" ? "cancelled" : "created";
  return { kind, order: row.order };
}

/** The cXML authentication failures the log records in parentheses (lib/punchout/cxml-endpoint.ts), by their message key. */
const CXML_AUTH_REASONS: Readonly<Record<string, string>> = {
  from: "cxml_from",
  to: "cxml_to",
  sender: "cxml_sender",
  secret: "cxml_secret",
  "secret-missing": "cxml_secret_missing",
  "deployment-mode": "cxml_deployment_mode",
  // Worded as for an OCI entry.
  throttled: "throttled",
  disabled: "disabled",
};

/**
 * The English status texts our cXML endpoints refuse with (lib/punchout/cxml-setup.ts, cxml-order.ts,
 * cxml-endpoint.ts, cxml/connection-settings.ts), by cXML status code and the text's fixed part, with
 * their message key: the buyer's system gets the protocol text, the account manager reads words.
 */
const CXML_REFUSALS: readonly { code: string; text: RegExp; key: string }[] = [
  { code: "400", text: /^BrowserFormPost URL .* is not allowed for this connection/, key: "cxml_browser_form_post" },
  { code: "403", text: /^No shop account is available for this user/, key: "cxml_no_shop_user" },
  { code: "409", text: /^payloadID .* was already used for a PunchOutSetupRequest/, key: "cxml_setup_repeated" },
  { code: "409", text: / already exists; send type="update"/, key: "cxml_duplicate_order" },
  { code: "450", text: /^PunchOut is not enabled for this connection/, key: "cxml_punchout_off" },
  { code: "450", text: /^PunchOutSetupRequest operation "[^"]*" is not (?:enabled|supported)/, key: "cxml_operation_off" },
  { code: "400", text: /^Missing required Extrinsic: /, key: "cxml_extrinsic_missing" },
  { code: "406", text: /exceeds the limit of \d+ bytes/, key: "cxml_too_large" },
  { code: "400", text: /^Expected a cXML Request, got a /, key: "cxml_not_a_request" },
  { code: "400", text: /^Payment \(PCard\) data is not accepted/, key: "cxml_payment" },
  { code: "400", text: /^Unknown order .*: nothing to (?:update|delete)/, key: "cxml_unknown_order" },
  { code: "400", text: /^Order .* has already shipped and can no longer be cancelled/, key: "cxml_order_shipped" },
  { code: "400", text: /^Order .* is .* and can no longer be changed/, key: "cxml_order_closed" },
];

/** What cxml-start.ts logs for a start page it refuses (no OCI-style code). */
const START_PAGE_REFUSALS: Readonly<Record<string, string>> = {
  "start token unknown, used or expired": "start_token_expired",
  "start token missing": "start_token_missing",
};

/**
 * The message key (under log.reasons) of a refusal the log recorded, so the account manager reads it
 * in words: an OCI entry's reason code before the colon (`hook_url_not_allowed: http://…`); a cXML
 * authentication failure in the parentheses at the end (`401: Credentials not recognized (secret)`,
 * `(from: sent NetworkID:X; expected DUNS:X)`); a known cXML refusal text (CXML_REFUSALS); otherwise by
 * its cXML status alone: a document we could not read (406), one with content we cannot use (400), a
 * request this connection does not support (450). Null for other errors, ours included (500): their
 * protocol text is shown as logged.
 */
export function refusalReasonKey(error: string | null): string | null {
  if (!error) return null;
  const cxml = /^(\d{3}):\s*/.exec(error);
  if (!cxml) {
    const startPage = START_PAGE_REFUSALS[error.trim()];
    if (startPage) return startPage;
    const code = error.split(":", 1)[0]!.trim();
    return /^[a-z_]+$/.test(code) ? code : null;
  }
  const auth = /\(([a-z-]+)(?::[^()]*)?\)$/.exec(error);
  if (auth && CXML_AUTH_REASONS[auth[1]!]) return CXML_AUTH_REASONS[auth[1]!]!;
  const status = cxml[1]!;
  const text = error.slice(cxml[0].length);
  const known = CXML_REFUSALS.find((refusal) => refusal.code === status && refusal.text.test(text));
  if (known) return known.key;
  if (status === "406") return "cxml_unreadable";
  if (status === "400") return "cxml_invalid_content";
  if (status === "450") return "cxml_unsupported";
  return null;
}
