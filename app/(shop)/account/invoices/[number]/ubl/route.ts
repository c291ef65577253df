import { downloadInvoice, type DownloadContext } from "../download";

// GET /account/invoices/:number/ubl — Peppol BIS Billing 3.0 UBL as a download (the company's users and their staff only)
export function GET(_request: Request, context: DownloadContext): Promise<Response> {
  return downloadInvoice(context, "ubl");
}
