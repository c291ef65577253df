/** Outbound `<Header>` (From, To, Sender) for documents we send (PROTOCOLS.md §2.2). */
import { el, type XmlBuildElement } from "@/lib/punchout/cxml/xml";

export interface CxmlPartyCredential {
  domain: string;
  identity: string;
}

export interface CxmlHeaderParties {
  from: readonly CxmlPartyCredential[];
  to: readonly CxmlPartyCredential[];
  sender: CxmlPartyCredential;
  userAgent: string;
}

const credential = (c: CxmlPartyCredential, secret?: string): XmlBuildElement =>
  el("Credential", { domain: c.domain }, el("Identity", null, c.identity), secret === undefined ? null : el("SharedSecret", null, secret));

/**
 * Builds `<Header>`. `senderSharedSecret` is only for server-to-server requests (confirmations,
 * ship notices); browser-carried documents (the POOM) must never contain it (§5).
 */
export function buildHeader(parties: CxmlHeaderParties, senderSharedSecret?: string): XmlBuildElement {
  if (parties.from.length === 0 || parties.to.length === 0) throw new RangeError("Header needs From and To credentials");
  return el(
    "Header",
    null,
    el("From", null, parties.from.map((c) => credential(c))),
    el("To", null, parties.to.map((c) => credential(c))),
    el("Sender", null, credential(parties.sender, senderSharedSecret), el("UserAgent", null, parties.userAgent)),
  );
}

/**
 * Header parties for a reply to a received document: we (its To) become From and Sender, its
 * From becomes To. Credentials are copied as received (domains keep the buyer's spelling); a
 * parsed CxmlHeader fits, and so do stored {domain, identity} pairs (no secrets ever).
 */
export function replyHeaderParties(
  received: { from: readonly CxmlPartyCredential[]; to: readonly CxmlPartyCredential[] },
  userAgent: string,
): CxmlHeaderParties {
  const strip = ({ domain, identity }: CxmlPartyCredential): CxmlPartyCredential => ({ domain, identity });
  const [us] = received.to;
  if (us === undefined) throw new RangeError("Received header has no To credential");
  return { from: received.to.map(strip), to: received.from.map(strip), sender: strip(us), userAgent };
}
