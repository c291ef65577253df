import "server-only";
import { runCxmlEndpoint, type CxmlAnswer, type CxmlBody, type CxmlEndpointContext } from "./cxml-endpoint";
import { buildProfileResponse, type CxmlProfileTransaction } from "./cxml/build-profile-response";
import { parseCxmlConnectionSettings, type CxmlConnectionSettings } from "./cxml/connection-settings";
import { CxmlContentError, expectPayload, readContent } from "./cxml/xml";

/** Setup operations a connection accepts, in the order of operationAllowed (create < inspect < edit). */
function setupOperations(settings: CxmlConnectionSettings): string {
  return (["create", "inspect", "edit"] as const).slice(0, ["create", "inspect", "edit"].indexOf(settings.operationAllowed) + 1).join(" ");
}

/**
 * `POST /punchout/cxml/profile`: ProfileRequest → ProfileResponse (PROTOCOLS.md §2.4) listing the
 * transactions this connection can use here and their URLs. Only endpoints that exist are listed:
 * PunchOutSetupRequest and OrderRequest (each when enabled for the connection) and ProfileRequest
 * itself. Authenticated like every cXML request.
 */
export async function handleCxmlProfile(body: CxmlBody, context: CxmlEndpointContext): Promise<CxmlAnswer> {
  return runCxmlEndpoint(body, context, async ({ document, connection }) => {
    const request = readContent(() => {
      const payload = expectPayload(document, "ProfileRequest");
      if (payload.children.some((child) => typeof child !== "string")) throw new CxmlContentError("ProfileRequest must be empty");
      return payload;
    });
    if (!request.ok) return { code: request.error.code, message: request.error.message };
    const settings = parseCxmlConnectionSettings(connection.settings);
    const base = context.baseUrl.replace(/\/+$/, "");
    const transactions: CxmlProfileTransaction[] = [];
    if (settings.transactions.includes("PunchOutSetupRequest")) {
      transactions.push({
        requestName: "PunchOutSetupRequest",
        url: `${base}/punchout/cxml/setup`,
        options: [{ name: "operations", value: setupOperations(settings) }],
      });
    }
    if (settings.transactions.includes("OrderRequest")) {
      transactions.push({ requestName: "OrderRequest", url: `${base}/punchout/cxml/order` });
    }
    transactions.push({ requestName: "ProfileRequest", url: `${base}/punchout/cxml/profile` });
    return {
      code: 200,
      responseType: "ProfileResponse",
      summary: { transactions: transactions.map((t) => t.requestName) },
      render: (payloadId) =>
        buildProfileResponse({
          payloadId,
          timestamp: context.now,
          // The services of this connection exist since it was created.
          effectiveDate: connection.createdAt < context.now ? connection.createdAt : context.now,
          transactions,
        }),
    };
  });
}
