import { downloadInvoice, type DownloadContext } from "../download";

// GET /account/invoices/:number/cxml — the cXML InvoiceDetailRequest as a download (the company's users and their staff only)
export function GET(_request: Request, context: DownloadContext): Promise<Response> {
  return downloadInvoice(context, "cxml");
}
