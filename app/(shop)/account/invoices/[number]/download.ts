import "server-only";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { attachmentResponse } from "@/lib/http/attachment-response";
import { getInvoiceForRequest, invoiceNumberParam, type InvoiceFormat } from "@/lib/invoices/invoice-access";
import { renderInvoiceFile } from "@/lib/invoices/render-invoice-file";
import { renderInvoicePdf } from "@/lib/invoices/render-pdf";
import { BUYER_TWO_STEP_SETUP_PATH, buyerMustSetUpTwoStep } from "@/lib/two-step/required";

export type DownloadContext = { params: Promise<{ number: string }> };

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * One rendering of an invoice as a file download. Everybody who may not see the document gets the
 * same 404 as for a number that does not exist; an anonymous visitor is sent to sign in first.
 */
export async function downloadInvoice(context: DownloadContext, format: InvoiceFormat): Promise<Response> {
  const number = invoiceNumberParam((await context.params).number);
  // Not before the company's required two-step verification is on (lib/two-step/required.ts).
  if (buyerMustSetUpTwoStep(await getCurrentUser())) redirect(BUYER_TWO_STEP_SETUP_PATH);
  const { signedIn, invoice } = await getInvoiceForRequest(number);
  if (!signedIn) redirect(`/login?callbackUrl=${encodeURIComponent(`/account/invoices/${encodeURIComponent(number)}/${format}`)}`);
  if (!invoice) return plain(404, "Not found");
  let file: { filename: string; contentType: string; body: string | Uint8Array };
  try {
    file =
      format === "pdf"
        ? { filename: `${invoice.number}.pdf`, contentType: "application/pdf", body: await renderInvoicePdf(invoice) }
        : await renderInvoiceFile(invoice, format);
  } catch (error) {
    // E.g. cXML for an invoice whose order did not come in as a cXML OrderRequest.
    if (isAppError(error) && error.code === "invalid_input") return plain(422, "This document is not available in this format.");
    throw error;
  }
  return attachmentResponse(file);
}
