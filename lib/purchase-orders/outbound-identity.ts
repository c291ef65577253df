import "server-only";
import type { PunchoutConnection, PurchaseOrderSettings } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
/** A Credential (domain + identity) as stored on connections and settings. */
type CxmlCredential = { domain: string; identity: string };
import { newPayloadId } from "@/lib/punchout/cxml-endpoint";

/**
 * Who we are towards a buyer in the documents we send back (ConfirmationRequest, ShipNoticeRequest,
 * InvoiceDetailRequest): our From/Sender from purchase_order_settings.outboundFrom, else the
 * connection's To identity (what the buyer addresses us as); the buyer's From credentials, else its
 * Sender; and our SharedSecret, stored encrypted. Throws when the secret cannot be decrypted (the
 * credentials key changed).
 */
export function outboundIdentity(connection: PunchoutConnection, settings: PurchaseOrderSettings | null): { us: CxmlCredential[]; buyer: CxmlCredential[]; secret: string | undefined } {
  const us = settings?.outboundFrom.length ? settings.outboundFrom : [addressedAs(connection)];
  const buyer = connection.cxmlFrom.length ? connection.cxmlFrom : connection.cxmlSender;
  const secret = settings?.outboundSharedSecretEncrypted ? decryptSecret(settings.outboundSharedSecretEncrypted, credentialsKey()) : undefined;
  return { us, buyer, secret };
}

/** What the buyer addresses us as: the connection's To identity, else the one our documents use without it. */
export function addressedAs(connection: Pick<PunchoutConnection, "cxmlTo">): CxmlCredential {
  return connection.cxmlTo ?? { domain: "NetworkID", identity: "KOPPEL" };
}

/** payloadID of a document we send (cXML §2.1: unique, with our host name). */
export function outboundPayloadId(now: Date): string {
  return newPayloadId(now, env.APP_URL ?? "http://koppel.invalid");
}
