import "server-only";
import { startPollingWorker } from "@/lib/polling-worker";
import type { OutboundMessage } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { claimDueOutboundMessages, markOutboundAttemptFailed, markOutboundSent } from "@/lib/data/outbound-messages";
import { logProtocolMessage } from "@/lib/data/protocol-messages";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { redactCxmlSecrets } from "@/lib/punchout/cxml/redact";
import { backoffMs, classifyDelivery, MAX_DELIVERY_ATTEMPTS, readStatusCode } from "./delivery-outcome";

/** Message log type per outbound kind. */
const OUTBOUND_TYPES: Record<OutboundMessage["kind"], string> = {
  confirmation: "cxml.ConfirmationRequest",
  ship_notice: "cxml.ShipNoticeRequest",
  invoice: "cxml.InvoiceDetailRequest",
};

export interface DeliveryOptions {
  now?: () => Date;
  fetch?: typeof fetch;
  limit?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  timeoutMs?: number;
}

/** One round of the outbox: claim due messages, POST each, record the outcome. Returns how many were tried. */
export async function deliverDueMessages(options: DeliveryOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? fetch;
  const claimed = await claimDueOutboundMessages(now(), options.limit ?? 20, options.leaseMs ?? 120_000);
  for (const message of claimed) {
    const started = Date.now();
    let body: string;
    try {
      body = decryptSecret(message.bodyEncrypted, credentialsKey());
    } catch {
      // Encrypted under another key (CREDENTIALS_KEY / AUTH_SECRET changed): cannot ever be sent.
      await markOutboundAttemptFailed(message.id, { permanent: true, httpStatus: null, error: "cannot decrypt (credentials key changed)", nextAttemptAt: now() });
      continue;
    }
    let httpStatus: number | null = null;
    let responseText = "";
    let outcome: ReturnType<typeof classifyDelivery>;
    let error = "";
    try {
      const response = await send(message.url, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=UTF-8" },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        redirect: "error",
      });
      httpStatus = response.status;
      responseText = (await response.text()).slice(0, 100_000);
      const cxmlCode = readStatusCode(responseText);
      outcome = classifyDelivery({ httpStatus, cxmlCode });
      error = `HTTP ${httpStatus}${cxmlCode === null ? "" : `, cXML Status ${cxmlCode}`}`;
    } catch (failure) {
      outcome = classifyDelivery({ networkError: true });
      error = failure instanceof Error ? failure.message : String(failure);
    }
    if (outcome === "retry" && message.attempts >= MAX_DELIVERY_ATTEMPTS) outcome = "failed";
    // For an invoice the owning invoice delivery is updated in the same transaction (mirrored status).
    const { invoiceId } =
      outcome === "sent"
        ? await markOutboundSent(message.id, httpStatus ?? 200, now())
        : await markOutboundAttemptFailed(message.id, {
            permanent: outcome === "failed",
            httpStatus,
            error,
            nextAttemptAt: new Date(now().getTime() + backoffMs(message.attempts, options.backoffBaseMs)),
          });
    const companyId = (await getPunchoutConnection(message.connectionId))?.companyId ?? null;
    await logProtocolMessage({
      protocol: "cxml",
      direction: "outbound",
      companyId,
      type: OUTBOUND_TYPES[message.kind],
      connectionId: message.connectionId,
      status: outcome === "sent" ? "ok" : outcome === "retry" ? "error" : "rejected",
      httpStatus,
      durationMs: Date.now() - started,
      contentType: "text/xml; charset=UTF-8",
      payload: redactCxmlSecrets(body),
      summary: {
        payloadId: message.payloadId,
        orderId: message.orderId,
        ...(invoiceId === null ? {} : { invoiceId }),
        attempt: message.attempts,
        outcome,
        response: responseText.slice(0, 500),
      },
      error: outcome === "sent" ? null : error,
    }).catch((failure: unknown) => console.error("[koppel] outbound log write failed", failure));
  }
  return claimed.length;
}

/** Starts the in-process outbox poller once per process (lib/startup.ts). */
export function startOutboundWorker(intervalMs = 5_000): void {
  startPollingWorker("outbound delivery", deliverDueMessages, intervalMs);
}
