import "server-only";
import type { Invoice } from "@/db/schema";
import { getInvoiceCxmlContext } from "@/lib/data/invoice-deliveries";
import { buildCxmlInvoiceDetailRequest } from "@/lib/einvoice/build-cxml-invoice";
import { CXML_USER_AGENT } from "@/lib/punchout/cxml-endpoint";
import { outboundIdentity } from "@/lib/purchase-orders/outbound-identity";

/**
 * Where and as whom an invoice's cXML InvoiceDetailRequest goes — the same identities and URL as
 * the ConfirmationRequest / ShipNoticeRequest of that order (lib/purchase-orders/outbound-identity.ts).
 */
export type CxmlInvoicePlan =
  | {
      ok: true;
      connectionId: number;
      connectionName: string;
      orderId: number;
      /** purchase_order_settings.orderResponseUrl; null when none is configured. */
      url: string | null;
      /** The InvoiceDetailRequest; the SharedSecret only when `withSecret` (never in downloads). */
      build(payloadId: string, now: Date, withSecret: boolean): string;
    }
  | { ok: false; error: string };

export async function planCxmlInvoice(invoice: Invoice): Promise<CxmlInvoicePlan> {
  const context = await getInvoiceCxmlContext(invoice);
  if (!context) return { ok: false, error: `the customer of ${invoice.number} has no cXML connection` };
  const { connection, settings, purchaseOrder } = context;
  if (!purchaseOrder) {
    // InvoiceDetailOrderInfo/OrderReference needs the OrderRequest's payloadID (InvoiceDetail.dtd).
    return { ok: false, error: `${invoice.number} does not bill a cXML OrderRequest, so an InvoiceDetailRequest has no order to reference` };
  }
  let identity: ReturnType<typeof outboundIdentity>;
  try {
    identity = outboundIdentity(connection, settings);
  } catch {
    return { ok: false, error: `connection ${connection.name}: our outbound SharedSecret cannot be decrypted (credentials key changed)` };
  }
  const { us, secret } = identity;
  const buyer = identity.buyer[0];
  if (!buyer) return { ok: false, error: `connection ${connection.name} has no buyer From/Sender credential` };
  // The orderID must be the buyer's OrderRequest orderID, whatever BT-13 the document carries.
  const document = { ...invoice.document, orderReference: purchaseOrder.buyerOrderId };
  return {
    ok: true,
    connectionId: connection.id,
    connectionName: connection.name,
    orderId: purchaseOrder.orderId,
    url: settings?.orderResponseUrl ?? null,
    build: (payloadId, now, withSecret) =>
      buildCxmlInvoiceDetailRequest(document, {
        payloadId,
        now,
        from: us[0]!,
        to: buyer,
        sender: { ...us[0]!, sharedSecret: withSecret ? secret : undefined },
        userAgent: CXML_USER_AGENT,
        order: { payloadId: purchaseOrder.payloadId, orderDate: purchaseOrder.orderDate ?? undefined },
        deploymentMode: purchaseOrder.deploymentMode,
        language: invoice.locale === "en" ? "en-US" : "nl-NL",
      }),
  };
}
