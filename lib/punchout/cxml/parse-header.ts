/** Reads the cXML `<Header>` (PROTOCOLS.md §2.2) of a parsed inbound document. */
import {
  attr,
  childElements,
  childText,
  CxmlContentError,
  type CxmlDeploymentMode,
  type CxmlDocument,
  type CxmlResult,
  deepText,
  firstChild,
  readContent,
  type XmlElement,
} from "@/lib/punchout/cxml/xml";

export type CxmlAuthentication = "sharedSecret" | "credentialMac" | "digitalSignature" | "none";

export interface CxmlCredential {
  /** Credential@domain exactly as sent ("NetworkID", "duns", …); compare case-insensitively. */
  domain: string;
  /** Identity text (trimmed); compare exactly. */
  identity: string;
  /** Credential@type ("marketplace") if present. */
  type: string | null;
  authentication: CxmlAuthentication;
  /** SharedSecret text. Secret: never log it, never echo it. */
  sharedSecret: string | null;
}

export interface CxmlHeader {
  payloadId: string;
  /** cXML@timestamp as sent. */
  timestamp: string | null;
  /** Leniently parsed timestamp (ISO 8601 or anything Date.parse accepts, e.g. Coupa's "Mon May 19 …"). */
  timestampDate: Date | null;
  deploymentMode: CxmlDeploymentMode;
  from: CxmlCredential[];
  to: CxmlCredential[];
  sender: CxmlCredential[];
  /** Sender/UserAgent, "" when missing. */
  userAgent: string;
}

function readCredentials(header: XmlElement, party: "From" | "To" | "Sender"): CxmlCredential[] {
  const element = firstChild(header, party);
  const credentials = element ? childElements(element, "Credential") : [];
  if (credentials.length === 0) throw new CxmlContentError(`Header/${party} has no Credential`);
  return credentials.map((credential) => {
    const domain = attr(credential, "domain")?.trim() ?? "";
    const identityElement = firstChild(credential, "Identity");
    const identity = identityElement ? deepText(identityElement).trim() : "";
    if (!domain || !identity) throw new CxmlContentError(`Header/${party}/Credential needs a domain and an Identity`);
    const secret = firstChild(credential, "SharedSecret");
    return {
      domain,
      identity,
      type: attr(credential, "type")?.trim() || null,
      authentication: secret
        ? "sharedSecret"
        : firstChild(credential, "CredentialMac")
          ? "credentialMac"
          : firstChild(credential, "DigitalSignature")
            ? "digitalSignature"
            : "none",
      sharedSecret: secret ? deepText(secret).trim() : null,
    };
  });
}

/** Lenient `%datetime.tz`: null when unparseable, never an error (replay checks decide what to do). */
export function parseCxmlTimestamp(value: string | null): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Reads Header/From, To, Sender (Credential+, UserAgent) plus the envelope's payloadID, timestamp and deploymentMode. */
export function parseCxmlHeader(document: CxmlDocument): CxmlResult<CxmlHeader> {
  return readContent(() => {
    const header = document.header;
    if (!header) throw new CxmlContentError("cXML Header is missing");
    const sender = firstChild(header, "Sender");
    return {
      payloadId: document.payloadId,
      timestamp: document.timestamp,
      timestampDate: parseCxmlTimestamp(document.timestamp),
      deploymentMode: document.deploymentMode,
      from: readCredentials(header, "From"),
      to: readCredentials(header, "To"),
      sender: readCredentials(header, "Sender"),
      userAgent: (sender && childText(sender, "UserAgent")) ?? "",
    };
  });
}
