import { parseCxmlConnectionSettings } from "@/lib/punchout/cxml/connection-settings";

/**
 * What an account manager gives the customer's procurement team to set up a connection in their
 * system: our absolute URLs (on the shop's public base URL) and the values their documents must carry
 * — the OCI USERNAME, the cXML From/To/Sender identities and the deployment mode. The password or
 * SharedSecret is not among them: only its hash is stored, it is shown once when created or renewed.
 * Pure: no Next, no database.
 */

export type HandoverKey =
  | "ociEntryUrl"
  | "ociUsername"
  | "cxmlSetupUrl"
  | "cxmlOrderUrl"
  | "cxmlProfileUrl"
  | "cxmlFrom"
  | "cxmlTo"
  | "cxmlToAny"
  | "cxmlSender"
  | "deploymentMode";

export interface HandoverItem {
  key: HandoverKey;
  /** What the customer enters (and the copy button copies); empty for a note without a value (cxmlToAny). */
  value: string;
  /** A cXML credential's domain ("NetworkID", "DUNS"), shown beside its identity. */
  domain?: string;
}

export interface HandoverConnection {
  protocol: "oci" | "cxml";
  environment: "test" | "production";
  username: string | null;
  cxmlFrom: readonly { domain: string; identity: string }[];
  cxmlTo: { domain: string; identity: string } | null;
  cxmlSender: readonly { domain: string; identity: string }[];
  settings: unknown;
}

/** The paths of our punchout endpoints (app/punchout/…), as the cXML ProfileResponse lists them too. */
export const PUNCHOUT_PATHS = {
  ociEntry: "/punchout/oci",
  cxmlSetup: "/punchout/cxml/setup",
  cxmlOrder: "/punchout/cxml/order",
  cxmlProfile: "/punchout/cxml/profile",
} as const;

/** Which cXML transactions the connection takes; stored settings that no longer parse count as the default (both). */
function cxmlTransactions(settings: unknown): readonly string[] {
  try {
    return parseCxmlConnectionSettings(settings).transactions;
  } catch {
    return ["PunchOutSetupRequest", "OrderRequest"];
  }
}

/** The cXML header the customer's documents must carry: From, To (or that it is not checked), Sender, deploymentMode. */
function cxmlIdentities(connection: HandoverConnection): HandoverItem[] {
  return [
    ...connection.cxmlFrom.map((c) => ({ key: "cxmlFrom" as const, value: c.identity, domain: c.domain })),
    connection.cxmlTo ? { key: "cxmlTo" as const, value: connection.cxmlTo.identity, domain: connection.cxmlTo.domain } : { key: "cxmlToAny" as const, value: "" },
    ...connection.cxmlSender.map((c) => ({ key: "cxmlSender" as const, value: c.identity, domain: c.domain })),
    { key: "deploymentMode", value: connection.environment },
  ];
}

/**
 * The values to hand over, in the order the customer's system asks for them. OCI: the entry URL and
 * USERNAME (plus the cXML order values when the connection also takes OrderRequests, i.e. has From
 * identities). cXML: the URLs of the transactions the connection takes, the profile URL, and the
 * identities.
 */
export function connectionHandover(connection: HandoverConnection, baseUrl: string): HandoverItem[] {
  const base = baseUrl.replace(/\/+$/, "");
  const url = (path: string) => `${base}${path}`;
  if (connection.protocol === "oci") {
    const items: HandoverItem[] = [
      { key: "ociEntryUrl", value: url(PUNCHOUT_PATHS.ociEntry) },
      { key: "ociUsername", value: connection.username ?? "" },
    ];
    if (connection.cxmlFrom.length === 0) return items;
    return [...items, { key: "cxmlOrderUrl", value: url(PUNCHOUT_PATHS.cxmlOrder) }, ...cxmlIdentities(connection)];
  }
  const transactions = cxmlTransactions(connection.settings);
  return [
    ...(transactions.includes("PunchOutSetupRequest") ? [{ key: "cxmlSetupUrl" as const, value: url(PUNCHOUT_PATHS.cxmlSetup) }] : []),
    ...(transactions.includes("OrderRequest") ? [{ key: "cxmlOrderUrl" as const, value: url(PUNCHOUT_PATHS.cxmlOrder) }] : []),
    { key: "cxmlProfileUrl", value: url(PUNCHOUT_PATHS.cxmlProfile) },
    ...cxmlIdentities(connection),
  ];
}
