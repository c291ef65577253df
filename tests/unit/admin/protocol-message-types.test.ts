import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/punchout.en.json";
import nl from "@/lib/i18n/messages/punchout.nl.json";
import { MESSAGE_TYPE_GROUPS, messageTypeKey, refusalReasonKey, replayOutcome, UNFILTERED_MESSAGE_TYPES, type ReplayLogRow } from "@/lib/admin/protocol-message-types";

const ORDER = { id: 7, number: "K100007" };
const row = (values: Partial<ReplayLogRow>): ReplayLogRow => ({ status: "ok", error: null, summary: {}, order: null, ...values });

describe("messageTypeKey", () => {
  it.each([
    ["oci.entry", "oci_entry"],
    ["cxml.OrderRequest", "cxml_OrderRequest"],
    ["invoice", "invoice"],
    ["invoice.peppol", "invoice_peppol"],
    // Named, though the type filter does not offer it.
    ["cxml.unparseable", "cxml_unparseable"],
    // Not a type the log names: shown as it is.
    ["oci_entry", null],
    ["", null],
  ])("%s → %s", (type, key) => {
    expect(messageTypeKey(type)).toBe(key);
  });

  it("has a readable name for every type and group, in Dutch and in English", () => {
    for (const messages of [nl, en]) {
      const log = messages.punchout.admin.log as unknown as { types: Record<string, string>; typeGroups: Record<string, string> };
      const missing = MESSAGE_TYPE_GROUPS.flatMap(({ group, types }) => [
        ...(log.typeGroups[group] ? [] : [`group ${group}`]),
        ...types.filter((type) => !log.types[messageTypeKey(type)!]),
      ]);
      missing.push(...UNFILTERED_MESSAGE_TYPES.filter((type) => !log.types[messageTypeKey(type)!]));
      expect(missing).toEqual([]);
      expect(Object.keys(log.types).sort()).toEqual([...MESSAGE_TYPE_GROUPS.flatMap(({ types }) => types), ...UNFILTERED_MESSAGE_TYPES].map((type) => messageTypeKey(type)!).sort());
    }
  });
});

describe("replayOutcome", () => {
  it.each<[string, ReplayLogRow | null, number, ReturnType<typeof replayOutcome>]>([
    ["stored before (same payloadID): nothing twice", row({ summary: { replay: true, orderId: 7, cxmlStatus: 200 }, order: ORDER }), 200, { kind: "existing", order: ORDER }],
    ["byte-identical document committed meanwhile", row({ summary: { orderId: "PO-1", type: "new", duplicate: true }, order: null }), 200, { kind: "existing", order: null }],
    ["a new order stored now", row({ summary: { orderId: "PO-1", type: "new", order: "K100007", status: "accepted" }, order: ORDER }), 200, { kind: "created", order: ORDER }],
    ["an update stored now", row({ summary: { orderId: "PO-1", type: "update", order: "K100007" }, order: ORDER }), 200, { kind: "updated", order: ORDER }],
    ["a delete stored now", row({ summary: { orderId: "PO-1", type: "delete", order: "K100007" }, order: ORDER }), 200, { kind: "cancelled", order: ORDER }],
    [
      "refused again, the reason without its code",
      row({ status: "rejected", error: '409: Order PO-1 already exists; send type="update" to change it', summary: { cxmlStatus: 409 } }),
      409,
      { kind: "refused", code: 409, reason: 'Order PO-1 already exists; send type="update" to change it' },
    ],
    ["refused without a logged reason", row({ status: "rejected", error: null, summary: { cxmlStatus: 400 } }), 400, { kind: "refused", code: 400, reason: "" }],
    ["our own failure again", row({ status: "error", error: "500: boom", summary: { cxmlStatus: 500 } }), 500, { kind: "failed", code: 500 }],
    ["no row found, answered 200", null, 200, { kind: "unknown", code: 200 }],
    ["no row found, refused", null, 406, { kind: "refused", code: 406, reason: "" }],
    ["no row found, failed", null, 500, { kind: "failed", code: 500 }],
  ])("%s", (_name, logged, code, expected) => {
    expect(replayOutcome(logged, code)).toEqual(expected);
  });
});

describe("the connection and message log texts", () => {
  function keys(node: unknown, prefix = ""): string[] {
    return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => (value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
  }
  it.each(["handover", "replay", "copy", "log"])("%s has the same keys in Dutch and English, none empty", (area) => {
    const nlArea = (nl.punchout.admin as Record<string, unknown>)[area];
    const enArea = (en.punchout.admin as Record<string, unknown>)[area];
    expect(keys(nlArea).sort()).toEqual(keys(enArea).sort());
    const values = (node: unknown): string[] => Object.values(node as Record<string, unknown>).flatMap((v) => (typeof v === "string" ? [v] : values(v)));
    expect([...values(nlArea), ...values(enArea)].filter((v) => v.trim() === "")).toEqual([]);
  });
});

describe("refusalReasonKey (the log's refusals in words)", () => {
  it.each([
    // OCI entry: the reason code before the colon.
    ["credentials", "credentials"],
    ["hook_url_not_allowed: http://evil.example", "hook_url_not_allowed"],
    // cXML authentication: the reason in the parentheses, with or without what was sent and expected.
    ["401: Credentials not recognized (secret)", "cxml_secret"],
    ["401: Credentials not recognized (secret-missing)", "cxml_secret_missing"],
    ["401: Credentials not recognized (from: sent NetworkID:zaanstad; expected DUNS:zaanstad)", "cxml_from"],
    ["401: Credentials not recognized (to: sent DUNS:OTHER; expected DUNS:KOPPEL)", "cxml_to"],
    ["401: Credentials not recognized (sender)", "cxml_sender"],
    ['403: deploymentMode "production" is not accepted with these credentials (deployment-mode: sent production; connection is test)', "cxml_deployment_mode"],
    ["401: Too many failed attempts; try again in 15 minutes (throttled)", "throttled"],
    ["401: Credentials not recognized (disabled)", "disabled"],
    // What the buyer's system sent could not be read, or its order number came in before.
    ["406: Start tag expected. (line 1)", "cxml_unreadable"],
    ['409: Order ZS-PO-4711 already exists; send type="update" to change it', "cxml_duplicate_order"],
    // Our cXML endpoints' other refusals, by their text (lib/punchout/cxml-setup.ts, cxml-order.ts, cxml-endpoint.ts).
    ["400: BrowserFormPost URL https://x.example is not allowed for this connection", "cxml_browser_form_post"],
    ["403: No shop account is available for this user on this connection", "cxml_no_shop_user"],
    ["409: payloadID 123@buyer was already used for a PunchOutSetupRequest", "cxml_setup_repeated"],
    ["450: PunchOut is not enabled for this connection", "cxml_punchout_off"],
    ['450: PunchOutSetupRequest operation "edit" is not enabled', "cxml_operation_off"],
    ['450: PunchOutSetupRequest operation "source" is not supported', "cxml_operation_off"],
    ["400: Missing required Extrinsic: UserEmail, CostCenter", "cxml_extrinsic_missing"],
    ["406: Document exceeds the limit of 5242880 bytes", "cxml_too_large"],
    ["406: Document of 6000000 bytes exceeds the limit of 5242880 bytes", "cxml_too_large"],
    ["400: Expected a cXML Request, got a Message", "cxml_not_a_request"],
    ["400: Payment (PCard) data is not accepted; send the order without Payment", "cxml_payment"],
    ["400: Unknown order ZS-PO-9: nothing to delete", "cxml_unknown_order"],
    ["400: Order ZS-PO-9 has already shipped and can no longer be cancelled", "cxml_order_shipped"],
    ["400: Order ZS-PO-9 is invoiced and can no longer be changed", "cxml_order_closed"],
    // Other content or support refusals by their status: words for the kind, the text below for the detail.
    ["400: OrderRequestHeader@orderID is missing", "cxml_invalid_content"],
    ["450: Unsupported request", "cxml_unsupported"],
    // A start page we refused, and an OCI entry's parse errors.
    ["start token unknown, used or expired", "start_token_expired"],
    ["start token missing", "start_token_missing"],
    ["invalid_hook_url: not an absolute URL", "invalid_hook_url"],
    ["missing_parameter: USERNAME is required for this FUNCTION", "missing_parameter"],
    // Anything else keeps its protocol text only: our own failures, an answer of the buyer's system.
    ["500: Internal error; please retry later with the same payloadID (connect ECONNREFUSED)", null],
    ["HTTP 503 from https://buyer.example", null],
    [null, null],
  ])("%s → %s", (error, key) => {
    expect(refusalReasonKey(error)).toBe(key);
  });

  it("has words for every key it returns, in Dutch and in English", () => {
    const keys = [
      ...["cxml_from", "cxml_to", "cxml_sender", "cxml_secret", "cxml_secret_missing", "cxml_deployment_mode", "cxml_unreadable", "cxml_duplicate_order", "throttled", "disabled"],
      ...["cxml_browser_form_post", "cxml_no_shop_user", "cxml_setup_repeated", "cxml_punchout_off", "cxml_operation_off", "cxml_extrinsic_missing", "cxml_too_large"],
      ...["cxml_not_a_request", "cxml_payment", "cxml_unknown_order", "cxml_order_shipped", "cxml_order_closed", "cxml_invalid_content", "cxml_unsupported"],
      ...["start_token_expired", "start_token_missing"],
      // Every OCI entry code (lib/punchout/oci-entry.ts, lib/punchout/oci/parse-entry.ts OciEntryErrorCode).
      ...["credentials", "hook_url_not_allowed", "missing_hook_url", "unsupported_function", "user_not_mapped"],
      ...["invalid_hook_url", "unknown_function", "missing_parameter", "invalid_parameter", "duplicate_parameter"],
    ];
    for (const messages of [nl, en]) {
      const reasons = (messages.punchout.admin.log as unknown as { reasons: Record<string, string> }).reasons;
      expect(keys.filter((key) => !reasons[key])).toEqual([]);
    }
  });
});
