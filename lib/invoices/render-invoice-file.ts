import "server-only";
import type { Invoice } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getInvoiceDelivery } from "@/lib/data/invoice-deliveries";
import { getOutboundMessage } from "@/lib/data/outbound-messages";
import { buildUblXml } from "@/lib/einvoice/build-ubl";
import { InvoiceValidationError } from "@/lib/einvoice/calculate";
import { AppError } from "@/lib/errors";
import { ublFileName } from "./access-point";
import { outboundPayloadId } from "@/lib/purchase-orders/outbound-identity";
import { planCxmlInvoice } from "./cxml-invoice-target";

export const INVOICE_FILE_FORMATS = ["ubl", "nlcius", "cxml"] as const;
export type InvoiceFileFormat = (typeof INVOICE_FILE_FORMATS)[number];

export interface InvoiceFile {
  filename: string;
  contentType: string;
  body: string;
}

const XML = "application/xml; charset=utf-8";

/** Removes our SharedSecret element: a download is a copy for people, never a credential. */
export function stripSharedSecret(xml: string): string {
  return xml.replace(/[ \t]*<SharedSecret\b[^>]*?(?:\/>|>[\s\S]*?<\/SharedSecret\s*>)\r?\n?/gi, "");
}

/**
 * The invoice as a downloadable e-invoice file, rendered from the immutable `document` snapshot:
 * "ubl" = Peppol BIS Billing 3.0 (Invoice or CreditNote by kind), "nlcius" = SI-UBL 2.0, "cxml" =
 * InvoiceDetailRequest. For cXML the document that was queued for the buyer is returned when there
 * is one (same payloadID), otherwise one is built now; either way without the SharedSecret.
 * Throws AppError("invalid_input") when the format cannot be produced for this invoice.
 */
export async function renderInvoiceFile(invoice: Invoice, format: InvoiceFileFormat): Promise<InvoiceFile> {
  try {
    if (format === "ubl" || format === "nlcius") {
      const profile = format === "ubl" ? "peppol" : "nlcius";
      return { filename: ublFileName(invoice.number, profile), contentType: XML, body: buildUblXml(invoice.document, profile) };
    }
    return { filename: ublFileName(invoice.number, "peppol").replace(/\.xml$/, "-cxml.xml"), contentType: XML, body: await cxmlBody(invoice) };
  } catch (error) {
    if (error instanceof InvoiceValidationError) throw new AppError("invalid_input", error.message, { problems: error.problems });
    throw error;
  }
}

async function cxmlBody(invoice: Invoice): Promise<string> {
  const delivery = await getInvoiceDelivery(invoice.id, "cxml");
  const queued = delivery?.outboundMessageId ? await getOutboundMessage(delivery.outboundMessageId) : null;
  if (queued) {
    try {
      return stripSharedSecret(decryptSecret(queued.bodyEncrypted, credentialsKey()));
    } catch {
      // Encrypted under an older key: fall through and render it anew.
    }
  }
  const plan = await planCxmlInvoice(invoice);
  if (!plan.ok) throw new AppError("invalid_input", plan.error);
  const now = new Date();
  return plan.build(outboundPayloadId(now), now, false);
}
