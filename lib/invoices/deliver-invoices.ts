import "server-only";
import { startPollingWorker } from "@/lib/polling-worker";
import type { Invoice, InvoiceChannel, InvoiceDelivery } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { getCompany } from "@/lib/data/companies";
import {
  claimDueInvoiceDeliveries,
  getInvoiceDelivery,
  markInvoiceDeliveryAttemptFailed,
  markInvoiceDeliverySent,
  queueInvoiceOutboundMessage,
  requeueInvoiceOutboundMessage,
  resetInvoiceDelivery,
} from "@/lib/data/invoice-deliveries";
import { buildUblXml } from "@/lib/einvoice/build-ubl";
import { InvoiceValidationError } from "@/lib/einvoice/calculate";
import { invoiceMail } from "@/lib/mail/invoice-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { backoffMs, MAX_DELIVERY_ATTEMPTS } from "@/lib/purchase-orders/delivery-outcome";
import { AccessPointError, accessPointSender, type AccessPointSender } from "./access-point";
import { outboundPayloadId } from "@/lib/purchase-orders/outbound-identity";
import { planCxmlInvoice } from "./cxml-invoice-target";
import { renderInvoicePdf } from "./render-pdf";

/**
 * The invoice delivery worker (EINVOICE.md; issue 9 "Formats and delivery"). Each issued invoice
 * has one invoice_deliveries row per channel of the customer; a pass claims the due ones and:
 *  - peppol / nlcius: renders the UBL (Peppol BIS 3 or SI-UBL 2.0) from the document snapshot and
 *    hands it to the access point (lib/invoices/access-point.ts); sent = the AP accepted it;
 *  - cxml: builds the InvoiceDetailRequest and queues it in outbound_messages, the durable outbox of
 *    ConfirmationRequest / ShipNoticeRequest; the outbound worker posts it with retries and the
 *    delivery's status mirrors that message (lib/data/invoice-deliveries.ts);
 *  - email: the PDF attached to an e-mail to the customer's invoice address, via the mail outbox.
 * Failures are retried with the outbound backoff up to MAX_DELIVERY_ATTEMPTS; what can never work
 * (invalid document, missing configuration, 4xx from the AP) fails at once with a readable error,
 * and staff can resend once it is fixed.
 */

/** A failure that retrying cannot cure (configuration or document problem). */
class PermanentDeliveryError extends Error {}

type Outcome = { sent: true; externalReference: string } | { sent: false };

export interface InvoiceDeliveryOptions {
  now?: () => Date;
  limit?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  accessPoint?: AccessPointSender;
}

/** One worker pass: claims due deliveries and attempts each. Returns how many were attempted. */
export async function deliverDueInvoices(options: InvoiceDeliveryOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueInvoiceDeliveries(now(), options.limit ?? 20, options.leaseMs ?? 120_000);
  for (const { delivery, invoice } of claimed) {
    try {
      const outcome = await deliverOne(delivery, invoice, now(), options.accessPoint ?? accessPointSender());
      if (outcome.sent) await markInvoiceDeliverySent(delivery.id, { externalReference: outcome.externalReference, now: now() });
    } catch (failure) {
      const permanent =
        failure instanceof PermanentDeliveryError ||
        failure instanceof InvoiceValidationError ||
        (failure instanceof AccessPointError && !failure.retryable) ||
        delivery.attempts >= MAX_DELIVERY_ATTEMPTS;
      const error = failure instanceof Error ? failure.message : String(failure);
      if (permanent) console.warn(`[koppel] invoice ${invoice.number}: ${delivery.channel} delivery failed: ${error}`);
      await markInvoiceDeliveryAttemptFailed(delivery.id, {
        permanent,
        error,
        nextAttemptAt: new Date(now().getTime() + backoffMs(delivery.attempts, options.backoffBaseMs)),
      });
    }
  }
  return claimed.length;
}

async function deliverOne(delivery: InvoiceDelivery, invoice: Invoice, now: Date, accessPoint: AccessPointSender): Promise<Outcome> {
  switch (delivery.channel) {
    case "peppol":
    case "nlcius": {
      const documentXml = buildUblXml(invoice.document, delivery.channel);
      const { messageId } = await accessPoint.send({
        invoiceNumber: invoice.number,
        documentXml,
        // The parties as printed in the document (EndpointID), so envelope and document agree.
        senderId: invoice.document.supplier.endpoint,
        receiverId: invoice.document.customer.endpoint,
        documentType: invoice.kind,
        profile: delivery.channel,
      });
      return { sent: true, externalReference: `${accessPoint.name}: ${messageId}` };
    }
    case "cxml": {
      const plan = await planCxmlInvoice(invoice);
      if (!plan.ok) throw new PermanentDeliveryError(plan.error);
      if (!plan.url) throw new PermanentDeliveryError(`no order-response URL configured for connection ${plan.connectionName}`);
      const payloadId = outboundPayloadId(now);
      const xml = plan.build(payloadId, now, true);
      // Queued only, as the same outbox row the outbound worker retries (same payloadID every time).
      await queueInvoiceOutboundMessage(delivery.id, {
        connectionId: plan.connectionId,
        orderId: plan.orderId,
        payloadId,
        url: plan.url,
        bodyEncrypted: encryptSecret(xml, credentialsKey()),
      });
      return { sent: false };
    }
    case "email": {
      const company = await getCompany(invoice.companyId);
      const to = company?.invoiceEmail?.trim();
      if (!company || !to) throw new PermanentDeliveryError("the customer has no invoice e-mail address");
      const pdf = await renderInvoicePdf(invoice);
      // The mail outbox row (with the PDF) is the record of what was sent. At least once: a crash
      // between queueing and marking the delivery sent can send the mail twice, never zero times.
      await sendMail(invoiceMail({ email: to, name: company.name }, { ...invoice, pdf }, invoice.locale), now);
      return { sent: true, externalReference: `mail to ${to}` };
    }
  }
}

/**
 * Staff "resend" of one channel: Peppol / NLCIUS / e-mail (and cXML not yet queued) go back to
 * pending now with a fresh attempt budget; cXML requeues the same outbound message (same payloadID
 * and body), so the buyer can recognise a duplicate. False when the invoice has no delivery on
 * that channel.
 */
export async function resendInvoiceDelivery(invoiceId: number, channel: InvoiceChannel, now: Date = new Date()): Promise<boolean> {
  if (channel === "cxml") {
    const delivery = await getInvoiceDelivery(invoiceId, "cxml");
    if (delivery?.outboundMessageId) return requeueInvoiceOutboundMessage(delivery.id, now);
  }
  return (await resetInvoiceDelivery(invoiceId, channel, now)) !== null;
}

/** Starts the in-process invoice delivery poller once per process (lib/startup.ts); runs never overlap. */
export function startInvoiceDeliveryWorker(intervalMs = 10_000): void {
  startPollingWorker("invoice delivery", deliverDueInvoices, intervalMs);
}
