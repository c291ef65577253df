import "server-only";
import { randomBytes } from "node:crypto";
import type { StaffUser } from "@/lib/auth/guards";
import { createPunchoutSession, getLatestConnectionTestTransfer, type ConnectionTestTransfer } from "@/lib/data/punchout-sessions";
import { AppError } from "@/lib/errors";
import { hashToken, newToken } from "@/lib/punchout/browser-session";
import { connectionTestReturnUrl, type ConnectionTestMark } from "@/lib/punchout/connection-test";
import { CXML_USER_AGENT } from "@/lib/punchout/cxml-endpoint";
import type { CxmlSessionContext } from "@/lib/punchout/cxml-session-context";
import { parsePunchOutOrderMessage, type CxmlOrderMessage } from "@/lib/punchout/cxml/parse-order-message";
import { CXML_VERSION, parseCxml } from "@/lib/punchout/cxml/xml";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import { readOciTransferFields, type OciReceivedCart } from "@/lib/punchout/oci/read-transfer-fields";
import { addressedAs } from "@/lib/purchase-orders/outbound-identity";
import { getConnectionForStaff } from "./punchout-connections";

/** A test session lasts an hour, like nothing a buyer would keep open for longer while testing. */
const TEST_SESSION_TTL_MS = 60 * 60_000;

/**
 * Opens a punchout session of the connection for the staff member's browser (lib/punchout/connection-test.ts):
 * as the connection's technical user, with the connection's protocol, charset, mapping and (cXML)
 * deploymentMode and identities, as if the buyer's system had sent a setup request without user
 * details. Its cart goes back to the connection's test page on `baseUrl` (the shop's own origin). Needs a connection the staff member may
 * see, enabled (a disabled connection opens no session for anybody).
 */
export async function startConnectionTest(staff: StaffUser, connectionId: number, context: { now: Date; baseUrl: string }): Promise<{ token: string; expiresAt: Date }> {
  const { now } = context;
  const connection = await getConnectionForStaff(staff, connectionId);
  if (!connection.enabled) throw new AppError("conflict", "connection_disabled");
  if (connection.technicalUserId === null) throw new AppError("conflict", "no_technical_user");
  const token = newToken();
  const expiresAt = new Date(now.getTime() + TEST_SESSION_TTL_MS);
  const connectionTest: ConnectionTestMark = { staffId: staff.id };
  const common = {
    connectionId: connection.id,
    companyId: connection.companyId,
    userId: connection.technicalUserId,
    status: "active" as const,
    sessionTokenHash: hashToken(token),
    returnUrl: connectionTestReturnUrl(connection.id, context.baseUrl),
    target: "_top",
    expiresAt,
  };
  if (connection.protocol === "oci") {
    const settings = ociConnectionSettingsSchema.parse(connection.settings);
    await createPunchoutSession({
      ...common,
      protocol: "oci",
      charset: settings.charsetOverride ?? settings.defaultCharset,
      protocolVersion: "5.0",
      context: { caller: null, okCode: null, legacyReturnFields: [], function: null, connectionTest },
    });
  } else {
    const context: CxmlSessionContext & { connectionTest: ConnectionTestMark } = {
      header: {
        from: connection.cxmlFrom.map(({ domain, identity }) => ({ domain, identity })),
        to: [addressedAs(connection)],
        userAgent: `${CXML_USER_AGENT} connection test`,
      },
      deploymentMode: connection.environment,
      timestamp: now.toISOString(),
      extrinsics: [],
      sessionFields: {},
      contacts: [],
      shipTo: null,
      selectedItem: null,
      supplierSetupUrl: null,
      items: [],
      unmatchedItems: [],
      landing: "/",
      connectionTest,
    };
    await createPunchoutSession({
      ...common,
      protocol: "cxml",
      charset: "utf-8",
      protocolVersion: CXML_VERSION,
      buyerCookie: `koppel-test-${randomBytes(8).toString("hex")}`,
      operation: "create",
      context: { ...context },
    });
  }
  return { token, expiresAt };
}

export type ConnectionTestResult = ConnectionTestTransfer &
  (
    | { kind: "oci"; cart: OciReceivedCart }
    | { kind: "cxml"; message: CxmlOrderMessage }
    /** The logged payload does not read back (it always should: this is worth showing, not hiding). */
    | { kind: "unreadable"; error: string }
  );

/** The newest cart a test of this connection sent back, read the way the buyer's system reads it. */
export async function latestConnectionTestResult(staff: StaffUser, connectionId: number): Promise<ConnectionTestResult | null> {
  await getConnectionForStaff(staff, connectionId);
  const transfer = await getLatestConnectionTestTransfer(connectionId);
  if (!transfer) return null;
  if (transfer.protocol === "oci") return { ...transfer, kind: "oci", cart: readOciTransferFields([...new URLSearchParams(transfer.payload)]) };
  const document = parseCxml(transfer.payload);
  const message = document.ok ? parsePunchOutOrderMessage(document.value) : document;
  return message.ok ? { ...transfer, kind: "cxml", message: message.value } : { ...transfer, kind: "unreadable", error: message.error.message };
}
