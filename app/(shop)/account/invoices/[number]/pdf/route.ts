import { downloadInvoice, type DownloadContext } from "../download";

// GET /account/invoices/:number/pdf — the PDF rendering as a download (the company's users and their staff only)
export function GET(_request: Request, context: DownloadContext): Promise<Response> {
  return downloadInvoice(context, "pdf");
}
